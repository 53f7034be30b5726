"""Pending submissions as the wire sees them (sync-protocol.md §2 Batch upload).

Rows are read oldest first (a rating follows what it rates) and turned into the
JSON of one ``submissions`` entry; the sealed payload travels as stored
(``enc``/``ct`` base64). Batches are cut by item count and by uncompressed size.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from terminal.store.integrity import payload_problem
from terminal.store.models import Attachment, Submission
from terminal.store.startup import OpenStore
from terminal.submissions.lifecycle import OutboxState

_ENVELOPE = (b'{"submissions":[', b"]}")


@dataclass(frozen=True)
class AttachmentState:
    sha256: str
    size: int
    uploaded: bool


@dataclass(frozen=True)
class OutboxItem:
    """One pending submission, ready to send."""

    submission_id: str
    receipt_no: str
    created_at: str
    wire: bytes  # the JSON of its batch entry
    attachments: tuple[AttachmentState, ...]
    payload_problem: str | None = None  # the sealed payload no longer matches its digest


def _b64(data: bytes | None) -> str:
    return base64.b64encode(data or b"").decode()


def read_pending(store: OpenStore, limit: int, exclude: Collection[str] = ()) -> list[OutboxItem]:
    """Up to ``limit`` pending submissions, oldest first, skipping ``exclude``."""
    stmt = (
        select(Submission)
        .where(
            Submission.outbox_state == OutboxState.PENDING.value,
            Submission.integrity_error.is_(None),  # held back (terminal/store/integrity.py)
        )
        .order_by(Submission.created_at, Submission.local_day, Submission.sequence)
        .limit(limit + len(exclude))
    )
    with store.reader.connect() as conn:
        rows = [r for r in conn.execute(stmt).all() if r.id not in exclude][:limit]
        ids = [r.id for r in rows]
        found = conn.execute(
            select(
                Attachment.submission_id, Attachment.sha256, Attachment.size, Attachment.uploaded
            )
            .where(Attachment.submission_id.in_(ids))
            .order_by(Attachment.id)
        ).all()
    by_submission: dict[str, list[AttachmentState]] = {}
    for a in found:
        by_submission.setdefault(a.submission_id, []).append(
            AttachmentState(a.sha256, a.size, bool(a.uploaded))
        )
    items = []
    for r in rows:
        attachments = tuple(by_submission.get(r.id, ()))
        entry = {
            "submission_id": r.id,
            "receipt_no": r.receipt_no,
            "kind": r.kind,
            "created_at": r.created_at,
            "channel": r.channel,
            "staff_id": r.staff_id,
            "catalog_version": r.catalog_version,
            "code": r.code,
            "sealed": {
                "alg": r.sealed_alg,
                "kid": r.sealed_kid,
                "enc": _b64(r.sealed_enc),
                "ct": _b64(r.sealed_ct),
            },
            "attachments": [{"sha256": a.sha256, "size": a.size} for a in attachments],
        }
        wire = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
        problem = payload_problem(r.sealed_enc, r.sealed_ct, r.sealed_sha256)
        items.append(OutboxItem(r.id, r.receipt_no, r.created_at, wire, attachments, problem))
    return items


def body_size(items: Sequence[OutboxItem]) -> int:
    """Bytes of the uncompressed batch body holding ``items``."""
    commas = max(0, len(items) - 1)
    return sum(len(part) for part in _ENVELOPE) + commas + sum(len(i.wire) for i in items)


def first_batch(items: Sequence[OutboxItem], max_items: int, max_bytes: int) -> list[OutboxItem]:
    """The longest prefix within both limits; always at least one item (an oversize one
    goes alone, and central's 413 marks it rejected)."""
    batch: list[OutboxItem] = []
    size = body_size(())
    for item in items[: max(1, max_items)]:
        grown = size + len(item.wire) + (1 if batch else 0)
        if batch and grown > max_bytes:
            break
        batch.append(item)
        size = grown
    return batch


def batch_body(items: Sequence[OutboxItem]) -> bytes:
    """The uncompressed JSON body of ``POST /submissions/batch``."""
    return _ENVELOPE[0] + b",".join(i.wire for i in items) + _ENVELOPE[1]
