"""Reading cases: the per-terminal change feed (§3) and the admin listing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from central.services.cases import status_text
from central.store.engine import Store
from central.store.models import Case, CaseChange, Terminal
from sync.protocol.schemas import CaseChange as CaseChangeWire
from sync.protocol.schemas import CaseChangesResponse
from sync.protocol.times import rfc3339


def changes_after(store: Store, terminal_id: str, after: int, limit: int) -> CaseChangesResponse:
    """This terminal's changes with a cursor above ``after``, oldest first."""
    with store.transaction() as session:
        rows = session.execute(
            select(CaseChange, Case)
            .join(Case, Case.case_id == CaseChange.case_id)
            .where(CaseChange.terminal_id == terminal_id, CaseChange.cursor > after)
            .order_by(CaseChange.cursor)
            .limit(limit)
        ).all()
        changes = [
            CaseChangeWire(
                cursor=change.cursor,
                case_id=case.case_id,
                submission_id=case.submission_id,
                receipt_no=case.receipt_no,
                status=change.status,  # type: ignore[arg-type]
                status_text=status_text(change.status),
                department=change.department,
                updated_at=change.changed_at,
            )
            for change, case in rows
        ]
    next_cursor = changes[-1].cursor if changes else after
    return CaseChangesResponse(changes=changes, next_cursor=next_cursor)


def list_cases(
    store: Store,
    status: str | None = None,
    terminal: str | None = None,
    since: datetime | None = None,
) -> list[dict[str, Any]]:
    """Cases for the admin command line, newest update first."""
    query = select(Case, Terminal.code).join(Terminal, Terminal.id == Case.terminal_id)
    if status:
        query = query.where(Case.status == status)
    if terminal:
        query = query.where(or_(Terminal.id == terminal, Terminal.code == terminal))
    if since:
        query = query.where(Case.updated_at >= since)
    with store.transaction() as session:
        rows = session.execute(query.order_by(Case.updated_at.desc(), Case.case_id)).all()
        return [
            {
                "case_id": case.case_id,
                "receipt_no": case.receipt_no,
                "submission_id": case.submission_id,
                "kind": case.kind,
                "status": case.status,
                "department": case.department,
                "terminal_id": case.terminal_id,
                "terminal_code": code,
                "created_at": rfc3339(case.created_at),
                "updated_at": rfc3339(case.updated_at),
            }
            for case, code in rows
        ]
