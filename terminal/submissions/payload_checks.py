"""What central will refuse by shape, checked before a receipt is issued.

A citizen must never hold a receipt for a submission central rejects as an
``invalid-payload``: so confirm runs these checks on the plaintext payload before
anything is sealed or stored. They are central's own rules (sync/protocol/payloads.py,
central/jsonstrict.py, central/services/payload_rules.py and the size limits in
sync/protocol/schemas.py), restated here because the core may not import sync/
yet (pyproject.toml [tool.importlinter]); tests/store_checks/test_payload_parity.py
runs both on the same payloads and fails when they disagree. Where the two
differ this side is the stricter (control characters, nesting depth, total size).

Errors name a field and a rule, never a value: payloads hold personal data.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from terminal.checkdigits import mod11_2_check

# Lengths of sync/protocol: ShortText, Line, LongText (characters).
SHORT = 64
LINE = 500
LONG = 20_000
MAX_NESTING = 32
# The sealed payload travels base64-encoded inside a batch of at most 2 MiB
# (MAX_BATCH_BYTES); 1 MiB of plaintext stays below that with room to spare.
MAX_PAYLOAD_BYTES = 1024 * 1024
MAX_SEALED_ATTACHMENT_BYTES = 20 * 1024 * 1024  # MAX_ATTACHMENT_BYTES, of the sealed file
MAX_ATTACHMENTS = 50  # MAX_ATTACHMENTS_PER_SUBMISSION
SCORE_RANGE = (1, 5)
_RECEIPT_RE = re.compile(r"^[0-9]{4}-[0-9]{6}-[0-9]{4,8}-[0-9X]$")
# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


class PayloadProblem(ValueError):
    """The payload would be refused by central. ``reason`` picks the citizen's words
    (missing, too_long, characters, category, invalid); ``field`` says where."""

    def __init__(self, reason: str, field: str, rule: str) -> None:
        super().__init__(f"{field}: {rule}")
        self.reason = reason
        self.field = field
        self.rule = rule


@dataclass(frozen=True)
class CatalogCodes:
    """The codes of one catalog version that payloads may name."""

    version: str
    categories: frozenset[str]
    items: frozenset[str]
    regions: frozenset[str]


def _bad(field: str, rule: str, reason: str = "invalid") -> PayloadProblem:
    return PayloadProblem(reason, field, rule)


def _check_strings(document: Any) -> None:
    """No NUL, control character or lone surrogate anywhere; bounded nesting."""
    stack: list[tuple[Any, int, str]] = [(document, 0, "payload")]
    while stack:
        node, depth, where = stack.pop()
        if depth > MAX_NESTING:
            raise _bad(where, f"nested deeper than {MAX_NESTING}")
        if isinstance(node, str):
            if _CONTROL_RE.search(node) or _SURROGATE_RE.search(node):
                raise _bad(where, "holds a control character", "characters")
        elif isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    raise _bad(where, "keys must be strings")
                stack.append((key, depth + 1, where))
                stack.append((value, depth + 1, f"{where}.{key}"[:80]))
        elif isinstance(node, list | tuple):
            stack.extend((value, depth + 1, where) for value in node)
        elif isinstance(node, float):
            if not math.isfinite(node):
                raise _bad(where, "not a finite number")
        elif node is not None and not isinstance(node, bool | int):
            raise _bad(where, "not a JSON value")


def _text(doc: Mapping[str, Any], name: str, limit: int, *, required: bool = True) -> None:
    value = doc.get(name)
    if value is None:
        if required:
            raise _bad(name, "is required", "missing")
        return
    if not isinstance(value, str):
        raise _bad(name, "must be text")
    if len(value) > limit:
        raise _bad(name, f"longer than {limit} characters", "too_long")


def _flag(doc: Mapping[str, Any], name: str) -> None:
    if name not in doc or doc[name] is None:
        raise _bad(name, "is required", "missing")
    if not isinstance(doc[name], bool):
        raise _bad(name, "must be true or false")


def _object(doc: Mapping[str, Any], name: str, *, required: bool) -> Mapping[str, Any] | None:
    value = doc.get(name)
    if value is None:
        if required:
            raise _bad(name, "is required", "missing")
        return None
    if not isinstance(value, dict):
        raise _bad(name, "must be an object")
    return value


def _number(doc: Mapping[str, Any], name: str, low: float, high: float) -> None:
    value = doc.get(name)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise _bad(name, f"must be a number in {low}..{high}")


def _contact(doc: Mapping[str, Any], name: str, *, required: bool) -> None:
    contact = _object(doc, name, required=required)
    if contact is not None:
        _text(contact, "name", LINE)
        _text(contact, "id_number", SHORT, required=False)
        _text(contact, "phone", SHORT, required=False)


def _attachments(doc: Mapping[str, Any]) -> None:
    listed = doc.get("attachments", [])
    if not isinstance(listed, list):
        raise _bad("attachments", "must be a list")
    for entry in listed:
        if not isinstance(entry, dict):
            raise _bad("attachments", "entries must be objects")
        sha = entry.get("sha256")
        if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise _bad("attachments.sha256", "must be 64 hex digits")
        _text(entry, "media_type", SHORT)
        _text(entry, "name", LINE)


def _appeal(doc: Mapping[str, Any], codes: CatalogCodes | None) -> None:
    _text(doc, "category", SHORT)
    _text(doc, "description", LONG)
    _text(doc, "title", LINE, required=False)
    _text(doc, "consent_version", SHORT)
    _flag(doc, "anonymous")
    _flag(doc, "wants_reply")
    location = _object(doc, "location", required=False)
    if location is not None:
        _text(location, "region_code", SHORT)
        _text(location, "address", LINE, required=False)
        _number(location, "lat", -90, 90)
        _number(location, "lng", -180, 180)
    _contact(doc, "contact", required=False)
    if doc["anonymous"] and doc.get("contact") is not None:
        raise _bad("contact", "an anonymous appeal carries no contact")
    if not doc["anonymous"] and doc.get("contact") is None:
        raise _bad("contact", "a named appeal needs a contact", "missing")
    if codes is not None:
        if doc["category"] not in codes.categories:
            raise _bad("category", f"not in catalog {codes.version}", "category")
        if location is not None and codes.regions and location["region_code"] not in codes.regions:
            raise _bad("location.region_code", f"not in catalog {codes.version}", "category")


def _application(doc: Mapping[str, Any], codes: CatalogCodes | None) -> None:
    _text(doc, "item_code", SHORT)
    _text(doc, "form_version", SHORT)
    _object(doc, "fields", required=True)
    _contact(doc, "applicant", required=True)
    appointment = _object(doc, "appointment", required=False)
    if appointment is not None:
        for name in ("date", "slot", "hall_code"):
            _text(appointment, name, SHORT)
    if codes is not None and doc["item_code"] not in codes.items:
        raise _bad("item_code", f"not in catalog {codes.version}", "category")


def receipt_no_is_valid(value: object) -> bool:
    """The canonical printed form with a correct check character (§7)."""
    if not isinstance(value, str) or not _RECEIPT_RE.fullmatch(value):
        return False
    return mod11_2_check(value[:-2].replace("-", "")) == value[-1]


def _rating(doc: Mapping[str, Any], _codes: CatalogCodes | None) -> None:
    if doc.get("target_receipt_no") is None:
        raise _bad("target_receipt_no", "is required", "missing")
    if not receipt_no_is_valid(doc["target_receipt_no"]):
        raise _bad("target_receipt_no", "not a valid receipt number")
    score = doc.get("score")
    if score is None:
        raise _bad("score", "is required", "missing")
    low, high = SCORE_RANGE
    if isinstance(score, bool) or not isinstance(score, int) or not low <= score <= high:
        raise _bad("score", f"must be a whole number {low}..{high}")
    reasons = doc.get("reasons", [])
    if not isinstance(reasons, list):
        raise _bad("reasons", "must be a list")
    for reason in reasons:
        if not isinstance(reason, str) or len(reason) > SHORT:
            raise _bad("reasons", f"entries are text of at most {SHORT} characters", "too_long")
    _text(doc, "comment", LONG, required=False)


_KINDS: dict[str, Callable[[Mapping[str, Any], CatalogCodes | None], None]] = {
    "appeal": _appeal,
    "application": _application,
    "rating": _rating,
}
_SUBJECT = {"appeal": "category", "application": "item_code"}


def check_payload(kind: str, code: str, payload: Any, codes: CatalogCodes | None) -> bytes:
    """The payload as the UTF-8 JSON to be sealed, when central would accept its shape.

    ``codes`` are those of the catalog version the citizen used (None when this
    terminal no longer holds that version: central then judges the codes alone).
    Raises PayloadProblem otherwise.
    """
    if kind not in _KINDS:
        raise _bad("kind", "unknown submission kind")
    if not isinstance(payload, dict):
        raise _bad("payload", "must be an object")
    _check_strings(payload)
    _KINDS[kind](payload, codes)
    _attachments(payload)
    subject = _SUBJECT.get(kind)
    if subject is not None and payload[subject] != code:
        raise _bad(subject, "differs from the submission's code")
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    if len(body) > MAX_PAYLOAD_BYTES:
        raise _bad("payload", f"larger than {MAX_PAYLOAD_BYTES} bytes", "too_long")
    return body


def codes_of(
    version: str,
    categories: Iterable[str],
    items: Iterable[str],
    regions: Iterable[str],
) -> CatalogCodes:
    """A CatalogCodes from the codes of one catalog."""
    return CatalogCodes(version, frozenset(categories), frozenset(items), frozenset(regions))
