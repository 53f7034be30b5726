"""From catalog bytes to a :class:`Catalog`, or a :class:`CatalogError` saying why not.

Four gates, in order: UTF-8 JSON → the JSON Schema → form definitions → semantic
rules (references, uniqueness, nesting). Only a document that passes all four is
assembled into the immutable model.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from terminal.catalog.catalog import Catalog
from terminal.catalog.checks import parse_forms, semantic_problems
from terminal.catalog.errors import CatalogError
from terminal.catalog.model import (
    AppealCategory,
    ApplicantType,
    Department,
    Item,
    Material,
    MaterialKind,
    PlatformKey,
    ProcessingMode,
    Region,
    Theme,
)
from terminal.forms import AdminLevel, FormDefinition, LocalizedText


def parse_catalog(raw: bytes, source: str = "catalog", *, schema_checked: bool = False) -> Catalog:
    """Validate catalog bytes fully and build the catalog; CatalogError otherwise.

    ``schema_checked``: these exact bytes already passed this schema (CatalogStore
    knows by digest), so the JSON Schema gate (~0.1 s, and jsonschema's import) is
    skipped; the form and semantic gates, which build the model, always run.
    """
    document = decode_document(raw, source)
    if not schema_checked:
        from terminal.catalog.schema import schema_problems  # jsonschema: only when needed

        problems = schema_problems(document)
        if problems:
            raise CatalogError(problems, source)
    forms, problems = parse_forms(document)
    problems += semantic_problems(document)
    if problems:
        raise CatalogError(problems, source)
    return assemble(document, forms, hashlib.sha256(raw).hexdigest())


def load_catalog(path: Path) -> Catalog:
    """Read and validate a catalog file (OSError if unreadable, CatalogError if invalid)."""
    return parse_catalog(path.read_bytes(), source=str(path))


def decode_document(raw: bytes, source: str = "catalog") -> dict[str, Any]:
    """The JSON object in the bytes; CatalogError naming the line and column if not JSON."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogError([f"not UTF-8 text (byte {exc.start})"], source) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise CatalogError([f"not valid JSON at {where}: {exc.msg}"], source) from None
    if not isinstance(document, dict):
        raise CatalogError(["(document): a catalog is a JSON object"], source)
    return document


def assemble(doc: dict[str, Any], forms: dict[str, FormDefinition], sha256: str) -> Catalog:
    """Build the model from a document that passed every check."""
    categories: dict[str, AppealCategory] = {}
    _categories(doc["appeal_categories"], None, categories)
    regions: dict[str, Region] = {}
    _regions(doc["regions"], None, regions)
    themes = sorted(
        (
            Theme(t["code"], _text(t["names"]), t["icon"], t["order"], tuple(t["items"]))
            for t in doc["themes"]
        ),
        key=lambda t: (t.order, t.code),
    )
    return Catalog(
        version=doc["version"],
        sha256=sha256,
        departments={d["code"]: _department(d) for d in doc["departments"]},
        themes=tuple(themes),
        items={i["code"]: _item(i) for i in doc["items"]},
        forms=forms,
        categories=categories,
        regions=regions,
        synonyms=tuple(tuple(group) for group in doc.get("synonyms", [])),
        platform_keys=tuple(
            PlatformKey(k["kid"], k["alg"], k["public_key"]) for k in doc.get("platform_keys", [])
        ),
    )


def _text(raw: dict[str, str]) -> LocalizedText:
    return LocalizedText(raw["zh_CN"], raw["en"])


def _optional_text(raw: dict[str, str] | None) -> LocalizedText | None:
    return _text(raw) if raw else None


def _department(raw: dict[str, Any]) -> Department:
    return Department(
        code=raw["code"],
        names=_text(raw["names"]),
        level=AdminLevel(raw["level"]),
        region_code=raw["region"],
        phone=raw.get("phone"),
        address=_optional_text(raw.get("address")),
    )


def _item(raw: dict[str, Any]) -> Item:
    fee = raw["fee"]
    return Item(
        code=raw["code"],
        names=_text(raw["names"]),
        department_code=raw["department"],
        level=AdminLevel(raw["level"]),
        mode=ProcessingMode(raw["mode"]),
        legal_days=raw["legal_days"],
        promised_days=raw["promised_days"],
        fee=None if fee == 0 else _text(fee),
        applicant_types=tuple(ApplicantType(a) for a in raw["applicant_types"]),
        eligibility=_text(raw["eligibility"]),
        materials=tuple(
            Material(
                names=_text(m["names"]),
                kind=MaterialKind(m["kind"]),
                count=m["count"],
                required=m["required"],
                notes=_optional_text(m.get("notes")),
            )
            for m in raw["materials"]
        ),
        completable_at_terminal=raw["completable_at_terminal"],
        needs_appointment=raw["needs_appointment"],
        keywords=tuple(raw["keywords"]),
        form_id=raw["form"],
        basis=_optional_text(raw.get("basis")),
        notes=_optional_text(raw.get("notes")),
    )


def _categories(
    nodes: list[dict[str, Any]], parent: str | None, out: dict[str, AppealCategory]
) -> None:
    for node in nodes:
        children = node.get("children", [])
        out[node["code"]] = AppealCategory(
            code=node["code"],
            names=_text(node["names"]),
            department_code=node["department"],
            keywords=tuple(node.get("keywords", [])),
            parent_code=parent,
            child_codes=tuple(c["code"] for c in children),
        )
        _categories(children, node["code"], out)


def _regions(nodes: list[dict[str, Any]], parent: str | None, out: dict[str, Region]) -> None:
    for node in nodes:
        children = node.get("children", [])
        out[node["code"]] = Region(
            code=node["code"],
            names=_text(node["names"]),
            level=AdminLevel(node["level"]),
            parent_code=parent,
            child_codes=tuple(c["code"] for c in children),
        )
        _regions(children, node["code"], out)
