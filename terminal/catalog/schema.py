"""Structural validation of a catalog document against catalog.schema.json.

The schema is read and compiled once per process. Problems come back sorted by
where they are, each naming its location (see :mod:`terminal.catalog.locations`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from terminal.catalog.locations import describe
from terminal.catalog.resources import schema_path


@lru_cache(maxsize=1)
def catalog_validator() -> Draft202012Validator:
    """The compiled validator for catalog.schema.json (the schema itself is checked)."""
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_problems(document: Any) -> list[str]:
    """Every place the document breaks the schema; empty when it conforms."""
    errors = sorted(catalog_validator().iter_errors(document), key=_sort_key)
    return [f"{describe(document, error.absolute_path)}: {_reason(error)}" for error in errors]


def _sort_key(error: ValidationError) -> tuple[str, ...]:
    return tuple(f"{p:08d}" if isinstance(p, int) else p for p in error.absolute_path)


def _reason(error: ValidationError) -> str:
    if error.validator in ("oneOf", "anyOf") and error.context:
        # Say what the closest alternative wanted rather than "not valid under any".
        closest = min(error.context, key=lambda e: len(list(e.absolute_path)))
        return f"{_short(error.instance)} fits none of the allowed forms ({closest.message})"
    message = error.message
    return message if len(message) <= 200 else message[:199] + "…"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"
