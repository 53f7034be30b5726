"""Central's per-item answers to a batch, applied in ONE writer transaction.

| outcome             | the row becomes                                        |
| accepted, duplicate | synced, with case_id (and central's first status)      |
| missing-attachments | pending again; the named attachments marked not sent   |
| rejected            | rejected with error code and detail (kept, never dropped) |
An item central did not answer goes back to pending. All state changes go
through terminal.submissions.lifecycle.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sync.outbox_items import OutboxItem
from sync.protocol import problem_codes
from sync.protocol.schemas import (
    OUTCOME_ACCEPTED,
    OUTCOME_DUPLICATE,
    OUTCOME_MISSING_ATTACHMENTS,
    OUTCOME_REJECTED,
    STATUS_TEXT,
    BatchResult,
)
from sync.protocol.signing import MAX_CLOCK_SKEW_S
from sync.protocol.times import rfc3339
from terminal.store.startup import OpenStore
from terminal.submissions.lifecycle import OutboxState, set_central_status, transition

DETAIL_MAX = 500


@dataclass
class OutcomeCounts:
    """How many items of the batches sent so far ended in each outcome."""

    accepted: int = 0
    duplicate: int = 0
    missing_attachments: int = 0
    rejected: int = 0
    unanswered: int = 0

    def add(self, other: OutcomeCounts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def synced(self) -> int:
        return self.accepted + self.duplicate


def status_stamp(server_now: float) -> str:
    """The time recorded with the status a batch answer carries.

    The answer has no time of its own. Central's status at the moment of the batch
    is current, so it may replace anything older; every later change (from the feed)
    must replace it. Central's clock minus the largest skew a signature tolerates is
    earlier than the batch even if our offset is off, and later than anything the
    feed already delivered for that case, except changes of the last few minutes,
    which are the same or newer news. The next change pull stamps the exact time.
    """
    return rfc3339(datetime.fromtimestamp(server_now - MAX_CLOCK_SKEW_S, UTC))


def _mark_synced(
    conn: sqlite3.Connection, item: OutboxItem, result: BatchResult, now: str, stamp: str
) -> None:
    transition(conn, [item.submission_id], OutboxState.SYNCED, now=now, case_id=result.case_id)
    if result.status is not None:
        set_central_status(
            conn,
            receipt_no=item.receipt_no,
            status=result.status,
            status_text_json=json.dumps(STATUS_TEXT[result.status], ensure_ascii=False),
            updated_at=stamp,
        )


def _mark_missing(
    conn: sqlite3.Connection, item: OutboxItem, result: BatchResult, now: str
) -> None:
    named = (result.error.missing if result.error else None) or [a.sha256 for a in item.attachments]
    marks = ",".join("?" * len(named))
    conn.execute(
        f"UPDATE attachments SET uploaded = 0 WHERE submission_id = ? AND sha256 IN ({marks})",
        [item.submission_id, *named],
    )
    transition(
        conn,
        [item.submission_id],
        OutboxState.PENDING,
        now=now,
        error_code=problem_codes.MISSING_ATTACHMENTS,
        error_detail=f"{len(named)} attachment(s) not on the server",
    )


def _mark_rejected(
    conn: sqlite3.Connection, item: OutboxItem, result: BatchResult, now: str
) -> None:
    error = result.error
    transition(
        conn,
        [item.submission_id],
        OutboxState.REJECTED,
        now=now,
        error_code=(error.code if error else "rejected")[:64],
        error_detail=((error.detail or "") if error else "")[:DETAIL_MAX] or None,
    )


def apply_results(
    store: OpenStore,
    items: Sequence[OutboxItem],
    results: Sequence[BatchResult],
    now: str,
    server_now: float,
) -> OutcomeCounts:
    """Apply one batch's results (rows are ``uploading``); returns the counts.

    ``now`` is the RFC 3339 time of the change, ``server_now`` central's estimated
    unix time (for the status stamp).
    """
    stamp = status_stamp(server_now)
    by_id = {r.submission_id: r for r in results}

    def write(conn: sqlite3.Connection) -> OutcomeCounts:
        counts = OutcomeCounts()
        for item in items:
            result = by_id.get(item.submission_id)
            if result is None:
                transition(conn, [item.submission_id], OutboxState.PENDING, now=now)
                counts.unanswered += 1
            elif result.outcome in (OUTCOME_ACCEPTED, OUTCOME_DUPLICATE) and result.case_id:
                _mark_synced(conn, item, result, now, stamp)
                if result.outcome == OUTCOME_ACCEPTED:
                    counts.accepted += 1
                else:
                    counts.duplicate += 1
            elif result.outcome == OUTCOME_MISSING_ATTACHMENTS:
                _mark_missing(conn, item, result, now)
                counts.missing_attachments += 1
            elif result.outcome == OUTCOME_REJECTED:
                _mark_rejected(conn, item, result, now)
                counts.rejected += 1
            else:  # accepted without a case_id: not a usable answer; send again later
                transition(conn, [item.submission_id], OutboxState.PENDING, now=now)
                counts.unanswered += 1
        return counts

    return store.writer.run(write)


def _settle_alone(
    store: OpenStore, item: OutboxItem, target: OutboxState, code: str, detail: str, now: str
) -> None:
    """pending → uploading → `target` for one item, with why it was not sent as usual.

    Through ``uploading``: the life cycle lets ``rejected`` and ``pending`` follow only
    ``uploading``, and only those transitions record an error.
    """

    def write(conn: sqlite3.Connection) -> None:
        transition(conn, [item.submission_id], OutboxState.UPLOADING, now=now)
        transition(
            conn,
            [item.submission_id],
            target,
            now=now,
            error_code=code[:64],
            error_detail=detail[:DETAIL_MAX] or None,
        )

    store.writer.run(write)


def reject_alone(store: OpenStore, item: OutboxItem, code: str, detail: str, now: str) -> None:
    """Mark one pending item rejected (central refused it on its own, e.g. 413)."""
    _settle_alone(store, item, OutboxState.REJECTED, code, detail, now)


def hold_back(store: OpenStore, item: OutboxItem, code: str, detail: str, now: str) -> None:
    """Keep a pending item pending but record why it could not be sent (for staff)."""
    _settle_alone(store, item, OutboxState.PENDING, code, detail, now)


def set_uploading(store: OpenStore, items: Sequence[OutboxItem], now: str) -> None:
    """pending → uploading for a batch about to be sent."""
    store.writer.run(
        lambda conn: transition(
            conn, [i.submission_id for i in items], OutboxState.UPLOADING, now=now
        )
    )


def back_to_pending(store: OpenStore, items: Sequence[OutboxItem], now: str) -> None:
    """uploading → pending after a send that got no usable answer."""
    store.writer.run(
        lambda conn: transition(
            conn, [i.submission_id for i in items], OutboxState.PENDING, now=now
        )
    )
