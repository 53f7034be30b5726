"""Build a :class:`FormDefinition` from the catalog's JSON, refusing a broken one.

Checked here (the JSON Schema checks shapes; these are the rules it cannot say well):
known field types, unique keys, properties that apply to the type, choices present and
unique for choice fields, limits in order, patterns that compile, message overrides
with known codes and placeholders, and relevance that names an existing, earlier field
with no cycle. Every error names the form and the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from terminal.forms.field_properties import (
    Fail,
    message_overrides,
    optional_text,
    required_text,
    type_specific_properties,
)
from terminal.forms.model import (
    FieldDefinition,
    FieldType,
    FormDefinition,
    PageDefinition,
    Relevance,
)
from terminal.forms.relevance import check_relevance, parse_relevance

MAX_FIELDS_PER_PAGE = 3
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")

_COMMON = frozenset({"key", "type", "label", "help", "required", "messages", "relevant_when"})
_BY_TYPE: dict[FieldType, frozenset[str]] = {
    FieldType.TEXT: frozenset({"min_length", "max_length", "pattern"}),
    FieldType.LONG_TEXT: frozenset({"min_length", "max_length", "pattern"}),
    FieldType.NUMBER: frozenset({"min", "max", "integer", "decimals", "unit"}),
    FieldType.DATE: frozenset({"min", "max"}),
    FieldType.SINGLE_CHOICE: frozenset({"choices"}),
    FieldType.MULTI_CHOICE: frozenset({"choices", "min_count", "max_count"}),
    FieldType.REGION: frozenset({"region_level"}),
    FieldType.ID_NUMBER: frozenset(),
    FieldType.MOBILE: frozenset(),
    FieldType.USCC: frozenset(),
    FieldType.ATTACHMENT: frozenset(
        {"min_count", "max_count", "capture", "photo_of", "media_types"}
    ),
}


class FormDefinitionError(ValueError):
    """A form definition the engine cannot use; names the form and, if known, the field."""

    def __init__(self, form_id: str, field_key: str | None, reason: str) -> None:
        self.form_id = form_id
        self.field_key = field_key
        self.reason = reason
        where = f"form '{form_id}'" + (f", field '{field_key}'" if field_key else "")
        super().__init__(f"{where}: {reason}")


def parse_form_definition(raw: Mapping[str, Any]) -> FormDefinition:
    """Read and check one form definition (raises FormDefinitionError)."""
    form_id = raw.get("id") if isinstance(raw, Mapping) else None
    if not isinstance(form_id, str) or not form_id:
        raise FormDefinitionError("?", None, "a form needs a non-empty string 'id'")
    version = raw.get("version")
    if not isinstance(version, str) or not version:
        raise FormDefinitionError(form_id, None, "'version' must be a non-empty string")

    def fail(reason: str) -> FormDefinitionError:
        return FormDefinitionError(form_id, None, reason)

    title = required_text(raw, "title", fail)
    pages_raw = raw.get("pages")
    if not isinstance(pages_raw, list) or not pages_raw:
        raise FormDefinitionError(form_id, None, "a form needs at least one page")
    fields: dict[str, FieldDefinition] = {}
    pages: list[PageDefinition] = []
    for number, page in enumerate(pages_raw, start=1):
        entries = page.get("fields") if isinstance(page, Mapping) else None
        if not isinstance(entries, list) or not 1 <= len(entries) <= MAX_FIELDS_PER_PAGE:
            reason = f"page {number} must hold 1 to {MAX_FIELDS_PER_PAGE} fields"
            raise FormDefinitionError(form_id, None, reason)
        keys = []
        for entry in entries:
            definition = _parse_field(form_id, entry)
            if definition.key in fields:
                raise FormDefinitionError(form_id, definition.key, "duplicate field key")
            fields[definition.key] = definition
            keys.append(definition.key)
        pages.append(PageDefinition(optional_text(page, "title", fail), tuple(keys)))
    problem = check_relevance(fields)
    if problem is not None:
        raise FormDefinitionError(form_id, problem[0], problem[1])
    return FormDefinition(form_id, version, title, tuple(pages), fields)


def _parse_field(form_id: str, raw: Any) -> FieldDefinition:
    key = raw.get("key") if isinstance(raw, Mapping) else None
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise FormDefinitionError(form_id, str(key), "key must match [a-z][a-z0-9_]{0,39}")

    def fail(reason: str) -> FormDefinitionError:
        return FormDefinitionError(form_id, key, reason)

    try:
        kind = FieldType(raw.get("type"))
    except ValueError:
        raise fail(f"unknown field type {raw.get('type')!r}") from None
    extra = set(raw) - _COMMON - _BY_TYPE[kind]
    if extra:
        raise fail(f"{', '.join(sorted(extra))} does not apply to a {kind} field")
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise fail("'required' must be true or false")
    common: dict[str, Any] = {
        "key": key,
        "type": kind,
        "label": required_text(raw, "label", fail),
        "help": optional_text(raw, "help", fail),
        "required": required,
        "messages": message_overrides(kind, raw.get("messages", {}), fail),
        "relevant_when": _relevance(raw.get("relevant_when"), fail),
    }
    specific = type_specific_properties(kind, raw, required, fail)
    return FieldDefinition(**common, **specific)


def _relevance(raw: Any, fail: Fail) -> Relevance | None:
    if raw is None:
        return None
    try:
        return parse_relevance(raw)
    except ValueError as exc:
        raise fail(f"relevant_when: {exc}") from None
