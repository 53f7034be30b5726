"""What the staff outbox view may show of a submission (Qt-free, run on the store lane).

Only the receipt number, kind, state, age and central's reason for a refusal:
never anything of the sealed content or the masked receipt text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, or_, select

from terminal.store.models import Submission
from terminal.store.startup import OpenStore

OPEN_STATES = ("pending", "uploading", "rejected")


@dataclass(frozen=True)
class OutboxRow:
    submission_id: str  # internal, for mark_printed; never shown
    receipt_no: str
    kind: str
    state: str  # pending | uploading | rejected | synced
    printed: bool
    age_s: float
    reason_code: str | None
    reason_detail: str | None


def outbox_rows(store: OpenStore, now: datetime | None = None) -> list[OutboxRow]:
    """Submissions still waiting, refused by central, or with no printed receipt; oldest first."""
    now = now or datetime.now(UTC)
    stmt = (
        select(
            Submission.id,
            Submission.receipt_no,
            Submission.kind,
            Submission.outbox_state,
            Submission.print_state,
            Submission.created_at,
            Submission.outbox_error_code,
            Submission.outbox_error_detail,
        )
        .where(
            or_(
                Submission.outbox_state.in_(OPEN_STATES),
                and_(Submission.print_state == "unprinted", Submission.kind != "rating"),
            )
        )
        .order_by(Submission.created_at, Submission.local_day, Submission.sequence)
    )
    with store.reader.connect() as conn:
        rows = conn.execute(stmt).all()
    out = []
    for sid, receipt_no, kind, state, print_state, created, code, detail in rows:
        created_at = datetime.fromisoformat(created.replace("Z", "+00:00"))
        out.append(
            OutboxRow(
                sid,
                receipt_no,
                kind,
                state,
                print_state != "unprinted" or kind == "rating",  # ratings print nothing
                max(0.0, (now - created_at).total_seconds()),
                code if state == "rejected" else None,
                detail if state == "rejected" else None,
            )
        )
    return out


def age_parts(seconds: float) -> tuple[int, int, int]:
    """(days, hours, minutes) of an age, for "3 h 12 min"."""
    minutes = int(seconds // 60)
    return minutes // 1440, (minutes // 60) % 24, minutes % 60
