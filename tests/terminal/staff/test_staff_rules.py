"""The staff rules both sides use (sync/protocol/staff_rules.py): ids, names, roles,
PINs, the stored hash format and its parameters."""

from __future__ import annotations

import base64
import hashlib

import pytest

from sync.protocol.staff_rules import (
    DEFAULT_PARAMS,
    RESERVED_IDS,
    PinHashError,
    PinRejected,
    ScryptParams,
    StaffRuleError,
    check_display_name,
    check_pin_rules,
    check_role,
    check_staff_id,
    hash_new_pin,
    hash_pin,
    needs_rehash,
    parse_hash,
    verify_pin,
)
from terminal.audit import actions


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
    assert (scheme, n, r, p) == ("scrypt", str(2**16), "8", "1")  # the raised default
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(dk)) == 32
    expected = hashlib.scrypt(b"482915", salt=base64.b64decode(salt), n=2**16, r=8, p=1, dklen=32,
                              maxmem=2**27)  # fmt: skip
    assert base64.b64decode(dk) == expected
    assert "482915" not in first


def test_verify_accepts_the_pin_and_refuses_others() -> None:
    stored = hash_pin("482915")
    assert verify_pin("482915", stored)
    assert not verify_pin("482916", stored)
    assert not verify_pin("４８２９１５", stored)


def test_stronger_parameters_are_honoured_and_weaker_ones_need_a_rehash() -> None:
    old = ScryptParams(n=2**14, r=8, p=1)  # the default before issue 13: still accepted
    stored = hash_pin("482915", old)
    assert parse_hash(stored).params == old
    assert verify_pin("482915", stored)
    assert needs_rehash(stored)  # weaker than today's default
    strong = ScryptParams(n=2**17, r=8, p=1)
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


def test_a_trivial_pin_is_refused_before_it_is_hashed() -> None:
    with pytest.raises(PinRejected) as caught:
        hash_new_pin("111111")
    assert caught.value.reason == "same_digit"
    assert isinstance(caught.value, StaffRuleError)  # central catches the one base class
    assert verify_pin("482915", hash_new_pin("482915"))


@pytest.mark.parametrize(
    "params",
    [ScryptParams(n=2**13), ScryptParams(n=20000), ScryptParams(r=4), ScryptParams(n=2**21)],
)
def test_no_hash_is_made_that_a_terminal_would_refuse(params: ScryptParams) -> None:
    with pytest.raises(ValueError):
        hash_pin("482915", params)


def _verdict(check, value: str) -> str:  # type: ignore[no-untyped-def]
    try:
        check(value)
    except StaffRuleError as exc:
        return exc.reason
    return "ok"


@pytest.mark.parametrize(
    ("staff_id", "verdict"),
    [("S001", "ok"), ("s-1_x", "ok"), ("A" * 32, "ok"), ("A" * 33, "bad_id"), ("", "bad_id"),
     ("S 1", "bad_id"), ("_S1", "bad_id"), ("-S1", "bad_id"), ("S001!", "bad_id"),
     ("王敏", "bad_id"), ("system", "bad_id"), ("UNKNOWN", "bad_id"),
     ("13987654321", "bad_id"), ("x13987654321", "bad_id"),  # shaped like a mobile number
     ("53010219900101123X", "bad_id"), ("a53010219900101123x", "bad_id"),  # an ID number
     ("12345678901", "ok"), ("S0011398765432", "ok"), ("1398765432", "ok")],
)  # fmt: skip
def test_staff_id_rules(staff_id: str, verdict: str) -> None:
    assert _verdict(check_staff_id, staff_id) == verdict


def test_the_terminals_own_audit_actors_are_reserved() -> None:
    assert {actions.SYSTEM, actions.UNKNOWN_ACTOR} == RESERVED_IDS


@pytest.mark.parametrize(
    ("name", "verdict"),
    [("王敏", "ok"), (" 王敏 ", "ok"), ("", "bad_name"), ("   ", "bad_name"), ("x" * 64, "ok"),
     ("x" * 65, "bad_name"), ("a\tb", "bad_name"), ("a\x7f", "bad_name")],
)  # fmt: skip
def test_display_name_rules(name: str, verdict: str) -> None:
    assert _verdict(check_display_name, name) == verdict
    if verdict == "ok":
        assert check_display_name(name) == name.strip()


def test_roles() -> None:
    assert [check_role(r) for r in ("clerk", "technician")] == ["clerk", "technician"]
    assert _verdict(check_role, "admin") == "bad_role"
