"""sync.protocol pieces central relies on: receipt check characters, times, key files."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sync.protocol.key_files import PlatformKeyFile
from sync.protocol.receipt_numbers import make_receipt_no, mod11_2, receipt_no_problem
from sync.protocol.schemas import HeartbeatRequest
from terminal.checkdigits import mod11_2_check


@given(st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_check_character_agrees_with_the_terminals(digits):
    assert mod11_2(digits) == mod11_2_check(digits)


def test_receipt_numbers():
    good = make_receipt_no("0042", "261127", 123)
    assert good == "0042-261127-0123-X"  # the page's example has a wrong check character
    assert receipt_no_problem(good) is None
    assert receipt_no_problem("0042-261127-0123-7") == "check_character"
    assert receipt_no_problem("42-261127-0123-7") == "format"
    assert receipt_no_problem(make_receipt_no("0042", "261127", 12345)) is None


def test_times_need_an_offset_and_a_sane_range():
    beat = {"app_version": "1", "queue": {"pending": 0}, "devices": {}}
    parsed = HeartbeatRequest.model_validate({**beat, "last_sync_at": "2026-11-27T10:11:09+08:00"})
    assert parsed.model_dump(mode="json")["last_sync_at"] == "2026-11-27T02:11:09.000000Z"
    for bad in ("2026-11-27T02:11:09", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"):
        with pytest.raises(ValidationError):
            HeartbeatRequest.model_validate({**beat, "last_sync_at": bad})


def test_key_file_model_checks_raw_key_lengths():
    with pytest.raises(ValidationError):
        PlatformKeyFile.model_validate({
            "kid": "k", "alg": "a", "private_key": "AAAA", "public_key": "AAAA",
            "created_at": "2026-01-01T00:00:00Z",
        })  # fmt: skip


def test_key_file_model_checks_sm2_key_lengths():
    import base64

    def doc(private: int, public: int) -> dict[str, object]:
        return {
            "kid": "k", "alg": "SM2-SM4GCM-SM3", "created_at": "2026-01-01T00:00:00Z",
            "private_key": base64.b64encode(bytes(private)).decode(),
            "public_key": base64.b64encode(b"\x04" + bytes(public - 1)).decode(),
        }  # fmt: skip

    PlatformKeyFile.model_validate(doc(32, 65))
    for sizes in ((32, 32), (33, 65), (32, 64)):
        with pytest.raises(ValidationError):
            PlatformKeyFile.model_validate(doc(*sizes))
