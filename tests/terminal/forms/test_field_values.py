"""Every field type and every constraint: the problem codes and the words shown."""

from __future__ import annotations

from datetime import date

import pytest

from terminal.forms import AttachmentRef, FormSession

SHA_A = "a" * 64
SHA_B = "b" * 64

# GB 11643 numbers with correct check digits (computed independently, by hand rules).
VALID_IDS = ["11010519491231002X", "530102199001011231", "532323201506120024"]
VALID_USCC = ["91350100M000100Y43", "92530102MA6NQ8W31A", "91530100216521370G"]


def codes(session: FormSession, key: str) -> list[str]:
    """The problem codes of one field."""
    return [p.code for p in session.problems(key)]


def test_required_text_and_choice_fields_say_fill_in_or_choose(session: FormSession) -> None:
    [name] = session.problems("name")
    assert (name.code, name.message.zh_CN, name.message.en) == (
        "required",
        "请填写“姓名”",
        "Please fill in “Name”",
    )
    [reason] = session.problems("reason")
    assert reason.message.zh_CN == "请选择“原因”"
    assert session.problems("note") == ()  # optional and empty: nothing to say


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("张", ["min_length"]),
        ("张三", []),
        ("  张  三  ", []),
        ("张" * 11, ["max_length"]),
        ("   ", ["required"]),
    ],
)
def test_text_length(session: FormSession, value: str, expected: list[str]) -> None:
    session.set("name", value)
    assert codes(session, "name") == expected


def test_text_is_trimmed_and_long_text_keeps_lines(session: FormSession) -> None:
    session.set("name", "  张  三 ")
    session.set("note", " 第一行\n第二行 ")
    assert session.value("name") == "张 三"
    assert session.value("note") == "第一行\n第二行"
    session.set("note", "字" * 51)
    [problem] = session.problems("note")
    assert problem.message.en == "“Notes” can have at most 50 characters"


def test_pattern_uses_its_own_message(session: FormSession) -> None:
    session.set("plate", "云A12345")
    assert codes(session, "plate") == []
    session.set("plate", "A12345")
    [problem] = session.problems("plate")
    assert (problem.code, problem.message.zh_CN) == ("pattern", "车牌号格式不对")


@pytest.mark.parametrize(
    ("value", "expected", "stored"),
    [
        ("12.5", [], 12.5),
        ("１２", [], 12),  # full-width digits from a Chinese keyboard
        ("1,000", [], 1000),
        (1000.0, [], 1000),
        ("0.5", ["min"], None),
        ("1000.01", ["max"], None),
        ("3.141", ["decimals"], None),
        ("十二", ["not_a_number"], None),
        ("nan", ["not_a_number"], None),
        (True, ["not_a_number"], None),
    ],
)
def test_number_limits(
    session: FormSession, value: object, expected: list[str], stored: float | None
) -> None:
    session.set("amount", value)
    assert codes(session, "amount") == expected
    if stored is not None:
        assert session.value("amount") == stored


def test_integer_number_and_message_override(session: FormSession) -> None:
    session.set("people", "2.5")
    assert codes(session, "people") == ["not_integer"]
    session.set("people", "12")
    [problem] = session.problems("people")
    assert (problem.message.zh_CN, problem.message.en) == ("最多9人", "At most 9 people")
    session.set("people", 3)
    assert codes(session, "people") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-28", []),
        (date(2026, 12, 27), []),
        ("2026-11-27", ["min"]),  # today; the form wants from tomorrow
        ("2026-12-28", ["max"]),
        ("2026-02-30", ["invalid_date"]),
        ("下周一", ["invalid_date"]),
        (20261128, ["invalid_date"]),
    ],
)
def test_date_limits_relative_to_today(
    session: FormSession, value: object, expected: list[str]
) -> None:
    session.set("visit", value)
    assert codes(session, "visit") == expected


def test_date_message_names_the_limit(session: FormSession) -> None:
    session.set("visit", "2026-12-31")
    [problem] = session.problems("visit")
    assert problem.message.zh_CN == "“日期”不能晚于2026-12-27"


def test_single_choice(session: FormSession) -> None:
    session.set("reason", "stolen")
    assert codes(session, "reason") == ["unknown_choice"]
    session.set("reason", "lost")
    assert codes(session, "reason") == []


