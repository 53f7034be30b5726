"""A form session: relevance, pages, completeness and the application payload."""

from __future__ import annotations

import json
from datetime import date

import pytest

from terminal.catalog import Catalog
from terminal.forms import AttachmentRef, FormDefinition, FormIncompleteError, FormSession

SCAN = AttachmentRef("c" * 64, "application/pdf", "户口簿.pdf")


def fill_valid(session: FormSession) -> None:
    """Every required field, and a few optional ones, with good values."""
    session.set("name", "李 明")
    session.set("amount", "88.80")
    session.set("visit", "2026-12-01")
    session.set("reason", "expired")
    session.set("area", "530102001")
    session.set("id_no", "530102199001011231")
    session.set("phone", "138 1234 5678")
    session.set("scan", [SCAN])


def test_relevance_shows_and_hides_dependent_fields(session: FormSession) -> None:
    assert not session.is_relevant("lost_place")
    assert not session.is_relevant("services")
    session.set("reason", "lost")
    assert session.is_relevant("lost_place") and session.is_relevant("services")
    session.set("reason", "damaged")  # in ["lost", "damaged"], but not equal to "lost"
    assert not session.is_relevant("lost_place") and session.is_relevant("services")
    session.clear("reason")
    assert not session.is_relevant("services")


def test_relevance_chains_follow_a_hidden_controller(session: FormSession) -> None:
    session.set("reason", "lost")
    session.set("services", ["call"])
    assert session.is_relevant("call_time")  # equals on a multi-choice: among the chosen
    session.set("reason", "expired")  # hides services, and so call_time
    assert not session.is_relevant("services")
    assert not session.is_relevant("call_time")


def test_filled_relevance_and_unreadable_controller() -> None:
    from terminal.forms import parse_form_definition

    form = parse_form_definition(
        {
            "id": "filled",
            "version": "1",
            "title": {"zh_CN": "测试", "en": "Test"},
            "pages": [
                {
                    "fields": [
                        {"key": "n", "type": "number", "label": {"zh_CN": "数", "en": "N"}},
                        {
                            "key": "why",
                            "type": "text",
                            "label": {"zh_CN": "原因", "en": "Why"},
                            "relevant_when": {"field": "n", "filled": True},
                        },
                    ]
                }
            ],
        }
    )
    session = FormSession(form)
    assert session.relevant_keys() == ("n",)
    session.set("n", "abc")  # not a number: no value, so nothing depends on it
    assert session.relevant_keys() == ("n",)
    session.set("n", "3")
    assert session.relevant_keys() == ("n", "why")


def test_hidden_fields_have_no_problems(session: FormSession) -> None:
    session.set("reason", "lost")
    assert [p.code for p in session.problems("lost_place")] == ["required"]
    session.set("reason", "expired")
    assert session.problems("lost_place") == ()
    assert "lost_place" not in session.all_problems()


def test_pages_hold_only_visible_fields_and_skip_empty_pages(
    definition: FormDefinition, demo_catalog: Catalog
) -> None:
    session = FormSession(definition, regions=demo_catalog, today=date(2026, 11, 27))
    pages = session.pages()
    assert [p.number for p in pages] == [1, 2, 3, 4, 5]
    assert [f.key for f in pages[2].fields] == ["reason"]
    assert [f.key for f in pages[4].fields] == ["credit", "scan"]
    assert pages[0].title is not None and pages[0].title.zh_CN == "基本信息"
    session.set("reason", "lost")
    assert [f.key for f in session.pages()[2].fields] == ["reason", "lost_place", "services"]


def test_a_page_whose_fields_are_all_hidden_is_skipped(demo_catalog: Catalog) -> None:
    session = FormSession(demo_catalog.form("enterprise_change"))
    titles = [p.title.zh_CN for p in session.pages() if p.title]
    assert "新法定代表人" not in titles
    session.set("action", "change")
    session.set("changes", ["legal_rep"])
    titles = [p.title.zh_CN for p in session.pages() if p.title]
    assert titles == ["企业", "新法定代表人", "材料"]
    assert [p.number for p in session.pages()] == [1, 2, 3]


def test_complete_form_gives_the_payload(session: FormSession) -> None:
    assert not session.is_complete()
    assert set(session.all_problems()) == {"name", "reason"}  # the attachment is optional
    fill_valid(session)
    assert session.is_complete(), session.all_problems()
    payload = session.to_payload()
    assert payload == {
        "name": "李 明",
        "amount": 88.8,
        "visit": "2026-12-01",
        "reason": "expired",
        "area": "530102001",
        "id_no": "530102199001011231",
        "phone": "13812345678",
        "scan": [{"sha256": "c" * 64, "media_type": "application/pdf", "name": "户口簿.pdf"}],
    }
    assert list(payload) == [k for k in session.definition.fields if k in payload]  # form order
    assert json.loads(json.dumps(payload, ensure_ascii=False)) == payload
    assert session.form_version == "4"
    assert session.attachments() == (SCAN,)


def test_values_of_hidden_fields_are_kept_but_not_sent(session: FormSession) -> None:
    fill_valid(session)
    session.set("reason", "lost")
    session.set("lost_place", "公交车上")
    session.set("services", ["call"])
    session.set("call_time", "下午")
    assert session.to_payload()["call_time"] == "下午"
    session.set("reason", "expired")
    payload = session.to_payload()
    assert not {"lost_place", "services", "call_time"} & set(payload)
    session.set("reason", "lost")  # going back loses nothing
    assert session.raw_value("lost_place") == "公交车上"
    assert session.to_payload()["services"] == ["call"]


def test_integral_numbers_are_sent_as_integers(session: FormSession) -> None:
    fill_valid(session)
    session.set("amount", "100.00")
    session.set("people", "3")
    payload = session.to_payload()
    assert payload["amount"] == 100 and isinstance(payload["amount"], int)
    assert payload["people"] == 3


def test_incomplete_form_refuses_a_payload(session: FormSession) -> None:
    fill_valid(session)
    session.set("phone", "12345")
    with pytest.raises(FormIncompleteError) as caught:
        session.to_payload()
    assert list(caught.value.problems) == ["phone"]
    assert caught.value.problems["phone"][0].code == "mobile.length"


def test_clearing_a_value(session: FormSession) -> None:
    session.set("name", "王五")
    for empty in ("", None, [], ()):
        session.set("name", "王五")
        session.set("name", empty)
        assert session.raw_value("name") is None
        assert [p.code for p in session.problems("name")] == ["required"]


def test_region_forms_need_the_regions(definition: FormDefinition) -> None:
    with pytest.raises(ValueError, match="region field"):
        FormSession(definition)


def test_demo_forms_can_be_completed(demo_catalog: Catalog) -> None:
    session = FormSession(demo_catalog.form("id_card"), regions=demo_catalog)
    session.set("reason", "lost")
    session.set("lost_date", date.today().isoformat())
    session.set("photo_receipt", [AttachmentRef("d" * 64, "image/jpeg", "回执.jpg")])
    session.set("delivery", "post")
    assert {"post_region", "post_address", "post_recipient"} <= set(session.all_problems())
    session.set("post_region", "530102002")
    session.set("post_address", "人民中路88号3栋2单元501")
    session.set("post_recipient", "赵敏")
    session.set("mobile", "13908712345")
    assert session.is_complete(), session.all_problems()
    assert session.to_payload()["delivery"] == "post"
    assert len(session.pages()) == 5
    session.set("delivery", "collect")  # the postal address page drops out
    assert len(session.pages()) == 4
    assert "post_address" not in session.to_payload()
