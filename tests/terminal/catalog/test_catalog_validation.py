"""Broken catalogs are refused, every problem named by its place in the document."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from terminal.catalog import CatalogError, parse_catalog, schema_path
from terminal.catalog.schema import schema_problems

Encode = Callable[[dict[str, Any]], bytes]


def problems(raw: bytes) -> tuple[str, ...]:
    """The problems a catalog is refused with."""
    with pytest.raises(CatalogError) as caught:
        parse_catalog(raw)
    return caught.value.problems


def index_of(doc: dict[str, Any], section: str, code: str, member: str = "code") -> int:
    """Position of an entry in a section."""
    return next(i for i, e in enumerate(doc[section]) if e[member] == code)


def find_region(nodes: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """A region node anywhere in the tree."""
    for node in nodes:
        if node["code"] == code:
            return node
        if code.startswith(node["code"].rstrip("0")[:2]) and "children" in node:
            try:
                return find_region(node["children"], code)
            except KeyError:
                pass
    raise KeyError(code)


def test_the_demo_catalog_conforms_to_the_schema(demo_doc: dict[str, Any]) -> None:
    schema = json.loads(schema_path().read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema_problems(demo_doc) == []


def test_not_json_names_line_and_column(demo_raw: bytes) -> None:
    broken = demo_raw.replace(b'"version": "2026.11.3",', b'"version": "2026.11.3"', 1)
    [problem] = problems(broken)
    assert problem.startswith("not valid JSON at line 3, column 3")


def test_not_utf8_and_not_an_object() -> None:
    assert problems(b"\xff\xfe{}")[0].startswith("not UTF-8 text")
    assert problems(b"[1, 2]") == ("(document): a catalog is a JSON object",)


def test_truncated_file_is_refused(demo_raw: bytes) -> None:
    # Cut between characters (a cut inside a UTF-8 sequence is the "not UTF-8" test's).
    text = demo_raw.decode("utf-8")
    assert problems(text[: len(text) // 2].encode("utf-8"))[0].startswith("not valid JSON")


def test_theme_naming_a_missing_item(demo_doc: dict[str, Any], encode: Encode) -> None:
    demo_doc["themes"][2]["items"].append("hrss.no_such_item")
    position = len(demo_doc["themes"][2]["items"]) - 1
    assert problems(encode(demo_doc)) == (
        f'themes[2] (theme "social_insurance").items[{position}]: unknown item "hrss.no_such_item"',
    )


def test_removed_item_still_listed_by_themes(demo_doc: dict[str, Any], encode: Encode) -> None:
    del demo_doc["items"][index_of(demo_doc, "items", "med.remote_filing")]
    found = problems(encode(demo_doc))
    assert len(found) == 2  # 我要看病 and 我要办医保 both list it
    assert all('unknown item "med.remote_filing"' in p for p in found)
    assert found[0].startswith('themes[0] (theme "health").items[0]')


def test_item_missing_a_required_property(demo_doc: dict[str, Any], encode: Encode) -> None:
    position = index_of(demo_doc, "items", "civil.marriage")
    del demo_doc["items"][position]["fee"]
    assert problems(encode(demo_doc)) == (
        f"items[{position}] (item \"civil.marriage\"): 'fee' is a required property",
    )


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("legal_days",), "60", "'60' is not of type 'integer'"),
        (("completable_at_terminal",), "yes", "'yes' is not of type 'boolean'"),
        (("mode",), "two_visits", "'two_visits' is not one of"),
        (("materials", 0, "count"), 0, "0 is less than the minimum of 1"),
        (("names",), {"zh_CN": "居民身份证补领"}, "'en' is a required property"),
        (("fee",), 20, "20 fits none of the allowed forms"),
    ],
)
def test_wrong_types_name_item_and_field(
    demo_doc: dict[str, Any], encode: Encode, path: tuple[Any, ...], value: Any, message: str
) -> None:
    position = index_of(demo_doc, "items", "police.id_card.reissue")
    target = demo_doc["items"][position]
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    [problem] = problems(encode(demo_doc))
    where = f'items[{position}] (item "police.id_card.reissue")'
    if path != ("names",):
        where += "." + ".".join(str(p) for p in path).replace(".0", "[0]")
    else:
        where += ".names"
    assert problem.startswith(f"{where}: "), problem
    assert message in problem


def test_unknown_property_is_refused(demo_doc: dict[str, Any], encode: Encode) -> None:
    demo_doc["items"][0]["materails"] = []
    [problem] = problems(encode(demo_doc))
    assert "'materails' was unexpected" in problem
    assert problem.startswith('items[0] (item "med.remote_filing")')


def test_region_that_does_not_nest(demo_doc: dict[str, Any], encode: Encode) -> None:
    wuhua = find_region(demo_doc["regions"], "530102")
    wuhua["children"][0]["code"] = "530103001"  # a Panlong code under Wuhua
    found = problems(encode(demo_doc))
    assert any(
        p.endswith('(region "530103001").code: does not nest under its parent "530102"')
        for p in found
    ), found
    # 华山街道's communities no longer nest under it either; and 530103001 is now twice
    assert any("duplicate region code" in p for p in found)


def test_schema_refuses_impossible_region_codes(demo_doc: dict[str, Any], encode: Encode) -> None:
    find_region(demo_doc["regions"], "530102004")["code"] = "5301020040"
    [problem] = problems(encode(demo_doc))
    assert "(region \"5301020040\").code: '5301020040' does not match" in problem


def test_region_code_of_the_wrong_length_and_skipped_level(
    demo_doc: dict[str, Any], encode: Encode
) -> None:
    township = find_region(demo_doc["regions"], "530102004")
    township["code"] = "530102004001"  # a village-length code on a township
    kunming = find_region(demo_doc["regions"], "530100")
    kunming["children"].append(
        {"code": "530100999", "names": {"zh_CN": "某街道", "en": "X"}, "level": "township"}
    )
    found = problems(encode(demo_doc))
    assert any("a township code has 9 digits, not 12" in p for p in found)
    assert any("a township cannot sit under a prefecture" in p for p in found)


def test_references_and_rules_between_sections(demo_doc: dict[str, Any], encode: Encode) -> None:
    items = demo_doc["items"]
    items[0]["department"] = "530102-XYZ"
    items[1]["form"] = "no_such_form"
    items[2]["completable_at_terminal"] = True
    items[2]["form"] = None
    items[3]["promised_days"] = items[3]["legal_days"] + 1
    items[4]["code"] = items[5]["code"]
    demo_doc["departments"][0]["region"] = "530199"
    demo_doc["appeal_categories"][0]["children"][0]["code"] = "road"
    demo_doc["synonyms"].append(["社保", "五险一金"])
    found = "\n".join(problems(encode(demo_doc)))
    assert (
        'items[0] (item "med.remote_filing").department: unknown department "530102-XYZ"' in found
    )
    assert '.form: unknown form "no_such_form"' in found
    assert "an item completable at the terminal needs a form" in found
    assert "is more than legal_days" in found
    assert f'items[5] (item "{items[5]["code"]}").code: duplicate (also items[4])' in found
    assert 'departments[0] (department "530000-GAT").region: unknown region "530199"' in found
    assert 'must be "urban.<name>"' in found
    assert '"社保" is also in synonyms[1]; merge them' in found


def test_department_level_must_match_its_region(demo_doc: dict[str, Any], encode: Encode) -> None:
    demo_doc["departments"][0]["level"] = "county"
    [problem] = problems(encode(demo_doc))
    assert problem.endswith(".level: a county department serves a province region")


def test_form_problems_name_form_field_and_items(demo_doc: dict[str, Any], encode: Encode) -> None:
    position = index_of(demo_doc, "forms", "id_card", member="id")
    fields = demo_doc["forms"][position]["pages"][0]["fields"]
    fields[0]["relevant_when"] = {"field": "lost_place", "filled": True}  # reason ↔ lost_place
    fields[2]["relevant_when"] = {"field": "reason", "filled": True}
    fields[2]["key"] = "lost_place"
    [problem] = problems(encode(demo_doc))
    assert problem.startswith(f"forms[{position}] (form \"id_card\"): form 'id_card', field ")
    assert "relevance cycle: reason → lost_place → reason" in problem
    users = sorted(i["code"] for i in demo_doc["items"] if i["form"] == "id_card")
    assert len(users) >= 3
    assert problem.endswith(f"(used by items {', '.join(users)})")


def test_unknown_field_type_is_named_by_form_and_field(
    demo_doc: dict[str, Any], encode: Encode
) -> None:
    position = index_of(demo_doc, "forms", "certificate", member="id")
    demo_doc["forms"][position]["pages"][0]["fields"][1]["type"] = "signature"
    [problem] = problems(encode(demo_doc))
    assert problem.startswith(
        f'forms[{position}] (form "certificate").pages[0].fields[1] (field "purpose_other").type:'
    )
    assert "'signature' is not one of" in problem


def test_choice_field_without_choices(demo_doc: dict[str, Any], encode: Encode) -> None:
    position = index_of(demo_doc, "forms", "certificate", member="id")
    del demo_doc["forms"][position]["pages"][0]["fields"][0]["choices"]
    [problem] = problems(encode(demo_doc))
    assert '(field "purpose")' in problem and "'choices' is a required property" in problem


def test_every_problem_is_reported_at_once(demo_doc: dict[str, Any], encode: Encode) -> None:
    demo_doc["items"][0]["legal_days"] = -1
    demo_doc["items"][7]["mode"] = "by_fax"
    demo_doc["version"] = "next"
    with pytest.raises(CatalogError) as caught:
        parse_catalog(encode(demo_doc))
    assert len(caught.value.problems) == 3
    assert caught.value.problems[0].startswith("items[0]")  # sorted by place
    assert "catalog refused (3 problems)" in str(caught.value)


def test_optional_sections_and_unknown_top_level_keys(
    demo_doc: dict[str, Any], encode: Encode
) -> None:
    demo_doc["platform_keys"] = [
        {"kid": "k2026a", "alg": "hpke-x25519-sha256-aes256gcm", "public_key": "AAAA"}
    ]
    demo_doc["announcements"] = ["a later catalog format may add sections"]
    del demo_doc["synonyms"]
    catalog = parse_catalog(encode(demo_doc))
    assert catalog.platform_keys[0].kid == "k2026a"
    assert catalog.synonyms == ()
