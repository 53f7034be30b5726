"""Validating an opened payload (§2 Payloads) against its envelope and the catalog served.

The shape rules are the protocol's (sync/protocol/payload_rules.py), the same the
terminal applies before it issues a receipt; this adds what only central knows:
the receipts it holds and the attachments the submission was sent with.
Rejection details name fields and rules, never values: payloads hold personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from central.catalog import CatalogIndex
from sync.protocol.payload_rules import CatalogCodes, PayloadRejected, judge_payload
from sync.protocol.payloads import RatingPayload
from sync.protocol.schemas import BatchItem

__all__ = ["PayloadRejected", "check_payload"]


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
    codes = CatalogCodes(index.version, index.categories, index.items, index.regions)
    judged = judge_payload(item.kind, plaintext, codes, code=item.code)
    payload = judged.payload
    if isinstance(payload, RatingPayload):
        if payload.target_receipt_no == item.receipt_no:
            raise PayloadRejected("a rating cannot rate itself")
        if not receipt_known(payload.target_receipt_no):
            raise PayloadRejected("target_receipt_no is not a known submission")

    named = sorted(attachment.sha256 for attachment in payload.attachments)
    sent = sorted(attachment.sha256 for attachment in item.attachments)
    if named != sent:
        raise PayloadRejected("payload attachments differ from the submission's attachments")
    return judged.document
