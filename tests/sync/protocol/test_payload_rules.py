"""The shape rules of a payload (sync/protocol/payload_rules.py), which central's intake
and the terminal's checks before a receipt both run: required fields, types, lengths,
the score range, NUL and control characters, nesting, size, receipt numbers of
ratings, anonymous against named appeals, and the catalog's codes."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from sync.protocol.payload_rules import (
    MAX_NESTING,
    MAX_PAYLOAD_BYTES,
    CatalogCodes,
    PayloadRejected,
    judge_payload,
)
from sync.protocol.receipt_numbers import make_receipt_no
from terminal.submissions.payload_checks import check_payload

CODES = CatalogCodes("2026.11.3", {"urban.road", "urban.noise"}, {"hukou.move"}, {"110105"})
TARGET = make_receipt_no("0042", "261127", 1)
APPEAL: dict[str, Any] = {
    "category": "urban.road",
    "description": "路灯坏了",
    "location": {"region_code": "110105"},
    "anonymous": False,
    "contact": {"name": "张三", "phone": "13800138000"},
    "wants_reply": True,
    "consent_version": "2026-11",
}
APPLICATION: dict[str, Any] = {
    "item_code": "hukou.move",
    "form_version": "1",
    "fields": {"name": "李四"},
    "applicant": {"name": "李四"},
}
RATING: dict[str, Any] = {"target_receipt_no": TARGET, "score": 4}
BASE = {"appeal": APPEAL, "application": APPLICATION, "rating": RATING}


def changed(kind: str, **changes: Any) -> dict[str, Any]:
    """The good payload of ``kind`` with members replaced (KeyError: removed)."""
    payload = copy.deepcopy(BASE[kind])
    for name, value in changes.items():
        if value is KeyError:
            payload.pop(name)
        else:
            payload[name] = value
    return payload


def judge(kind: str, payload: Any, *, codes: CatalogCodes | None = CODES, **options: Any):
    return judge_payload(kind, json.dumps(payload).encode(), codes, **options)


def refusal(kind: str, payload: Any, **options: Any) -> PayloadRejected:
    with pytest.raises(PayloadRejected) as caught:
        judge(kind, payload, **options)
    return caught.value


@pytest.mark.parametrize("kind", sorted(BASE))
def test_good_payloads_are_taken_with_their_document(kind: str) -> None:
    judged = judge(kind, BASE[kind], code=BASE[kind].get("category"), margin=True)
    assert judged.document == BASE[kind]
    assert type(judged.payload).__name__.lower().startswith(kind)


@pytest.mark.parametrize(
    ("kind", "name"),
    [("appeal", "description"), ("appeal", "anonymous"), ("application", "applicant"),
     ("application", "fields"), ("rating", "score"), ("rating", "target_receipt_no")],
)  # fmt: skip
def test_a_required_member_left_out_is_missing(kind: str, name: str) -> None:
    problem = refusal(kind, changed(kind, **{name: KeyError}))
    assert (problem.reason, problem.field, str(problem)) == (
        "missing", name, f"{name}: Field required"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "limit"), [("category", 64), ("title", 500), ("description", 20_000)]
)
def test_text_up_to_its_limit_is_taken_and_one_more_is_too_long(name: str, limit: int) -> None:
    judge("appeal", changed("appeal", **{name: "路" * limit}), codes=None)
    problem = refusal("appeal", changed("appeal", **{name: "路" * (limit + 1)}), codes=None)
    assert (problem.reason, problem.field) == ("too_long", name)
    assert str(problem) == f"{name}: String should have at most {limit} characters"


@pytest.mark.parametrize("value", [5, ["a"], {"a": 1}, True])
def test_a_member_of_the_wrong_type_is_invalid(value: Any) -> None:
    problem = refusal("appeal", changed("appeal", description=value))
    assert (problem.reason, problem.field) == ("invalid", "description")


def test_the_score_is_a_whole_number_from_1_to_5() -> None:
    for score in (1, 5):
        judge("rating", changed("rating", score=score))
    for score in (0, 6, 4.5, "many"):
        assert refusal("rating", changed("rating", score=score)).field == "score"


def test_a_rating_names_a_receipt_number_with_its_check_character() -> None:
    wrong_check = TARGET[:-1] + ("0" if TARGET[-1] != "0" else "1")
    for target in (wrong_check, "0042-261127-1", "x" * 20):
        problem = refusal("rating", changed("rating", target_receipt_no=target))
        assert (problem.reason, problem.field) == ("invalid", "target_receipt_no")


def test_reasons_of_a_rating_are_short_texts() -> None:
    judge("rating", changed("rating", reasons=["fast", "r" * 64]))
    assert refusal("rating", changed("rating", reasons=["r" * 65])).reason == "too_long"


def test_an_appeal_is_named_with_a_contact_or_anonymous_without_one() -> None:
    judge("appeal", changed("appeal", anonymous=True, contact=KeyError))
    named = refusal("appeal", changed("appeal", contact=None))
    assert named.reason == "missing"
    assert str(named) == "payload: Value error, a named appeal needs a contact"
    anonymous = refusal("appeal", changed("appeal", anonymous=True))
    assert anonymous.reason == "invalid"
    assert str(anonymous) == "payload: Value error, an anonymous appeal carries no contact"


def test_nul_and_unpaired_surrogates_are_refused_on_both_sides() -> None:
    for text in ("路灯\x00坏了", "\ud800"):
        problem = refusal("appeal", changed("appeal", description=text))
        assert problem.reason == "characters"
        assert str(problem) == "payload is not JSON: a string holds NUL or an unpaired surrogate"


def test_the_margin_refuses_other_control_characters_central_takes() -> None:
    for text in ("a\x07b", "a\x1bb", "a\x7fb", "a\x85b"):
        payload = changed("appeal", description=text)
        judge("appeal", payload)
        assert refusal("appeal", payload, margin=True).reason == "characters"
    judge("appeal", changed("appeal", description="a\tb\r\nc"), margin=True)


def test_the_margin_bounds_nesting_and_size() -> None:
    def nested_to(depth: int) -> dict[str, Any]:  # the payload is depth 0, fields 1
        leaf: Any = "leaf"
        for _ in range(depth - 2):
            leaf = [leaf]
        return changed("application", fields={"deep": leaf})

    judge("application", nested_to(MAX_NESTING), margin=True)
    nested = nested_to(MAX_NESTING + 1)
    judge("application", nested)
    assert "nested deeper" in str(refusal("application", nested, margin=True))
    large = changed(
        "application", fields={"a": "x" * 10_000} | {f"k{i}": "x" * 1000 for i in range(1100)}
    )
    assert len(json.dumps(large)) > MAX_PAYLOAD_BYTES
    judge("application", large)
    assert refusal("application", large, margin=True).reason == "too_long"


def test_codes_must_be_offered_by_the_catalog_version_named() -> None:
    unknown = [
        ("appeal", changed("appeal", category="no.such"), "category"),
        ("appeal", changed("appeal", location={"region_code": "999999"}), "location.region_code"),
        ("application", changed("application", item_code="no.such"), "item_code"),
    ]
    for kind, payload, field in unknown:
        problem = refusal(kind, payload)
        assert (problem.reason, problem.field, str(problem)) == (
            "category", field, f"{field} is not in the catalog"
        )  # fmt: skip
        judge(kind, payload, codes=None)  # codes not held: central judges them alone
    no_regions = CatalogCodes(CODES.version, CODES.categories, CODES.items, set())
    judge("appeal", changed("appeal", location={"region_code": "999999"}), codes=no_regions)


def test_the_envelope_code_must_be_the_payload_s_own() -> None:
    judge("appeal", APPEAL, code="urban.road")
    problem = refusal("appeal", APPEAL, code="urban.noise")
    assert str(problem) == "code does not match the payload's category"
    assert str(refusal("application", APPLICATION, code="x")) == (
        "code does not match the payload's item_code"
    )


def test_what_is_not_a_json_object_is_refused() -> None:
    for body in (b"[]", b'"text"', b"1"):
        with pytest.raises(PayloadRejected, match=r"^payload is not a JSON object$"):
            judge_payload("appeal", body, CODES)
    for body in (b"\xff{}", b'{"a": NaN}', b"{"):
        with pytest.raises(PayloadRejected, match=r"^payload is not JSON: "):
            judge_payload("appeal", body, CODES)
    with pytest.raises(PayloadRejected, match="unknown submission kind"):
        judge_payload("complaint", b"{}", CODES)


def test_at_most_five_problems_are_listed() -> None:
    problem = refusal("appeal", {})
    assert str(problem).count("Field required") == 5
    assert problem.field == "category"


def test_the_terminal_refuses_what_json_cannot_hold_with_plain_reasons() -> None:
    for value, reason in (
        (float("nan"), "invalid"),
        (object(), "invalid"),
        ("\udc00", "characters"),
    ):
        with pytest.raises(PayloadRejected) as caught:
            check_payload("appeal", "urban.road", changed("appeal", title=value), CODES)
        assert caught.value.reason == reason
    body = check_payload("appeal", "urban.road", APPEAL, CODES)
    assert json.loads(body) == APPEAL
