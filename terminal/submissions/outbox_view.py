"""What the staff outbox view may show of a submission (run on the store lane).

Only the receipt number, kind, state, age and central's reason for a refusal:
never anything of the sealed content or the masked receipt text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from terminal.submissions.lifecycle import OutboxState, PrintState

if TYPE_CHECKING:
    from terminal.store.startup import OpenStore

OPEN_STATES = (OutboxState.PENDING, OutboxState.UPLOADING, OutboxState.REJECTED)
UNPRINTABLE_KINDS = ("rating",)  # a rating's receipt is on the screen only


@dataclass(frozen=True)
class OutboxRow:
    submission_id: str  # internal, for record_reprint; never shown
    receipt_no: str
    kind: str
    state: str  # an OutboxState value
    printed: bool  # or nothing to print
    age_s: float
    reason_code: str | None  # central's, for a refusal only
    reason_detail: str | None


def outbox_rows(store: OpenStore, now: datetime | None = None) -> list[OutboxRow]:
    """Submissions still waiting, refused by central, or with no printed receipt; oldest first."""
    from sqlalchemy import and_, or_, select  # not on the path to the first paint

    from terminal.store.models import Submission

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
                Submission.outbox_state.in_([s.value for s in OPEN_STATES]),
                and_(
                    Submission.print_state == PrintState.UNPRINTED.value,
                    Submission.kind.not_in(UNPRINTABLE_KINDS),
                ),
            )
        )
        .order_by(Submission.created_at, Submission.local_day, Submission.sequence)
    )
    with store.reader.connect() as conn:
        rows = conn.execute(stmt).all()
    out = []
    for sid, receipt_no, kind, state, print_state, created, code, detail in rows:
        created_at = datetime.fromisoformat(created.replace("Z", "+00:00"))
        refused = state == OutboxState.REJECTED
        out.append(
            OutboxRow(
                sid,
                receipt_no,
                kind,
                state,
                print_state != PrintState.UNPRINTED or kind in UNPRINTABLE_KINDS,
                max(0.0, (now - created_at).total_seconds()),
                code if refused else None,
                detail if refused else None,
            )
        )
    return out
