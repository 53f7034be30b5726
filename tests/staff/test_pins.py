"""PIN rules, the stored hash format and its parameters."""

from __future__ import annotations

import base64
import hashlib

import pytest

from terminal.staff.pins import (
    DEFAULT_PARAMS,
    PinHashError,
    PinRejected,
    ScryptParams,
    check_pin_rules,
    hash_pin,
    needs_rehash,
    parse_hash,
    verify_pin,
)


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("48291", "format"),
        ("482915371", "format"),
        ("48291a", "format"),
        ("４８２９１５", "format"),  # full-width digits are not ASCII digits
        (" 482915", "format"),
        ("000000", "same_digit"),
        ("77777777", "same_digit"),
        ("123456", "sequence"),
        ("2345678", "sequence"),
        ("876543", "sequence"),
        ("789012", "sequence"),  # a run that wraps past 9
        ("121212", "repeating"),
        ("123123", "repeating"),
        ("90129012", "repeating"),
    ],
)
def test_trivial_or_malformed_pins_are_refused(pin: str, reason: str) -> None:
    with pytest.raises(PinRejected) as caught:
        check_pin_rules(pin)
    assert caught.value.reason == reason
    assert pin not in str(caught.value)  # the message never repeats the PIN


@pytest.mark.parametrize("pin", ["482915", "7302641", "90817263", "112358"])
def test_ordinary_pins_are_accepted(pin: str) -> None:
    check_pin_rules(pin)


def test_hash_format_carries_scrypt_parameters_and_a_random_salt() -> None:
    first, second = hash_pin("482915"), hash_pin("482915")
    assert first != second  # a fresh salt each time
    scheme, n, r, p, salt, dk = first.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(2**14), "8", "1")
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(dk)) == 32
    expected = hashlib.scrypt(b"482915", salt=base64.b64decode(salt), n=2**14, r=8, p=1, dklen=32)
    assert base64.b64decode(dk) == expected
    assert "482915" not in first


def test_verify_accepts_the_pin_and_refuses_others() -> None:
    stored = hash_pin("482915")
    assert verify_pin("482915", stored)
    assert not verify_pin("482916", stored)
    assert not verify_pin("４８２９１５", stored)


def test_stronger_parameters_are_honoured_and_weaker_ones_need_a_rehash() -> None:
    strong = ScryptParams(n=2**15, r=8, p=1)
    stored = hash_pin("482915", strong)
    assert parse_hash(stored).params == strong
    assert verify_pin("482915", stored)
    assert not needs_rehash(stored)
    assert needs_rehash(hash_pin("482915"), strong)
    assert not needs_rehash(hash_pin("482915"), DEFAULT_PARAMS)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "bcrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44,
        # n below the minimum, n not a power of two, r too small
        "scrypt$8192$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + base64.b64encode(bytes(32)).decode(),
        "scrypt$20000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + base64.b64encode(bytes(32)).decode(),
        "scrypt$16384$1$1$AAAAAAAAAAAAAAAAAAAAAA==$" + base64.b64encode(bytes(32)).decode(),
        # salt too short, key of the wrong length, not base64
        "scrypt$16384$8$1$AAAA$" + base64.b64encode(bytes(32)).decode(),
        "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + base64.b64encode(bytes(16)).decode(),
        "scrypt$16384$8$1$!!!!$????",
    ],
)
def test_malformed_or_weak_hashes_are_refused(stored: str) -> None:
    with pytest.raises(PinHashError):
        parse_hash(stored)
