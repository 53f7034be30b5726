"""Recording that a receipt was printed: after the citizen's own print, and a staff
reprint with its audit record. Each is one transaction through the one writer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sync.protocol.times import rfc3339
from terminal.audit import actions
from terminal.submissions.lifecycle import mark_printed

if TYPE_CHECKING:
    import sqlite3

    from terminal.audit.trail import AuditTrail
    from terminal.store.startup import OpenStore


def record_printed(store: OpenStore, submission_id: str, *, now: datetime | None = None) -> None:
    """unprinted → printed (a second print keeps the first time)."""
    at = rfc3339(now or datetime.now(UTC))
    store.writer.run(lambda conn: mark_printed(conn, submission_id, now=at))


def record_reprint(
    store: OpenStore,
    audit: AuditTrail,
    *,
    staff_id: str,
    submission_id: str,
    receipt_no: str,
    printed: bool,
    now: datetime | None = None,
) -> None:
    """A staff reprint: printed (when it was) and its audit record, both or neither."""
    at = rfc3339(now or datetime.now(UTC))
    result = "ok" if printed else "failed"

    def tx(conn: sqlite3.Connection) -> None:
        if printed:
            mark_printed(conn, submission_id, now=at)
        audit.append_in(conn, staff_id, actions.REPRINT, result, {"receipt_no": receipt_no})

    store.writer.run(tx)
