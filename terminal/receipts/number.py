"""Receipt numbers: ``TTTT-YYMMDD-NNNN-C`` (sync-protocol.md §7).

TTTT is the terminal code, YYMMDD the local date of issue, NNNN the
per-terminal, per-day sequence (zero-padded to four digits, more digits after
9999) and C the ISO 7064 MOD 11-2 check character over all the digits before
it, as on the citizen ID number.

Citizens retype these numbers on a keypad or a phone to look up progress, so
parsing accepts spaces, full-width digits, a lowercase x and any or no
hyphens: without separators the layout is still unambiguous, because only the
sequence has a variable width.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from terminal.checkdigits import mod11_2_check

_TERMINAL_DIGITS = 4
_DATE_DIGITS = 6
_MIN_SEQUENCE_DIGITS = 4
# Far beyond what one kiosk issues in a day; the bound keeps typed input
# (and the printed number) from growing without limit.
_MAX_SEQUENCE_DIGITS = 9
MAX_SEQUENCE = 10**_MAX_SEQUENCE_DIGITS - 1

_MIN_LENGTH = _TERMINAL_DIGITS + _DATE_DIGITS + _MIN_SEQUENCE_DIGITS + 1
_MAX_LENGTH = _TERMINAL_DIGITS + _DATE_DIGITS + _MAX_SEQUENCE_DIGITS + 1

_ASCII_DIGITS = frozenset("0123456789")
# Dashes a phone keyboard or an input method may produce instead of "-".
_HYPHENS = frozenset("-－‐‑‒–—―−")
_TYPED_FORMS = str.maketrans(
    {**{chr(ord("０") + i): str(i) for i in range(10)}, "x": "X", "ｘ": "X", "Ｘ": "X"}
)


class ReceiptNumberError(ValueError):
    """A typed or scanned receipt number that is not valid.

    ``reason`` is one of ``empty``, ``characters``, ``length``, ``date``,
    ``sequence``, ``check_character``; screens turn it into plain words.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ReceiptNumber:
    """A valid receipt number; construction checks every part, check included."""

    terminal_code: str
    day: date
    sequence: int
    check: str

    def __post_init__(self) -> None:
        digits = _covered_digits(self.terminal_code, self.day, self.sequence)
        expected = mod11_2_check(digits)
        if self.check != expected:
            raise ValueError(f"check character must be {expected!r}, got {self.check!r}")

    @classmethod
    def issue(cls, terminal_code: str, day: date, sequence: int) -> ReceiptNumber:
        """The receipt number for this terminal, day and sequence, with its check character.

        Raises ValueError when a part is out of range (terminal code not four
        ASCII digits, day outside 2000-2099 or a datetime, sequence not
        1..MAX_SEQUENCE).
        """
        check = mod11_2_check(_covered_digits(terminal_code, day, sequence))
        return cls(terminal_code, day, sequence, check)

    def format(self) -> str:
        """The canonical printed form, e.g. ``0042-261127-0123-X``."""
        return (
            f"{self.terminal_code}-{self.day:%y%m%d}-"
            f"{self.sequence:0{_MIN_SEQUENCE_DIGITS}d}-{self.check}"
        )


def _covered_digits(terminal_code: str, day: date, sequence: int) -> str:
    """The digits the check character covers, after checking each part."""
    if not (
        isinstance(terminal_code, str)
        and len(terminal_code) == _TERMINAL_DIGITS
        and set(terminal_code) <= _ASCII_DIGITS
    ):
        raise ValueError(f"terminal code must be 4 ASCII digits, got {terminal_code!r}")
    # A datetime is a date too, but receipts carry the local calendar day; a
    # datetime here (perhaps in UTC) would be a caller's mistake.
    if not isinstance(day, date) or isinstance(day, datetime):
        raise ValueError(f"receipt day must be a date, got {day!r}")
    if not 2000 <= day.year <= 2099:  # YYMMDD can only name a day of 2000-2099
        raise ValueError(f"receipt day must be in 2000-2099, got {day}")
    if isinstance(sequence, bool) or not isinstance(sequence, int):
        raise ValueError(f"sequence must be an int, got {sequence!r}")
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"sequence must be 1..{MAX_SEQUENCE}, got {sequence}")
    return f"{terminal_code}{day:%y%m%d}{sequence:0{_MIN_SEQUENCE_DIGITS}d}"


def _compact(text: str) -> str:
    """Typed text reduced to its digits and check character, or ReceiptNumberError."""
    typed = text.translate(_TYPED_FORMS)
    if not typed.strip():
        raise ReceiptNumberError("empty")
    compact = "".join(ch for ch in typed if not ch.isspace() and ch not in _HYPHENS)
    body, last = compact[:-1], compact[-1:]
    # X is only ever the check character, so it may appear last and nowhere else.
    if not set(body) <= _ASCII_DIGITS or not (last in _ASCII_DIGITS or last in {"X", ""}):
        raise ReceiptNumberError("characters")
    return compact


def parse_receipt_number(text: str) -> ReceiptNumber:
    """Parse a receipt number as typed, scanned or printed.

    Accepts the canonical form and the same with spaces instead of hyphens, no
    separators at all, full-width digits or a lowercase x. Raises
    ReceiptNumberError with reason ``empty``, ``characters``, ``length``,
    ``date``, ``sequence`` or ``check_character``.
    """
    if not isinstance(text, str):
        raise ReceiptNumberError("characters")
    compact = _compact(text)
    if not _MIN_LENGTH <= len(compact) <= _MAX_LENGTH:
        raise ReceiptNumberError("length")
    terminal_code = compact[:_TERMINAL_DIGITS]
    yymmdd = compact[_TERMINAL_DIGITS : _TERMINAL_DIGITS + _DATE_DIGITS]
    sequence_digits = compact[_TERMINAL_DIGITS + _DATE_DIGITS : -1]
    # A sequence is padded to exactly four digits; "00123" is an extra digit
    # typed, and its check would be computed over digits we never issue.
    if len(sequence_digits) > _MIN_SEQUENCE_DIGITS and sequence_digits[0] == "0":
        raise ReceiptNumberError("length")
    try:
        day = date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
    except ValueError:
        raise ReceiptNumberError("date") from None
    sequence = int(sequence_digits)
    if sequence == 0:
        raise ReceiptNumberError("sequence")
    if mod11_2_check(compact[:-1]) != compact[-1]:
        raise ReceiptNumberError("check_character")
    return ReceiptNumber(terminal_code, day, sequence, compact[-1])


def is_receipt_number(text: str) -> bool:
    """True when ``text`` parses as a valid receipt number (see parse_receipt_number)."""
    try:
        parse_receipt_number(text)
    except ReceiptNumberError:
        return False
    return True
