"""Display masks: names, phones, ID numbers, and the receipt's contact line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.masking import mask_id_number, mask_name, mask_phone, masked_contact


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        ("张", "*"),
        ("A", "*"),
        ("买买提·艾力", "买*****"),
        ("John Smith", "J*********"),
        ("  John   Smith \n", "J*********"),  # blanks trimmed, runs count once
        ("li", "l*"),
        (" 张三 ", "张*"),
        ("𠮷野", "𠮷*"),  # a character outside the BMP is still one character
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),  # the country code is not the visible head
        ("8613812345678", "138****5678"),
        ("008613812345678", "138****5678"),
        ("＋８６１３８１２３４５６７８", "138****5678"),
        ("0871-65123456", "087*****3456"),  # landline with area code
        ("(0871)65123456", "087*****3456"),
        ("87654321", "********"),  # 3 + 4 visible would leave one digit hidden
        ("1381234567", "**********"),
        ("1", "*"),
        ("+85291234567", "+85*****4567"),  # not a mainland code: nothing is stripped
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("id_number", "masked"),
    [
        ("53010219900101123X", "5301**********123X"),
        ("53010219900101123x", "5301**********123X"),
        ("530102 19900101 123X", "5301**********123X"),
        ("５３０１０２１９９００１０１１２３Ｘ", "5301**********123X"),
        ("530102900101123", "5301*******1123"),  # the old 15-digit number
        ("E12345678", "*********"),  # a passport number is too short to show any of
        ("53010219900101", "**************"),
        ("X", "*"),
    ],
)
def test_mask_id_number(id_number: str, masked: str) -> None:
    assert mask_id_number(id_number) == masked


@pytest.mark.parametrize("blank", ["", " ", "\u3000", "\r\n", None, 42, b"13812345678"])
def test_blank_or_odd_input_masks_to_nothing(blank: object) -> None:
    assert mask_name(blank) == ""  # type: ignore[arg-type]
    assert mask_phone(blank) == ""  # type: ignore[arg-type]
    assert mask_id_number(blank) == ""  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "phone", "contact"),
    [
        ("张三", "13812345678", "张* 138****5678"),
        ("张三", None, "张*"),
        ("张三", "", "张*"),
        (None, "13812345678", "138****5678"),
        ("  ", "13812345678", "138****5678"),
        (None, None, None),
        ("", " ", None),
    ],
)
def test_masked_contact(name: str | None, phone: str | None, contact: str | None) -> None:
    assert masked_contact(name, phone) == contact


def _visible(masked: str) -> int:
    return sum(ch != "*" for ch in masked)


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_a_name_shows_at_most_its_first_character(name: str) -> None:
    masked = mask_name(name)
    assert set(masked[1:]) <= {"*"}
    if len(masked) == 1:
        assert masked == "*"


@settings(max_examples=200)
@given(st.text(alphabet="0123456789+- ()abc\u3000", max_size=30))
def test_a_phone_shows_at_most_seven_characters_and_hides_at_least_four(phone: str) -> None:
    masked = mask_phone(phone)
    assert _visible(masked) <= 7
    if _visible(masked):
        assert len(masked) >= 11
        assert masked[3:-4] == "*" * (len(masked) - 7)


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_an_id_number_shows_at_most_eight_characters_and_hides_at_least_seven(text: str) -> None:
    masked = mask_id_number(text)
    assert _visible(masked) <= 8
    if _visible(masked):
        assert masked[4:-4] == "*" * (len(masked) - 8)
        assert len(masked) - 8 >= 7


@settings(max_examples=200)
@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_every_mobile_hides_its_middle_four_digits(mobile: str) -> None:
    masked = mask_phone(mobile)
    assert masked == mobile[:3] + "****" + mobile[-4:]


@settings(max_examples=200)
@given(st.one_of(st.none(), st.text(max_size=20)), st.one_of(st.none(), st.text(max_size=20)))
def test_masked_contact_never_raises_and_is_none_or_non_blank(
    name: str | None, phone: str | None
) -> None:
    contact = masked_contact(name, phone)
    assert contact is None or contact.strip() != ""
