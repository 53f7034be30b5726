"""Form definitions are refused at load with the form and field named."""

from __future__ import annotations

from typing import Any

import pytest

from terminal.forms import FieldType, FormDefinitionError, parse_form_definition
from terminal.forms.model import Capture
from terminal.forms.regions import AdminLevel


def fields(definition: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The raw fields of a definition by key, for editing in place."""
    return {f["key"]: f for page in definition["pages"] for f in page["fields"]}


def refused(definition: dict[str, Any]) -> FormDefinitionError:
    """The error a broken definition raises."""
    with pytest.raises(FormDefinitionError) as caught:
        parse_form_definition(definition)
    return caught.value


def test_every_type_definition_parses_with_its_properties(every_type: dict[str, Any]) -> None:
    form = parse_form_definition(every_type)
    assert form.id == "every_type" and form.version == "4"
    assert {f.type for f in form.fields.values()} == set(FieldType)
    assert [len(p.field_keys) for p in form.pages] == [3, 3, 3, 3, 3]
    assert form.field("visit").min_date is not None
    assert form.field("visit").min_date.days_from_today == 1
    assert form.field("area").region_level is AdminLevel.TOWNSHIP
    assert form.field("scan").capture is Capture.SCANNER
    assert form.field("note").max_length == 50
    assert form.field("name").max_length == 10
    assert form.field("lost_place").relevant_when is not None
    assert form.field("services").relevant_when.one_of == ("lost", "damaged")  # type: ignore[union-attr]


def test_defaults_bound_text_and_attachments() -> None:
    form = parse_form_definition(
        {
            "id": "defaults",
            "version": "1",
            "title": {"zh_CN": "默认", "en": "Defaults"},
            "pages": [
                {
                    "fields": [
                        {"key": "t", "type": "text", "label": {"zh_CN": "文", "en": "T"}},
                        {"key": "l", "type": "long_text", "label": {"zh_CN": "长", "en": "L"}},
                        {
                            "key": "a",
                            "type": "attachment",
                            "required": True,
                            "label": {"zh_CN": "件", "en": "A"},
                        },
                    ]
                }
            ],
        }
    )
    assert form.field("t").max_length == 200
    assert form.field("l").max_length == 2000
    assert (form.field("a").min_count, form.field("a").max_count) == (1, 5)
    assert "application/pdf" in form.field("a").media_types


def test_unknown_type_names_form_and_field(every_type: dict[str, Any]) -> None:
    fields(every_type)["note"]["type"] = "colour"
    error = refused(every_type)
    assert (error.form_id, error.field_key) == ("every_type", "note")
    assert "unknown field type 'colour'" in str(error)


def test_relevance_on_a_missing_field_is_refused(every_type: dict[str, Any]) -> None:
    fields(every_type)["lost_place"]["relevant_when"] = {"field": "cause", "equals": "lost"}
    error = refused(every_type)
    assert error.field_key == "lost_place"
    assert "missing field 'cause'" in error.reason


@pytest.mark.parametrize(
    ("links", "cycle"),
    [
        ({"name": "name"}, "name → name"),
        ({"name": "note", "note": "name"}, "name → note → name"),
        ({"name": "note", "note": "plate", "plate": "name"}, "name → note → plate → name"),
    ],
)
def test_relevance_cycles_are_refused(
    every_type: dict[str, Any], links: dict[str, str], cycle: str
) -> None:
    raw = fields(every_type)
    for key, target in links.items():
        raw[key]["relevant_when"] = {"field": target, "filled": True}
    error = refused(every_type)
    assert error.reason == f"relevance cycle: {cycle}"
    assert error.field_key == "name"


def test_a_cycle_off_the_start_is_reported_with_its_members(every_type: dict[str, Any]) -> None:
    raw = fields(every_type)
    raw["name"]["relevant_when"] = {"field": "note", "filled": True}  # leads into the cycle
    raw["note"]["relevant_when"] = {"field": "plate", "filled": True}
    raw["plate"]["relevant_when"] = {"field": "note", "filled": True}
    assert refused(every_type).reason == "relevance cycle: note → plate → note"


def test_relevance_on_a_later_field_is_refused(every_type: dict[str, Any]) -> None:
    fields(every_type)["name"]["relevant_when"] = {"field": "phone", "filled": True}
    assert "comes later in the form" in refused(every_type).reason


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ({"field": "reason", "equals": "stolen"}, "are not choices of 'reason'"),
        ({"field": "reason", "in": ["lost", "gone"]}, "are not choices of 'reason'"),
        ({"field": "name", "equals": "x"}, "need a choice field"),
        ({"field": "reason", "equals": "lost", "filled": True}, "exactly one of"),
        ({"field": "reason", "filled": False}, "'filled' can only be true"),
        ({"equals": "lost"}, "needs a 'field'"),
    ],
)
def test_malformed_relevance_is_refused(
    every_type: dict[str, Any], rule: dict[str, Any], reason: str
) -> None:
    fields(every_type)["phone"]["relevant_when"] = rule
    error = refused(every_type)
    assert error.field_key == "phone"
    assert reason in error.reason


@pytest.mark.parametrize(
    ("key", "change", "reason"),
    [
        ("reason", {"choices": []}, "needs a non-empty list of choices"),
        ("services", {"choices": None}, "needs a non-empty list of choices"),
        ("reason", {"choices": [{"value": "a", "label": {"zh_CN": "甲", "en": "A"}}] * 2},
         "duplicate choice value 'a'"),
        ("amount", {"min": 10, "max": 5}, "min is greater than max"),
        ("visit", {"min": "today+9", "max": "today+2"}, "min is greater than max"),
        ("visit", {"min": "next week"}, "YYYY-MM-DD"),
        ("name", {"min_length": 20}, "min_length is greater than max_length"),
        ("plate", {"pattern": {"regex": "([", "message": {"zh_CN": "x", "en": "x"}}},
         "bad pattern"),
        ("plate", {"pattern": {"regex": "x"}}, "needs 'regex' and a 'message'"),
        ("amount", {"min_length": 3}, "min_length does not apply to a number field"),
        ("area", {"region_level": "galaxy"}, "needs region_level"),
        ("scan", {"capture": "fax"}, "capture must be"),
        ("services", {"max_count": 9}, "more than the number of choices"),
        ("name", {"messages": {"check_digit": {"zh_CN": "x", "en": "x"}}},
         "unknown problem code 'check_digit'"),
        ("name", {"messages": {"required": {"zh_CN": "请填{who}", "en": "x"}}},
         "unknown placeholders"),
        ("name", {"label": {"zh_CN": "姓名"}}, "'label' needs zh_CN and en texts"),
        ("name", {"required": "yes"}, "'required' must be true or false"),
    ],
)  # fmt: skip
def test_bad_field_properties_are_refused(
    every_type: dict[str, Any], key: str, change: dict[str, Any], reason: str
) -> None:
    fields(every_type)[key].update(change)
    error = refused(every_type)
    assert error.field_key == key
    assert reason in error.reason


def test_duplicate_keys_are_refused(every_type: dict[str, Any]) -> None:
    every_type["pages"][4]["fields"][2]["key"] = "name"
    error = refused(every_type)
    assert (error.field_key, error.reason) == ("name", "duplicate field key")


@pytest.mark.parametrize("count", [0, 4])
def test_pages_hold_one_to_three_fields(every_type: dict[str, Any], count: int) -> None:
    page = every_type["pages"][0]
    page["fields"] = (page["fields"] + every_type["pages"][1]["fields"])[:count]
    del every_type["pages"][1]
    error = refused(every_type)
    assert error.field_key is None
    assert "page 1 must hold 1 to 3 fields" in str(error)


def test_form_level_problems_name_the_form(every_type: dict[str, Any]) -> None:
    every_type["version"] = 4
    assert str(refused(every_type)) == "form 'every_type': 'version' must be a non-empty string"
    every_type["version"] = "4"
    every_type["pages"] = []
    assert "at least one page" in str(refused(every_type))
