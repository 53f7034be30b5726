"""The shape rules of a submission's payload (§2 Payloads): one judge for both sides.

Central judges every opened seal with it (central/services/payload_rules.py adds
only what central alone knows: the receipts it holds, the attachments it was
sent). The terminal judges the very bytes it is about to seal, before a receipt
exists (terminal/submissions/payload_checks.py), so a citizen never holds a
receipt for a payload central refuses by shape.

The terminal adds a margin (``margin=True``) central does not apply: no control
character but tab and line breaks, nesting at most MAX_NESTING deep, at most
MAX_PAYLOAD_BYTES. Central goes on accepting those, as terminals sealed them
before the margin existed.

No I/O. Details name fields and rules, never values: payloads hold personal data.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Final

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from sync.protocol.payloads import (
    PAYLOAD_MODELS,
    AppealPayload,
    ApplicationPayload,
    NamedWithoutContact,
    PayloadModel,
)
from sync.protocol.strict_json import JsonRejected, StringRejected, loads_strict

MAX_NESTING: Final = 32
# The sealed payload travels base64-encoded inside a batch of at most 2 MiB
# (MAX_BATCH_BYTES); 1 MiB of plaintext stays below that with room to spare.
MAX_PAYLOAD_BYTES: Final = 1024 * 1024
# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ERRORS_SHOWN = 5
_REASONS = {"missing": "missing", "string_too_long": "too_long"}


class PayloadRejected(Exception):
    """The payload is refused. ``str()`` is the detail central sends (safe to log and
    to send); ``field`` and ``rule`` name the first problem; ``reason`` picks a
    citizen's words: missing, too_long, characters, category or invalid."""

    def __init__(
        self, detail: str, *, field: str = "payload", rule: str = "", reason: str = "invalid"
    ) -> None:
        super().__init__(detail)
        self.field = field
        self.rule = rule or detail
        self.reason = reason


@dataclass(frozen=True)
class CatalogCodes:
    """The codes of one catalog version that payloads may name (a catalog without
    regions takes any region code)."""

    version: str
    categories: Collection[str]
    items: Collection[str]
    regions: Collection[str]


@dataclass(frozen=True)
class JudgedPayload:
    """A payload that passed: the parsed JSON object and its model."""

    document: dict[str, Any]
    payload: PayloadModel


def _first_reason(error: ErrorDetails) -> str:
    if isinstance(error.get("ctx", {}).get("error"), NamedWithoutContact):
        return "missing"
    return _REASONS.get(error["type"], "invalid")


def _schema_rejection(error: ValidationError) -> PayloadRejected:
    details = error.errors(include_input=False, include_url=False)
    parts = []
    for item in details[:_ERRORS_SHOWN]:
        location = ".".join(str(part) for part in item["loc"]) or "payload"
        parts.append(f"{location}: {item['msg']}")
    first = details[0]
    return PayloadRejected(
        "; ".join(parts),
        field=".".join(str(part) for part in first["loc"]) or "payload",
        rule=first["msg"],
        reason=_first_reason(first),
    )


def _check_margin(document: dict[str, Any]) -> None:
    """The terminal's margin: no control character, bounded nesting."""
    stack: list[tuple[Any, int, str]] = [(document, 0, "payload")]
    while stack:
        node, depth, where = stack.pop()
        if depth > MAX_NESTING:
            rule = f"nested deeper than {MAX_NESTING}"
            raise PayloadRejected(f"{where}: {rule}", field=where, rule=rule)
        if isinstance(node, str):
            if _CONTROL_RE.search(node):
                rule = "holds a control character"
                raise PayloadRejected(
                    f"{where}: {rule}", field=where, rule=rule, reason="characters"
                )
        elif isinstance(node, dict):
            for key, value in node.items():
                inner = key if where == "payload" else f"{where}.{key}"
                stack.append((key, depth + 1, where))
                stack.append((value, depth + 1, inner[:80]))
        elif isinstance(node, list):
            stack.extend((value, depth + 1, where) for value in node)


def _not_in_catalog(field: str) -> PayloadRejected:
    return PayloadRejected(
        f"{field} is not in the catalog", field=field, rule="not in the catalog", reason="category"
    )


def _code_differs(field: str) -> PayloadRejected:
    return PayloadRejected(f"code does not match the payload's {field}", field=field)


def _check_codes(payload: PayloadModel, codes: CatalogCodes | None, code: str | None) -> None:
    """The codes a payload names: offered by the catalog, and the envelope's own."""
    if isinstance(payload, AppealPayload):
        if codes is not None and payload.category not in codes.categories:
            raise _not_in_catalog("category")
        if code is not None and code != payload.category:
            raise _code_differs("category")
        region = payload.location.region_code if payload.location else None
        held = codes.regions if codes is not None else ()  # none held: any region goes
        if region is not None and held and region not in held:
            raise _not_in_catalog("location.region_code")
    elif isinstance(payload, ApplicationPayload):
        if codes is not None and payload.item_code not in codes.items:
            raise _not_in_catalog("item_code")
        if code is not None and code != payload.item_code:
            raise _code_differs("item_code")


def judge_payload(
    kind: str,
    plaintext: bytes,
    codes: CatalogCodes | None,
    *,
    code: str | None = None,
    margin: bool = False,
) -> JudgedPayload:
    """The payload of a ``kind`` submission when its shape is acceptable; raises
    PayloadRejected otherwise.

    ``codes`` are those of the catalog version the submission names (None: not
    judged here, central judges them against its copy); ``code`` is the envelope's
    category or item code (None: not compared). ``margin`` adds the terminal's margin.
    """
    if kind not in PAYLOAD_MODELS:
        raise PayloadRejected("unknown submission kind", field="kind")
    if margin and len(plaintext) > MAX_PAYLOAD_BYTES:
        rule = f"larger than {MAX_PAYLOAD_BYTES} bytes"
        raise PayloadRejected(f"payload: {rule}", rule=rule, reason="too_long")
    try:
        document = loads_strict(plaintext)
    except JsonRejected as exc:
        reason = "characters" if isinstance(exc, StringRejected) else "invalid"
        raise PayloadRejected(f"payload is not JSON: {exc}", rule=str(exc), reason=reason) from exc
    if not isinstance(document, dict):
        raise PayloadRejected("payload is not a JSON object")
    if margin:
        _check_margin(document)
    try:
        payload = PAYLOAD_MODELS[kind].model_validate(document)
    except ValidationError as exc:
        raise _schema_rejection(exc) from exc
    _check_codes(payload, codes, code)
    return JudgedPayload(document, payload)
