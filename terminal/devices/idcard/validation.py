"""Turn the raw fields a reader delivers into a checked `IdCard`, or a failure.

Every backend (simulator, serial reader, vendor plugin) goes through this one
function, so every card is checked the same way: the number against GB 11643
(check digit, date, region), the printed birth date and sex against the
number, and the validity period against today's date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from terminal.checkdigits import id_number_problem, parse_id_number
from terminal.devices.idcard.card import CardFailureReason, CardReadFailure, CardReadResult, IdCard

LONG_TERM = "长期"
# GB/T 2261.1 codes 1/2 appear in some vendors' SDK output.
_SEX_WORDS = {
    "男": "male",
    "女": "female",
    "male": "male",
    "female": "female",
    "1": "male",
    "2": "female",
}
_REQUIRED_TEXT = ("name", "ethnicity", "address", "id_number", "issuing_authority")


class _BadField(ValueError):
    """A raw field that is missing or cannot be parsed (never carries its value)."""


def parse_card_date(value: Any, field_name: str) -> date:
    """A date as a `date`, ``YYYYMMDD``, ``YYYY-MM-DD`` or ``YYYY.MM.DD``."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        digits = re.sub(r"[-./ ]", "", value.strip())
        if re.fullmatch(r"[0-9]{8}", digits):
            try:
                return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
            except ValueError:
                pass
    raise _BadField(f"{field_name}: not a date")


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _BadField(f"{key}: missing")
    return value.strip()


def _valid_until(value: Any) -> date | None:
    if value is None or (isinstance(value, str) and value.strip() == LONG_TERM):
        return None
    return parse_card_date(value, "valid_until")


def _photo(value: Any) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, bytes | bytearray):
        return bytes(value) or None
    raise _BadField("photo: not bytes")


def card_from_raw(raw: Mapping[str, Any], today: date | None = None) -> CardReadResult:
    """Check a reader's raw fields; the result is an `IdCard` or a `CardReadFailure`.

    Raw fields: name, sex (男/女/male/female), ethnicity, birth_date, address,
    id_number, issuing_authority, valid_from, valid_until (a date or 长期),
    photo (JPEG bytes or None). Dates as `date` or ``YYYYMMDD`` text.
    """
    today = today or date.today()
    try:
        fields = {key: _text(raw, key) for key in _REQUIRED_TEXT}
        sex = _SEX_WORDS.get(str(raw.get("sex", "")).strip())
        if sex is None:
            raise _BadField("sex: not 男/女")
        birth_date = parse_card_date(raw.get("birth_date"), "birth_date")
        valid_from = parse_card_date(raw.get("valid_from"), "valid_from")
        valid_until = _valid_until(raw.get("valid_until"))
        photo = _photo(raw.get("photo"))
    except _BadField as exc:
        return CardReadFailure(CardFailureReason.UNREADABLE, str(exc))

    problem = id_number_problem(fields["id_number"], today)
    if problem:
        return CardReadFailure(CardFailureReason.INVALID_NUMBER, f"id_number: {problem}")
    info = parse_id_number(fields["id_number"], today)
    if info.birth_date != birth_date:
        return CardReadFailure(
            CardFailureReason.INVALID_NUMBER, "birth date on card differs from the number"
        )
    if info.sex != sex:
        return CardReadFailure(CardFailureReason.INVALID_NUMBER, "sex on card differs from number")
    if valid_until is not None and valid_until < valid_from:
        return CardReadFailure(CardFailureReason.UNREADABLE, "validity ends before it starts")
    if valid_until is not None and valid_until < today:
        return CardReadFailure(CardFailureReason.EXPIRED, "validity period has ended")
    return IdCard(
        name=fields["name"],
        sex=sex,
        ethnicity=fields["ethnicity"],
        birth_date=birth_date,
        address=fields["address"],
        id_number=info.number,
        issuing_authority=fields["issuing_authority"],
        valid_from=valid_from,
        valid_until=valid_until,
        photo=photo,
    )
