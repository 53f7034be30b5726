"""The catalog's rules beyond its schema: references resolve, codes are unique, trees nest.

Run on a document that already conforms to the schema. Each problem names its place
(see :mod:`terminal.catalog.locations`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from terminal.catalog.locations import describe
from terminal.forms import AdminLevel, FormDefinition, FormDefinitionError, parse_form_definition


def semantic_problems(doc: dict[str, Any]) -> list[str]:
    """Every semantic fault of a schema-valid document (forms are checked separately)."""
    problems: list[str] = []
    for section, member in (
        ("departments", "code"),
        ("themes", "code"),
        ("items", "code"),
        ("forms", "id"),
        ("platform_keys", "kid"),
    ):
        problems += _duplicates(doc, section, member)
    region_codes, region_problems = _region_tree(doc)
    problems += region_problems
    departments = {d["code"]: d for d in doc["departments"]}
    for i, department in enumerate(doc["departments"]):
        where = describe(doc, ["departments", i])
        level = region_codes.get(department["region"])
        if level is None:
            problems.append(f'{where}.region: unknown region "{department["region"]}"')
        elif level != department["level"]:
            problems.append(
                f"{where}.level: a {department['level']} department serves a {level} region"
            )
    problems += _item_problems(doc, set(departments))
    item_codes = {item["code"] for item in doc["items"]}
    for i, theme in enumerate(doc["themes"]):
        for j, code in enumerate(theme["items"]):
            if code not in item_codes:
                where = describe(doc, ["themes", i, "items", j])
                problems.append(f'{where}: unknown item "{code}"')
    problems += _category_tree(doc, set(departments))
    problems += _synonym_problems(doc)
    return problems


def parse_forms(doc: dict[str, Any]) -> tuple[dict[str, FormDefinition], list[str]]:
    """The form definitions, and the problems of those that cannot be used.

    A problem names the form, the field and the items that use the form.
    """
    forms: dict[str, FormDefinition] = {}
    problems = []
    for i, raw in enumerate(doc["forms"]):
        try:
            form = parse_form_definition(raw)
        except FormDefinitionError as exc:
            users = sorted(item["code"] for item in doc["items"] if item["form"] == raw.get("id"))
            used = f" (used by items {', '.join(users)})" if users else ""
            problems.append(f"{describe(doc, ['forms', i])}: {exc}{used}")
            continue
        forms.setdefault(form.id, form)
    return forms, problems


def nests(code: str, parent: str, level: AdminLevel) -> bool:
    """Whether a region code belongs under its parent's code at this level (GB/T 2260)."""
    if level is AdminLevel.PREFECTURE:
        return code[:2] == parent[:2] and code[2:4] != "00" and code[4:] == "00"
    if level is AdminLevel.COUNTY:
        return code[:4] == parent[:4] and code[4:] != "00"
    if level in (AdminLevel.TOWNSHIP, AdminLevel.VILLAGE):
        return code.startswith(parent) and code[len(parent) :] != "000"
    return False


def _duplicates(doc: dict[str, Any], section: str, member: str) -> list[str]:
    first: dict[str, int] = {}
    problems = []
    for i, entry in enumerate(doc.get(section, [])):
        value = entry[member]
        if value in first:
            where = describe(doc, [section, i])
            problems.append(f"{where}.{member}: duplicate (also {section}[{first[value]}])")
        first.setdefault(value, i)
    return problems


def _item_problems(doc: dict[str, Any], departments: set[str]) -> list[str]:
    form_ids = {form["id"] for form in doc["forms"]}
    problems = []
    for i, item in enumerate(doc["items"]):
        where = describe(doc, ["items", i])
        if item["department"] not in departments:
            problems.append(f'{where}.department: unknown department "{item["department"]}"')
        if item["form"] is not None and item["form"] not in form_ids:
            problems.append(f'{where}.form: unknown form "{item["form"]}"')
        if item["completable_at_terminal"] and item["form"] is None:
            problems.append(f"{where}.form: an item completable at the terminal needs a form")
        if item["promised_days"] > item["legal_days"]:
            problems.append(
                f"{where}.promised_days: {item['promised_days']} is more than "
                f"legal_days {item['legal_days']}"
            )
    return problems


Node = dict[str, Any]
Nodes = Iterator[tuple[Node, str, Node | None]]  # a node, where it stands, its parent


def _tree(doc: dict[str, Any], key: str) -> Nodes:
    """Every node of the tree ``doc[key]`` (nested by "children"), parents first, with
    where it stands and its parent."""

    def walk(nodes: list[Node], path: list[str | int], parent: Node | None) -> Nodes:
        for i, node in enumerate(nodes):
            here = [*path, i]
            yield node, describe(doc, here), parent
            yield from walk(node.get("children", []), [*here, "children"], node)

    return walk(doc[key], [key], None)


def _region_tree(doc: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    levels: dict[str, str] = {}
    problems: list[str] = []
    for node, where, parent in _tree(doc, "regions"):
        code, level = node["code"], AdminLevel(node["level"])
        if code in levels:
            problems.append(f"{where}.code: duplicate region code")
        levels.setdefault(code, level.value)
        if len(code) != level.code_length:
            problems.append(
                f"{where}.code: a {level} code has {level.code_length} digits, not {len(code)}"
            )
        elif parent is None:
            if level is not AdminLevel.PROVINCE or code[2:] != "0000":
                problems.append(f"{where}: the top of the region tree must be provinces")
        else:
            above = AdminLevel(parent["level"])
            if level.depth != above.depth + 1:
                problems.append(f"{where}.level: a {level} cannot sit under a {above}")
            elif not nests(code, parent["code"], level):
                problems.append(f'{where}.code: does not nest under its parent "{parent["code"]}"')
    return levels, problems


def _category_tree(doc: dict[str, Any], departments: set[str]) -> list[str]:
    seen: set[str] = set()
    problems: list[str] = []
    for node, where, parent in _tree(doc, "appeal_categories"):
        code = node["code"]
        if code in seen:
            problems.append(f"{where}.code: duplicate category code")
        seen.add(code)
        if node["department"] not in departments:
            problems.append(f'{where}.department: unknown department "{node["department"]}"')
        depth = code.count(".")
        if parent is None and depth:
            problems.append(f"{where}.code: a top-level category code has no dot")
        if parent is not None and not (
            code.startswith(parent["code"] + ".") and depth == parent["code"].count(".") + 1
        ):
            problems.append(f'{where}.code: must be "{parent["code"]}.<name>"')
    return problems


def _synonym_problems(doc: dict[str, Any]) -> list[str]:
    group_of: dict[str, int] = {}
    problems = []
    for i, group in enumerate(doc.get("synonyms", [])):
        for term in group:
            if term in group_of and group_of[term] != i:
                problems.append(
                    f'synonyms[{i}]: "{term}" is also in synonyms[{group_of[term]}]; merge them'
                )
            group_of.setdefault(term, i)
    return problems
