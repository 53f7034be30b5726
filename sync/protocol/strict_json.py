"""Strict JSON parsing for everything that arrives from outside. No I/O.

UTF-8 only, no NaN/Infinity, bounded nesting, and no string a database would refuse
(NUL, which PostgreSQL rejects; lone surrogates, which are not encodable). Central
parses request bodies and opened payloads with it; the terminal parses the payload
it is about to seal with it too (payload_rules.py), so both read the same bytes alike.
"""

from __future__ import annotations

import json
from typing import Any


class JsonRejected(ValueError):
    """The bytes are not acceptable JSON; the message names the reason, not the content."""


class StringRejected(JsonRejected):
    """A string holds what no store keeps (NUL, an unpaired surrogate)."""


def _no_constants(name: str) -> Any:
    raise JsonRejected(f"{name} is not JSON")


def _bad_string(value: str) -> bool:
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_strings(document: Any) -> None:
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if _bad_string(node):
                raise StringRejected("a string holds NUL or an unpaired surrogate")
        elif isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def loads_strict(data: bytes) -> Any:
    """Parse ``data`` as strict UTF-8 JSON; JsonRejected otherwise."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonRejected("body is not UTF-8") from exc
    try:
        document = json.loads(text, parse_constant=_no_constants)
    except RecursionError as exc:
        raise JsonRejected("JSON nested too deeply") from exc
    except JsonRejected:
        raise
    except ValueError as exc:  # JSONDecodeError, over-long integers
        raise JsonRejected(f"not JSON: {type(exc).__name__}") from exc
    _check_strings(document)
    return document
