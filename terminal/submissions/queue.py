"""Reading the outbox: counts by state, oldest pending, one line per submission.

Plain SQL over `OpenStore.read` (the status strip asks at start-up, before the ORM
is imported; see docs/store.md).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from sync.protocol.times import parse_rfc3339
from terminal.store.startup import OpenStore
from terminal.submissions.lifecycle import OutboxState, PrintState

WAITING = (OutboxState.PENDING, OutboxState.UPLOADING)  # not yet with central


@dataclass(frozen=True)
class QueueStats:
    by_state: dict[str, int]
    unprinted: int
    oldest_pending_at: str | None
    oldest_pending_age_s: float | None

    @property
    def waiting(self) -> int:
        """Submissions not yet with central (pending or being sent)."""
        return sum(self.by_state.get(state, 0) for state in WAITING)

    def as_json(self) -> dict[str, object]:
        return {
            "by_state": self.by_state,
            "pending": self.by_state.get(OutboxState.PENDING, 0),
            "rejected": self.by_state.get(OutboxState.REJECTED, 0),
            "unprinted": self.unprinted,
            "oldest_pending_at": self.oldest_pending_at,
            "oldest_pending_age_s": self.oldest_pending_age_s,
        }


@dataclass(frozen=True)
class QueueLine:
    receipt_no: str
    kind: str
    state: str
    print_state: str
    created_at: str


def _parse(ts: str) -> datetime:
    return parse_rfc3339(ts)


def queue_stats(store: OpenStore, now: datetime | None = None) -> QueueStats:
    now = now or datetime.now(UTC)

    def read(c: sqlite3.Connection) -> tuple[list[tuple[str, int]], int, str | None]:
        rows = c.execute(
            "SELECT outbox_state, count(*) FROM submissions GROUP BY outbox_state"
        ).fetchall()
        (unprinted,) = c.execute(
            "SELECT count(*) FROM submissions WHERE print_state = ?", (PrintState.UNPRINTED,)
        ).fetchone()
        (oldest,) = c.execute(
            "SELECT min(created_at) FROM submissions WHERE outbox_state IN (?, ?)", WAITING
        ).fetchone()
        return rows, unprinted, oldest

    rows, unprinted, oldest = store.read(read)
    by_state = {state.value: 0 for state in OutboxState}
    by_state.update({state: count for state, count in rows})
    age = (now - _parse(oldest)).total_seconds() if oldest else None
    return QueueStats(by_state, unprinted, oldest, age)


def queue_lines(store: OpenStore, limit: int | None = None) -> list[QueueLine]:
    """Submissions oldest first; only clear, non-personal columns."""
    sql = (
        "SELECT receipt_no, kind, outbox_state, print_state, created_at FROM submissions "
        "ORDER BY created_at, local_day, sequence"
    )
    params: tuple[int, ...] = ()
    if limit:
        sql += " LIMIT ?"
        params = (limit,)
    return [QueueLine(*row) for row in store.read(lambda c: c.execute(sql, params).fetchall())]
