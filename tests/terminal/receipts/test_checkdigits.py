"""Check characters and validators for ID numbers, credit codes and mobiles."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.checkdigits import (
    gb11643_check_digit,
    id_number_problem,
    mobile_problem,
    mod11_2_check,
    normalize_id_number,
    parse_id_number,
    uscc_check_char,
    uscc_problem,
)

TODAY = date(2026, 11, 27)
digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=30)


def _pure_mod11_2_holds(with_check: str) -> bool:
    """ISO 7064 MOD 11-2 written out independently: sum of d * 2^k ≡ 1 (mod 11)."""
    values = [10 if ch == "X" else int(ch) for ch in with_check]
    total = sum(v * pow(2, len(values) - 1 - i, 11) for i, v in enumerate(values))
    return total % 11 == 1


def _with_check(first17: str) -> str:
    return first17 + gb11643_check_digit(first17)


# --- ISO 7064 MOD 11-2 -------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "check"),
    [
        ("11010519491231002", "X"),  # the GB 11643 example number
        ("44052418800101001", "4"),  # the other GB 11643 example
        ("00422611270123", "X"),  # receipt 0042-261127-0123
        ("0", "1"),
    ],
)
def test_mod11_2_known_values(digits: str, check: str) -> None:
    assert mod11_2_check(digits) == check


@pytest.mark.parametrize("bad", ["", "12a4", "１２３", "١٢٣", " 123", "12-3", "X"])
def test_mod11_2_rejects_anything_but_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        mod11_2_check(bad)


@settings(max_examples=200)
@given(digit_strings)
def test_mod11_2_satisfies_the_iso_equation(digits: str) -> None:
    assert _pure_mod11_2_holds(digits + mod11_2_check(digits))


@settings(max_examples=200)
@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_mod11_2_agrees_with_the_weighted_id_algorithm(first17: str) -> None:
    assert mod11_2_check(first17) == gb11643_check_digit(first17)


@settings(max_examples=200)
@given(digit_strings, st.data())
def test_mod11_2_catches_every_single_digit_substitution(digits: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(digits) - 1))
    replacement = data.draw(st.sampled_from("0123456789").filter(lambda d: d != digits[index]))
    typo = digits[:index] + replacement + digits[index + 1 :]
    assert mod11_2_check(typo) != mod11_2_check(digits)


@settings(max_examples=200)
@given(st.text(alphabet="0123456789", min_size=2, max_size=30), st.data())
def test_mod11_2_catches_adjacent_transpositions(digits: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(digits) - 2))
    swapped = digits[:index] + digits[index + 1] + digits[index] + digits[index + 2 :]
    if swapped != digits:
        assert mod11_2_check(swapped) != mod11_2_check(digits)


# --- GB 11643 resident ID numbers ---------------------------------------------


def test_parse_the_standard_example_number() -> None:
    info = parse_id_number("11010519491231002X", today=TODAY)
    assert info.number == "11010519491231002X"
    assert info.region_code == "110105"
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex == "female"  # 17th digit 2 is even


def test_parse_male_holder_born_in_1880() -> None:
    info = parse_id_number("440524188001010014", today=TODAY)
    assert info.birth_date == date(1880, 1, 1)
    assert info.sex == "male"


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",
        " 110105 19491231 002X ",
        "110105\u300019491231\u3000002X",  # ideographic spaces from an input method
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
    ],
)
def test_typed_forms_normalize_to_the_same_number(typed: str) -> None:
    assert normalize_id_number(typed) == "11010519491231002X"
    assert id_number_problem(typed, today=TODAY) is None
    assert parse_id_number(typed, today=TODAY).number == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "length"),
        ("1101051949123100", "length"),
        ("11010519491231002X1", "length"),
        ("110105194912310021", "check_digit"),
        ("440524188001010015", "check_digit"),
        ("11010519491231002A", "characters"),
        ("1101051949123100X2", "characters"),
        ("11010519491231002-", "characters"),
        # Arabic-Indic digits: int() accepts them, so they once passed as valid.
        ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", "characters"),
    ],
)
def test_id_number_problems(value: str, reason: str) -> None:
    assert id_number_problem(value, today=TODAY) == reason
    with pytest.raises(ValueError, match=reason):
        parse_id_number(value, today=TODAY)


@pytest.mark.parametrize(
    "first17",
    [
        "10010519491231002",  # 10 is no province
        "99010519491231002",
        "00010519491231002",
        "11000019491231002",  # province only, no county
        "97115619900101001",  # a permanent residence card is never issued in Taiwan
        "98115619900101001",  # a permanent residence card is never issued in Hong Kong
    ],
)
def test_unknown_region(first17: str) -> None:
    assert id_number_problem(_with_check(first17), today=TODAY) == "region"


@pytest.mark.parametrize(
    "first17",
    [
        "81000019900101001",  # Hong Kong resident's residence permit
        "82000019900101001",  # Macao resident's residence permit
        "83000019900101001",  # Taiwan resident's residence permit
        "94415619900101001",  # 2023 permanent residence card issued in Guangdong
        "93115619900101001",  # ... and in Shanghai
    ],
)
def test_residence_permits_and_permanent_residence_cards_are_accepted(first17: str) -> None:
    assert id_number_problem(_with_check(first17), today=TODAY) is None


@pytest.mark.parametrize(
    "birth",
    [
        "19900230",  # 30 February
        "19900229",  # 1990 is no leap year
        "19000229",  # neither is 1900
        "19901301",
        "19900100",
        "18791231",  # before 1880
        "20261128",  # the day after TODAY
    ],
)
def test_impossible_birth_dates(birth: str) -> None:
    assert id_number_problem(_with_check(f"530102{birth}123"), today=TODAY) == "birth_date"


@pytest.mark.parametrize("birth", ["20000229", "20261127", "18800101"])
def test_edge_birth_dates_that_exist(birth: str) -> None:
    number = _with_check(f"530102{birth}123")
    assert id_number_problem(number, today=TODAY) is None


@settings(max_examples=200)
@given(
    st.sampled_from(["110105", "530102", "440524", "650102"]),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.integers(0, 999),
)
def test_generated_numbers_parse_back(region: str, born: date, serial: int) -> None:
    number = _with_check(f"{region}{born:%Y%m%d}{serial:03d}")
    info = parse_id_number(number, today=TODAY)
    assert (info.region_code, info.birth_date) == (region, born)
    assert info.sex == ("male" if serial % 2 else "female")


@pytest.mark.parametrize("bad", ["1101051949123100", "110105194912310021", "١١٠١٠٥١٩٤٩١٢٣١٠٠٢"])
def test_gb11643_check_digit_needs_17_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        gb11643_check_digit(bad)


# --- GB 32100 unified social credit codes ------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",
        "91440300708461136T",
        "91110108551385082Q",
        "91310000775785552L",
        "91350100m000100y43",  # lowercase
        " 9135 0100 M000 100Y 43 ",
    ],
)
def test_valid_credit_codes(code: str) -> None:
    assert uscc_problem(code) is None


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "length"),
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("91350100M000100Y44", "check_digit"),
        ("91350100M000100Y34", "check_digit"),  # transposed
        ("91350100M000100I43", "characters"),  # I, O, S, V, Z are not used
        ("91350100M000100O43", "characters"),
        ("91350100M000100Z43", "characters"),
        ("91350100M000100Y4-", "characters"),
        ("91A50100M000100Y43", "region"),
    ],
)
def test_credit_code_problems(code: str, reason: str) -> None:
    assert uscc_problem(code) == reason


def test_credit_code_check_character_is_in_the_alphabet() -> None:
    assert uscc_check_char("91350100M000100Y4") == "3"
    assert uscc_check_char("91440300708461136") == "T"


# --- mainland mobile numbers -------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        "19912345678",
        "+8613812345678",
        "8613812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
    ],
)
def test_valid_mobiles(value: str) -> None:
    assert mobile_problem(value) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "length"),
        ("+86", "length"),
        ("1381234567", "length"),
        ("138123456789", "length"),
        ("+86138123456789", "length"),
        ("12812345678", "prefix"),
        ("23812345678", "prefix"),
        ("10012345678", "prefix"),
        ("1381234567a", "characters"),
        ("１３８１２３４５６７８", "characters"),
        ("+85213812345678", "characters"),
        ("13812345678\n", "characters"),
    ],
)
def test_mobile_problems(value: str, reason: str) -> None:
    assert mobile_problem(value) == reason
