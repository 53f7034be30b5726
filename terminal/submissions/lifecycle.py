"""The submission state machine, enforced in one place.

outbox:  pending → uploading → synced | rejected   (uploading → pending to retry)
print:   unprinted → printed
central: any protocol status, only once synced
purged:  only synced submissions, after the retention period

Every change goes through `transition`, a conditional UPDATE whose WHERE
clause names the allowed source states, so a stale or illegal change is
refused by the database itself, not only by Python.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from enum import StrEnum

from sync.protocol.times import parse_rfc3339, rfc3339


class OutboxState(StrEnum):
    PENDING = "pending"
    UPLOADING = "uploading"
    SYNCED = "synced"
    REJECTED = "rejected"


class PrintState(StrEnum):
    UNPRINTED = "unprinted"
    PRINTED = "printed"


CENTRAL_STATUSES = frozenset(
    {"received", "accepted", "in_progress", "needs_info", "resolved", "closed", "rejected"}
)

OUTBOX_TRANSITIONS: dict[OutboxState, frozenset[OutboxState]] = {
    OutboxState.UPLOADING: frozenset({OutboxState.PENDING}),
    OutboxState.PENDING: frozenset({OutboxState.UPLOADING}),
    OutboxState.SYNCED: frozenset({OutboxState.UPLOADING}),
    OutboxState.REJECTED: frozenset({OutboxState.UPLOADING}),
}  # target → allowed sources


class IllegalTransition(Exception):
    """A state change the life cycle does not allow (or the row was not in a source state)."""


def allowed_sources(target: OutboxState) -> frozenset[OutboxState]:
    return OUTBOX_TRANSITIONS[target]


def transition(
    conn: sqlite3.Connection,
    submission_ids: Iterable[str],
    target: OutboxState,
    *,
    now: str,
    case_id: str | None = None,
    error_code: str | None = None,
    error_detail: str | None = None,
) -> None:
    """Move submissions' outbox state to `target`; all or none (raises IllegalTransition)."""
    ids = list(submission_ids)
    if not ids:
        return
    sources = sorted(allowed_sources(target))
    src_marks = ",".join("?" * len(sources))
    sets = ["outbox_state = ?"]
    params: list[object] = [target.value]
    if target is OutboxState.UPLOADING:
        sets.append("outbox_attempts = outbox_attempts + 1")
    if target is OutboxState.SYNCED:
        sets += ["synced_at = ?", "case_id = COALESCE(?, case_id)"]
        params += [now, case_id]
        sets += ["outbox_error_code = NULL", "outbox_error_detail = NULL"]
    if target in (OutboxState.REJECTED, OutboxState.PENDING) and error_code is not None:
        sets += ["outbox_error_code = ?", "outbox_error_detail = ?"]
        params += [error_code, error_detail]
    changed = 0
    for sid in ids:
        cur = conn.execute(
            f"UPDATE submissions SET {', '.join(sets)} "
            f"WHERE id = ? AND outbox_state IN ({src_marks})",
            [*params, sid, *sources],
        )
        changed += cur.rowcount
    if changed != len(ids):
        raise IllegalTransition(
            f"{len(ids) - changed} of {len(ids)} submissions cannot move to {target.value}"
        )


def mark_printed(conn: sqlite3.Connection, submission_id: str, *, now: str) -> None:
    """unprinted → printed; printing again (a reprint) keeps the first time."""
    cur = conn.execute(
        "UPDATE submissions SET print_state = ?, printed_at = COALESCE(printed_at, ?) WHERE id = ?",
        (PrintState.PRINTED.value, now, submission_id),
    )
    if cur.rowcount != 1:
        raise IllegalTransition(f"no submission {submission_id}")


def set_central_status(
    conn: sqlite3.Connection,
    *,
    receipt_no: str,
    status: str,
    status_text_json: str,
    updated_at: str,
) -> bool:
    """Record central's status for a synced submission; False when unknown or not synced."""
    if status not in CENTRAL_STATUSES:
        raise IllegalTransition(f"unknown central status {status!r}")
    # Rewritten in the one form (six fractional digits), so text order is time order.
    updated_at = rfc3339(parse_rfc3339(updated_at))
    cur = conn.execute(
        "UPDATE submissions SET central_status = ?, central_status_text = ?, "
        "central_updated_at = ? WHERE receipt_no = ? AND outbox_state = ? "
        "AND (central_updated_at IS NULL OR central_updated_at <= ?)",
        (status, status_text_json, updated_at, receipt_no, OutboxState.SYNCED.value, updated_at),
    )
    return cur.rowcount == 1


def recover_interrupted_uploads(conn: sqlite3.Connection) -> int:
    """At start: an upload cut short by a crash goes back to pending (central dedups)."""
    cur = conn.execute(
        "UPDATE submissions SET outbox_state = ? WHERE outbox_state = ?",
        (OutboxState.PENDING.value, OutboxState.UPLOADING.value),
    )
    return cur.rowcount
