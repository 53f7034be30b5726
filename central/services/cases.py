"""Cases: opened with their submission (intake_batch.store_accepted), advanced by
staff (or the demo), and the per-terminal feed of status changes (§3).

Each change gets the next cursor of its terminal by bumping ``terminals.change_seq``
inside the same transaction; the row lock serialises writers, so cursors of one
terminal are gap-free and become visible in order (no change is skipped by a reader
that saw a later cursor first).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from central.problems import ProblemError
from central.store.engine import Store
from central.store.models import Case, CaseChange, Counter, Terminal
from sync.protocol import problem_codes as codes
from sync.protocol.schemas import (
    CASE_STATUSES,
    STATUS_TEXT,
    StatusText,
)

CHINA_TIME = timezone(timedelta(hours=8))  # case numbers use the Beijing date


def bump_counter(session: Session, name: str, by: int = 1) -> int:
    """Add `by` to the named counter (creating it at `by`) and return the new value;
    the caller owns the numbers new - by + 1 … new."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(Counter)
        .values(name=name, value=by)
        .on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + by})
        .returning(Counter.value)
    )
    return int(session.execute(statement).scalar_one())


def next_cursor(session: Session, terminal_id: str, by: int = 1) -> int:
    """Reserve `by` feed cursors of a terminal (locks its row until commit); returns the
    last one, so the caller owns last - by + 1 … last."""
    statement = (
        update(Terminal)
        .where(Terminal.id == terminal_id)
        .values(change_seq=Terminal.change_seq + by)
        .returning(Terminal.change_seq)
        .execution_options(synchronize_session=False)
    )
    return int(session.execute(statement).scalar_one())


def record_change(
    session: Session, case: Case, now: datetime, source: str, note: str | None = None
) -> CaseChange:
    """Append the case's current status to its history and its terminal's feed."""
    change = CaseChange(
        terminal_id=case.terminal_id,
        cursor=next_cursor(session, case.terminal_id),
        case_id=case.case_id,
        status=case.status,
        department=case.department,
        note=note,
        source=source,
        changed_at=now,
    )
    session.add(change)
    return change


def advance_case(
    store: Store,
    receipt_no: str,
    status: str,
    now: datetime,
    note: str | None = None,
    source: str = "admin",
    department: str | None = None,
) -> Case:
    """Set a case's status (any status may follow any other) and record the change."""
    if status not in CASE_STATUSES:
        raise ValueError(f"unknown status {status!r}; one of {', '.join(CASE_STATUSES)}")
    with store.transaction() as session:
        case = session.scalar(select(Case).where(Case.receipt_no == receipt_no))
        if case is None:
            raise ProblemError(404, codes.CASE_NOT_FOUND, "No case for this receipt")
        case.status = status
        case.updated_at = now
        if department:
            case.department = department
        record_change(session, case, now, source=source, note=note)
        return case


def status_text(status: str) -> StatusText:
    """The status in the terminal's languages."""
    return StatusText(**STATUS_TEXT[status])
