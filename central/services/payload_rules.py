"""Validating an opened payload (§2 Payloads) against its envelope and the catalog served.

Rejection details name fields and rules, never values: payloads hold personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from central.catalog import CatalogIndex
from central.jsonstrict import JsonRejected, loads_strict
from sync.protocol.payloads import (
    PAYLOAD_MODELS,
    AppealPayload,
    ApplicationPayload,
    RatingPayload,
)
from sync.protocol.schemas import BatchItem


class PayloadRejected(Exception):
    """The payload is permanently invalid; the message is safe to log and to send."""


def _schema_detail(error: ValidationError) -> str:
    parts = []
    for item in error.errors(include_input=False, include_url=False)[:5]:
        location = ".".join(str(part) for part in item["loc"]) or "payload"
        parts.append(f"{location}: {item['msg']}")
    return "; ".join(parts)


def check_payload(
    item: BatchItem,
    plaintext: bytes,
    index: CatalogIndex,
    receipt_known: Callable[[str], bool],
) -> dict[str, Any]:
    """The payload as a JSON object when it is valid; PayloadRejected otherwise.

    Codes are checked against the catalog version the item names, when central has
    served it (an appeal filed offline under an older catalog stays valid).
    """
    index = index.for_version(item.catalog_version)
    try:
        document = loads_strict(plaintext)
    except JsonRejected as exc:
        raise PayloadRejected(f"payload is not JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise PayloadRejected("payload is not a JSON object")
    try:
        payload = PAYLOAD_MODELS[item.kind].model_validate(document)
    except ValidationError as exc:
        raise PayloadRejected(_schema_detail(exc)) from exc

    if isinstance(payload, AppealPayload):
        if payload.category not in index.categories:
            raise PayloadRejected("category is not in the catalog")
        if item.code is not None and item.code != payload.category:
            raise PayloadRejected("code does not match the payload's category")
        if (
            payload.location
            and index.regions
            and payload.location.region_code not in (index.regions)
        ):
            raise PayloadRejected("location.region_code is not in the catalog")
    elif isinstance(payload, ApplicationPayload):
        if payload.item_code not in index.items:
            raise PayloadRejected("item_code is not in the catalog")
        if item.code is not None and item.code != payload.item_code:
            raise PayloadRejected("code does not match the payload's item_code")
    elif isinstance(payload, RatingPayload):
        if payload.target_receipt_no == item.receipt_no:
            raise PayloadRejected("a rating cannot rate itself")
        if not receipt_known(payload.target_receipt_no):
            raise PayloadRejected("target_receipt_no is not a known submission")

    named = sorted(attachment.sha256 for attachment in payload.attachments)
    sent = sorted(attachment.sha256 for attachment in item.attachments)
    if named != sent:
        raise PayloadRejected("payload attachments differ from the submission's attachments")
    return document
