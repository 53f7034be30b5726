"""Receipt numbers TTTT-YYMMDD-NNNN-C: issue, format, tolerant parsing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.receipts.number import (
    MAX_SEQUENCE,
    ReceiptNumber,
    ReceiptNumberError,
    is_receipt_number,
    parse_receipt_number,
)

DAY = date(2026, 11, 27)
SAMPLE = "0042-261127-0123-X"  # check computed independently in test_checkdigits

terminal_codes = st.text(alphabet="0123456789", min_size=4, max_size=4)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
sequences = st.integers(min_value=1, max_value=10**7)


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) - ord("0") + ord("０")) if ch.isdigit() else ch for ch in text)


def _reason(text: str) -> str:
    with pytest.raises(ReceiptNumberError) as caught:
        parse_receipt_number(text)
    return caught.value.reason


# --- issue and format --------------------------------------------------------


def test_issue_formats_canonically() -> None:
    number = ReceiptNumber.issue("0042", DAY, 123)
    assert number == ReceiptNumber("0042", DAY, 123, "X")
    assert number.format() == SAMPLE


@pytest.mark.parametrize(
    ("sequence", "middle"),
    [(1, "0001"), (9999, "9999"), (10000, "10000"), (1234567, "1234567")],
)
def test_sequence_is_padded_to_four_digits_and_grows_after_9999(sequence: int, middle: str) -> None:
    text = ReceiptNumber.issue("0001", date(2000, 1, 1), sequence).format()
    assert text.split("-")[2] == middle
    assert text.startswith("0001-000101-")


@pytest.mark.parametrize(
    ("code", "day", "sequence"),
    [
        ("42", DAY, 1),
        ("00420", DAY, 1),
        ("004a", DAY, 1),
        ("００42", DAY, 1),  # full-width digits are not a terminal code
        ("0042", DAY, 0),
        ("0042", DAY, -1),
        ("0042", DAY, MAX_SEQUENCE + 1),
        ("0042", DAY, True),
        ("0042", date(1999, 12, 31), 1),
        ("0042", date(2100, 1, 1), 1),
        ("0042", datetime(2026, 11, 27, 10, 0), 1),  # a datetime, maybe in UTC
    ],
)
def test_issue_rejects_out_of_range_parts(code: str, day: date, sequence: int) -> None:
    with pytest.raises(ValueError):
        ReceiptNumber.issue(code, day, sequence)


def test_constructing_with_a_wrong_check_character_fails() -> None:
    with pytest.raises(ValueError, match="check character"):
        ReceiptNumber("0042", DAY, 123, "7")
    with pytest.raises(ValueError, match="check character"):
        ReceiptNumber("0042", DAY, 123, "x")


def test_receipt_number_is_immutable() -> None:
    number = ReceiptNumber.issue("0042", DAY, 123)
    with pytest.raises(AttributeError):
        number.sequence = 124  # type: ignore[misc]


# --- parsing -----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        SAMPLE,
        "0042-261127-0123-x",
        "00422611270123X",
        "00422611270123x",
        "0042 261127 0123 X",
        "  0042 2611 2701 23x\r\n",
        "0042\u3000261127\u30000123\u3000X",  # ideographic spaces
        "００４２－２６１１２７－０１２３－Ｘ",  # full-width digits, hyphens and X
        "００４２２６１１２７０１２３ｘ",
        "0042–261127—0123−X",  # dashes a phone keyboard may substitute
        "00-42261127-0123X",  # hyphens in odd places: digits alone decide
    ],
)
def test_typed_forms_parse_to_the_same_number(typed: str) -> None:
    assert parse_receipt_number(typed) == ReceiptNumber("0042", DAY, 123, "X")
    assert is_receipt_number(typed)


@settings(max_examples=200)
@given(terminal_codes, days, sequences)
def test_round_trip_through_every_typed_form(code: str, day: date, sequence: int) -> None:
    number = ReceiptNumber.issue(code, day, sequence)
    text = number.format()
    for typed in (
        text,
        text.replace("-", ""),
        text.replace("-", " "),
        text.lower(),
        _full_width(text),
    ):
        assert parse_receipt_number(typed) == number


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "\r\n", "\t"])
def test_empty(text: str) -> None:
    assert _reason(text) == "empty"


@pytest.mark.parametrize(
    "text",
    [
        "0042-261127-0123-A",
        "0042-2611X7-0123-X",  # X only as the check character
        "X0042-261127-0123",
        "0042_261127_0123_X",
        "0042.261127.0123.X",
        "٠٠٤٢٢٦١١٢٧٠١٢٣X",  # Arabic-Indic digits
        "0042-261127-0123-XX",
        "回执0042-261127-0123-X",
    ],
)
def test_characters(text: str) -> None:
    assert _reason(text) == "characters"


@pytest.mark.parametrize(
    "text",
    [
        "0042-261127-123-X",  # sequence not padded
        "0042-261127-0123",  # check character missing
        "042-261127-0123-X",
        "00422611270",
        "---",
        "0042-261127-1234567890-1",  # sequence longer than nine digits
        "0042-261127-00123-X",  # an extra leading zero is never issued
    ],
)
def test_length(text: str) -> None:
    assert _reason(text) == "length"


@pytest.mark.parametrize(
    "yymmdd",
    ["260230", "250229", "261301", "260001", "261100", "261131", "000000", "999999"],
)
def test_date(yymmdd: str) -> None:
    # Any check character: the date is judged before the check.
    assert _reason(f"0042-{yymmdd}-0123-0") == "date"


def test_a_leap_day_is_a_date() -> None:
    number = ReceiptNumber.issue("0042", date(2028, 2, 29), 5)
    assert parse_receipt_number(number.format()).day == date(2028, 2, 29)


@pytest.mark.parametrize("middle", ["0000", "00000000"])
def test_sequence_zero(middle: str) -> None:
    text = f"0042-261127-{middle}-0"
    expected = "sequence" if middle == "0000" else "length"
    assert _reason(text) == expected


@pytest.mark.parametrize(
    "text", ["0042-261127-0123-7", "0042-261127-0123-0", "0043-261127-0123-X", "0042-261127-0124-X"]
)
def test_check_character(text: str) -> None:
    assert _reason(text) == "check_character"
    assert not is_receipt_number(text)


@settings(max_examples=200)
@given(terminal_codes, days, sequences, st.data())
def test_any_single_digit_typo_is_rejected(
    code: str, day: date, sequence: int, data: st.DataObject
) -> None:
    compact = ReceiptNumber.issue(code, day, sequence).format().replace("-", "")
    index = data.draw(st.integers(0, len(compact) - 2))  # a digit, not the check
    digit = data.draw(st.sampled_from("0123456789").filter(lambda d: d != compact[index]))
    typo = compact[:index] + digit + compact[index + 1 :]
    assert not is_receipt_number(typo)


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_arbitrary_text_only_ever_raises_receipt_number_error(text: str) -> None:
    try:
        number = parse_receipt_number(text)
    except ReceiptNumberError as exc:
        assert exc.reason in {
            "empty",
            "characters",
            "length",
            "date",
            "sequence",
            "check_character",
        }
    else:
        assert parse_receipt_number(number.format()) == number


def test_error_is_a_value_error_carrying_its_reason() -> None:
    with pytest.raises(ValueError) as caught:
        parse_receipt_number("0042-261127-0123-7")
    assert isinstance(caught.value, ReceiptNumberError)
    assert caught.value.reason == "check_character"
    assert str(caught.value) == "check_character"


def test_non_text_is_not_a_receipt_number() -> None:
    assert not is_receipt_number(None)  # type: ignore[arg-type]
    assert not is_receipt_number(422611270123)  # type: ignore[arg-type]
