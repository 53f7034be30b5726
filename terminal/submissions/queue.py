"""Reading the outbox: counts by state, oldest pending, one line per submission."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from terminal.store.models import Submission
from terminal.store.startup import OpenStore


@dataclass(frozen=True)
class QueueStats:
    by_state: dict[str, int]
    unprinted: int
    oldest_pending_at: str | None
    oldest_pending_age_s: float | None

    def as_json(self) -> dict[str, object]:
        return {
            "by_state": self.by_state,
            "pending": self.by_state.get("pending", 0),
            "rejected": self.by_state.get("rejected", 0),
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
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


def queue_stats(store: OpenStore, now: datetime | None = None) -> QueueStats:
    now = now or datetime.now(UTC)
    with store.reader.connect() as conn:
        rows = conn.execute(
            select(Submission.outbox_state, func.count()).group_by(Submission.outbox_state)
        ).all()
        unprinted = conn.execute(
            select(func.count()).where(Submission.print_state == "unprinted")
        ).scalar_one()
        oldest = conn.execute(
            select(func.min(Submission.created_at)).where(
                Submission.outbox_state.in_(("pending", "uploading"))
            )
        ).scalar_one()
    by_state = {"pending": 0, "uploading": 0, "synced": 0, "rejected": 0}
    by_state.update({state: count for state, count in rows})
    age = (now - _parse(oldest)).total_seconds() if oldest else None
    return QueueStats(by_state, unprinted, oldest, age)


def queue_lines(store: OpenStore, limit: int | None = None) -> list[QueueLine]:
    """Submissions oldest first; only clear, non-personal columns."""
    stmt = select(
        Submission.receipt_no,
        Submission.kind,
        Submission.outbox_state,
        Submission.print_state,
        Submission.created_at,
    ).order_by(Submission.created_at, Submission.local_day, Submission.sequence)
    if limit:
        stmt = stmt.limit(limit)
    with store.reader.connect() as conn:
        return [QueueLine(*row) for row in conn.execute(stmt).all()]