def test_multi_choice_counts_and_values(session: FormSession) -> None:
    session.set("reason", "lost")
    session.set("services", ["sms", "post"])
    assert codes(session, "services") == []
    assert session.value("services") == ("post", "sms")  # the definition's order
    session.set("services", ["post", "sms", "call"])
    assert codes(session, "services") == ["max_count"]
    session.set("services", ["fax"])
    assert codes(session, "services") == ["unknown_choice"]
    session.set("services", "post")  # a bare string is not a list of choices
    assert codes(session, "services") == ["unknown_choice"]
    session.set("services", [{"value": "post"}])
    assert codes(session, "services") == ["unknown_choice"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("530102001", []),  # 华山街道: a township, as required
        ("530102001001", []),  # 翠湖社区: deeper is fine
        ("530102004", []),  # 龙翔街道 has no villages in the tree
        ("530102", ["region_level"]),  # 五华区: pick on
        ("530000", ["region_level"]),
        ("530102999", ["region_unknown"]),
    ],
)
def test_region_down_to_the_required_level(
    session: FormSession, code: str, expected: list[str]
) -> None:
    session.set("area", code)
    assert codes(session, "area") == expected


def test_region_level_message_names_the_level(session: FormSession) -> None:
    session.set("area", "530102")
    [problem] = session.problems("area")
    assert problem.message.zh_CN == "“地区”请继续选择到乡（镇、街道）级"
    assert problem.message.en == "Please go on choosing “Area” down to Township / subdistrict"


@pytest.mark.parametrize("number", VALID_IDS)
def test_valid_id_numbers(session: FormSession, number: str) -> None:
    session.set("id_no", number.lower())
    assert codes(session, "id_no") == []
    assert session.value("id_no") == number


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("11010519491231002", "id_number.length"),
        ("11010519491231002Y", "id_number.characters"),
        ("99010519491231002X", "id_number.region"),
        ("110105194902300021", "id_number.birth_date"),
        ("110105194912310021", "id_number.check_digit"),
        ("530102199001011232", "id_number.check_digit"),
    ],
)
def test_invalid_id_numbers(session: FormSession, number: str, code: str) -> None:
    session.set("id_no", number)
    [problem] = session.problems("id_no")
    assert problem.code == code


def test_id_number_born_after_today_is_refused(session: FormSession) -> None:
    session.set("id_no", "530102202612010018")  # born 2026-12-01, after the fixed today
    assert codes(session, "id_no") == ["id_number.birth_date"]


def test_id_check_digit_message(session: FormSession) -> None:
    session.set("id_no", "110105194912310021")
    [problem] = session.problems("id_no")
    assert problem.message.zh_CN == "身份证号码有误，请逐位核对"


@pytest.mark.parametrize(
    ("number", "expected", "stored"),
    [
        ("13812345678", [], "13812345678"),
        ("+86 138 1234 5678", [], "13812345678"),
        ("８６13812345678", [], "13812345678"),
        ("1381234567", ["mobile.length"], None),
        ("12812345678", ["mobile.prefix"], None),
        ("1381234567a", ["mobile.characters"], None),
    ],
)
def test_mobile_numbers(
    session: FormSession, number: str, expected: list[str], stored: str | None
) -> None:
    session.set("phone", number)
    assert codes(session, "phone") == expected
    if stored:
        assert session.value("phone") == stored


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_credit_codes(session: FormSession, code: str) -> None:
    session.set("credit", code.lower())
    assert codes(session, "credit") == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("91350100M000100Y4", "uscc.length"),
        ("91350100M000100YI3", "uscc.characters"),
        ("9135A100M000100Y43", "uscc.region"),
        ("91350100M000100Y44", "uscc.check_digit"),
    ],
)
def test_invalid_credit_codes(session: FormSession, code: str, expected: str) -> None:
    session.set("credit", code)
    assert codes(session, "credit") == [expected]


def test_attachments_counts_types_and_references(session: FormSession) -> None:
    page = AttachmentRef(SHA_A, "image/jpeg", "page-1.jpg")
    session.set("scan", [page])
    assert codes(session, "scan") == []
    session.set("scan", [page, page, page])
    assert codes(session, "scan") == ["max_count"]
    session.set("scan", [AttachmentRef(SHA_B, "image/png", "p.png")])
    assert codes(session, "scan") == ["media_type"]
    session.set("scan", [{"sha256": "not-a-digest", "media_type": "image/jpeg"}])
    assert codes(session, "scan") == ["invalid_value"]
    session.set("scan", [{"sha256": 12, "media_type": "image/jpeg"}])
    assert codes(session, "scan") == ["invalid_value"]
    session.set("scan", [{"sha256": SHA_B, "media_type": "application/pdf", "name": "s.pdf"}])
    assert session.value("scan") == (AttachmentRef(SHA_B, "application/pdf", "s.pdf"),)


def test_wrong_python_types_are_problems_not_crashes(session: FormSession) -> None:
    session.set("name", 42)
    session.set("area", 530102001)
    session.set("scan", "photo.jpg")
    assert codes(session, "name") == ["invalid_value"]
    assert codes(session, "area") == ["invalid_value"]
    assert codes(session, "scan") == ["invalid_value"]


def test_unknown_keys_raise(session: FormSession) -> None:
    with pytest.raises(KeyError):
        session.set("nickname", "x")
    with pytest.raises(KeyError):
        session.problems("nickname")
