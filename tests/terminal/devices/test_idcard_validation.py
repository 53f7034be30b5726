"""Card checks: number, birth date, sex, validity period; masking and messages."""

from __future__ import annotations

from datetime import date

import pytest

from terminal.checkdigits import gb11643_check_digit
from terminal.devices.idcard import CardFailureReason, CardReadFailure, IdCard, card_from_raw

TODAY = date(2026, 11, 27)


def _number(first17: str) -> str:
    return first17 + gb11643_check_digit(first17)


def raw_card(**changes: object) -> dict[str, object]:
    card: dict[str, object] = {
        "name": "张三",
        "sex": "男",
        "ethnicity": "汉",
        "birth_date": "19850312",
        "address": "示范市演示区样例路1号",
        "id_number": _number("11990119850312123"),
        "issuing_authority": "示范市公安局演示分局",
        "valid_from": "20180601",
        "valid_until": "20380601",
        "photo": b"\xff\xd8jpeg",
    }
    card.update(changes)
    return card


def failure(raw: dict[str, object]) -> CardFailureReason:
    result = card_from_raw(raw, TODAY)
    assert isinstance(result, CardReadFailure), result
    return result.reason


def test_good_card_is_parsed_into_typed_fields() -> None:
    card = card_from_raw(raw_card(), TODAY)
    assert isinstance(card, IdCard)
    assert card.birth_date == date(1985, 3, 12)
    assert card.valid_from == date(2018, 6, 1)
    assert card.valid_until == date(2038, 6, 1)
    assert card.sex == "male" and card.sex_label == "男"
    assert card.photo == b"\xff\xd8jpeg"


def test_long_term_card_has_no_end_date() -> None:
    card = card_from_raw(raw_card(valid_until="长期"), TODAY)
    assert isinstance(card, IdCard)
    assert card.valid_until is None


def test_lowercase_x_and_iso_dates_are_accepted() -> None:
    number = _number("11990119900101005")
    assert number.endswith("X")
    card = card_from_raw(
        raw_card(id_number=number.lower(), birth_date="1990-01-01", sex="男"), TODAY
    )
    assert isinstance(card, IdCard)
    assert card.id_number == number.upper()


def test_the_good_number_really_ends_in_0() -> None:
    assert raw_card()["id_number"] == "119901198503121230"


@pytest.mark.parametrize(
    "changes",
    [
        {"id_number": "119901198503121231"},  # wrong check digit (the right one is 0)
        {"id_number": "119901198503121"},  # too short
        {"id_number": "999901198503121230"},  # no such province
        {"birth_date": "19850313"},  # card says another day than the number
        {"sex": "女"},  # number says male
    ],
)
def test_number_problems_are_invalid_number(changes: dict[str, object]) -> None:
    assert failure(raw_card(**changes)) is CardFailureReason.INVALID_NUMBER


def test_expired_card_is_refused_with_the_expired_message() -> None:
    result = card_from_raw(raw_card(valid_from="20061101", valid_until="20261126"), TODAY)
    assert isinstance(result, CardReadFailure)
    assert result.reason is CardFailureReason.EXPIRED
    assert result.message_zh.startswith("身份证已过期")
    assert "expired" in result.message_en
    assert "2026" not in result.detail  # no personal dates in the log detail


def test_card_valid_through_its_last_day() -> None:
    assert isinstance(card_from_raw(raw_card(valid_until="20261127"), TODAY), IdCard)


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"address": None},
        {"sex": "X"},
        {"birth_date": "1985031"},
        {"valid_from": "20181301"},
        {"valid_until": "20100101"},  # ends before it starts
        {"photo": "not bytes"},
    ],
)
def test_missing_or_garbled_fields_are_unreadable(changes: dict[str, object]) -> None:
    assert failure(raw_card(**changes)) is CardFailureReason.UNREADABLE


def test_repr_and_failure_detail_hide_personal_data() -> None:
    card = card_from_raw(raw_card(), TODAY)
    text = repr(card) + str(card)
    assert "张三" not in text and "样例路" not in text
    assert raw_card()["id_number"] not in text
    assert "1199**********1230"[:4] in text and "*" in text
    bad = card_from_raw(raw_card(birth_date="19850313"), TODAY)
    assert isinstance(bad, CardReadFailure)
    assert "19850313" not in bad.detail and "张三" not in bad.detail


def test_every_reason_has_both_languages() -> None:
    for reason in CardFailureReason:
        f = CardReadFailure(reason)
        assert f.message_zh and f.message_en
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f.message_zh)
        assert f.message == f"{f.message_zh}\n{f.message_en}"
