"""Check characters and validators for identifiers citizens type or scan.

- ISO 7064 MOD 11-2: the check character of the resident ID number (GB 11643)
  and of our receipt numbers.
- GB 11643-1999: the 18-character resident identity number.
- GB 32100-2015: the 18-character unified social credit code.
- Mainland mobile numbers.

Every validator returns ``None`` when the value is good, or a short reason
code that screens translate into plain words. No I/O here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MOD11_2_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_MOD11_2_CHARS = "10X98765432"


def mod11_2_check(digits: str) -> str:
    """ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') over a digit string."""
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError("mod11_2_check needs a non-empty string of ASCII digits")
    total = 0
    for ch in digits:
        total = (total * 2 + int(ch)) % 11
    # (total*2 + check) % 11 == 1  → check = (12 - total*2 % 11) % 11
    value = (12 - (total * 2) % 11) % 11
    return "X" if value == 10 else str(value)


def _gb11643_check(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _MOD11_2_WEIGHTS, strict=True))
    return _MOD11_2_CHARS[total % 11]


# Province-level codes of GB/T 2260 (the first two digits of an ID number).
PROVINCE_CODES = frozenset(
    {
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
        83,
    }
)
# Residence permits of Hong Kong, Macao and Taiwan residents carry exactly
# 810000 / 820000 / 830000 as their address code.
_RESIDENCE_PERMIT_CODES = frozenset({81, 82, 83})
# Foreigners' permanent residence cards are issued only by mainland offices.
_MAINLAND_PROVINCE_CODES = PROVINCE_CODES - {71} - _RESIDENCE_PERMIT_CODES


@dataclass(frozen=True)
class IdNumberInfo:
    """What a valid ID number says about its holder."""

    number: str
    region_code: str
    birth_date: date
    sex: str  # "male" | "female"


def normalize_id_number(value: str) -> str:
    """Strip blanks and upper-case the final x; full-width digits become ASCII."""
    table = {ord("０") + i: ord("0") + i for i in range(10)}
    table[ord("ｘ")] = ord("X")
    table[ord("Ｘ")] = ord("X")
    # split() drops every kind of blank, including the ideographic space a
    # Chinese input method types between groups.
    return "".join(value.translate(table).split()).upper()


def _region_ok(number: str) -> bool:
    # Since December 2023 the foreigner's permanent residence ID number has
    # the same 18-character layout but starts with "9" followed by the
    # province code of the issuing office; citizens' numbers start with 1-8.
    if number[0] == "9":
        return int(number[1:3]) in _MAINLAND_PROVINCE_CODES
    province = int(number[:2])
    if province in _RESIDENCE_PERMIT_CODES:
        return True
    # A bare province code (e.g. 110000) names no county that issues numbers.
    return province in PROVINCE_CODES and number[2:6] != "0000"


def id_number_problem(value: str, today: date | None = None) -> str | None:
    """Reason an ID number is invalid, or None.

    Reasons: ``length``, ``characters``, ``region``, ``birth_date``, ``check_digit``.
    """
    number = normalize_id_number(value)
    if len(number) != 18:
        return "length"
    # [0-9], not \d: \d also matches Arabic-Indic and other Unicode digits,
    # which int() accepts and which would then pass as a valid number.
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
        return "characters"
    if not _region_ok(number):
        return "region"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "birth_date"
    today = today or date.today()
    if born > today or born.year < 1880:
        return "birth_date"
    if _gb11643_check(number[:17]) != number[17]:
        return "check_digit"
    return None


def parse_id_number(value: str, today: date | None = None) -> IdNumberInfo:
    """Parse a valid ID number; raises ValueError(reason) otherwise."""
    problem = id_number_problem(value, today)
    if problem:
        raise ValueError(problem)
    number = normalize_id_number(value)
    born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return IdNumberInfo(
        number=number,
        region_code=number[:6],
        birth_date=born,
        sex="male" if int(number[16]) % 2 else "female",
    )


def gb11643_check_digit(first17: str) -> str:
    """The 18th character for 17 leading digits (to make valid test numbers)."""
    if not re.fullmatch(r"[0-9]{17}", first17):
        raise ValueError("need exactly 17 digits")
    return _gb11643_check(first17)


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check_char(first17: str) -> str:
    """GB 32100 check character for the first 17 characters."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def uscc_problem(value: str) -> str | None:
    """Reason a unified social credit code is invalid, or None.

    Reasons: ``length``, ``characters``, ``region``, ``check_digit``.
    """
    code = value.replace(" ", "").strip().upper()
    if len(code) != 18:
        return "length"
    if any(c not in _USCC_CHARS for c in code):
        return "characters"
    if not code[2:8].isdigit():
        return "region"
    if uscc_check_char(code[:17]) != code[17]:
        return "check_digit"
    return None


def mobile_problem(value: str) -> str | None:
    """Reason a mainland mobile number is invalid, or None.

    Reasons: ``length``, ``characters``, ``prefix``. A leading +86 or 86 is accepted.
    """
    number = value.replace(" ", "").replace("-", "")
    if number.startswith("+86"):
        number = number[3:]
    elif len(number) == 13 and number.startswith("86"):
        number = number[2:]
    if not number:
        return "length"
    if not number.isascii() or not number.isdigit():
        return "characters"
    if len(number) != 11:
        return "length"
    if not re.fullmatch(r"1[3-9]\d{9}", number):
        return "prefix"
    return None
