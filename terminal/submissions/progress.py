"""What progress lookup (进度查询) shows for a receipt number: from this terminal's
store, or from central's online answer. Only clear, non-personal columns."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from terminal.runtime import TerminalCore

REMOTE = "remote"  # not in this store: central answered online


@dataclass(frozen=True)
class ProgressInfo:
    """What progress lookup shows for one receipt number."""

    receipt_no: str
    kind: str
    outbox_state: str  # an OutboxState value, or REMOTE
    created_local: str  # "2026-11-27 10:11"; "" when central answered
    status: str | None = None  # central status code
    status_text: dict[str, str] | None = None  # {"zh_CN": ..., "en": ...}
    updated_local: str | None = None

    def status_in(self, locale: str) -> str:
        """Central's status words in ``locale`` (zh_CN when it has none), or ""."""
        if not self.status_text:
            return ""
        return self.status_text.get(locale) or self.status_text.get("zh_CN") or ""


def local_time(rfc3339: str | None, tz: str) -> str | None:
    """An RFC 3339 UTC time as the terminal's local "YYYY-MM-DD HH:MM"."""
    if not rfc3339:
        return None
    moment = datetime.fromisoformat(rfc3339.replace("Z", "+00:00"))
    return moment.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def find_progress(core: TerminalCore, receipt_no: str) -> ProgressInfo | None:
    """The stored submission with this (canonical) receipt number, or None."""
    from sqlalchemy import select  # not on the path to the first paint

    from terminal.store.models import Submission

    with core.store.reader.connect() as conn:
        row = conn.execute(
            select(
                Submission.kind,
                Submission.outbox_state,
                Submission.created_at,
                Submission.central_status,
                Submission.central_status_text,
                Submission.central_updated_at,
            ).where(Submission.receipt_no == receipt_no)
        ).first()
    if row is None:
        return None
    tz = core.config.terminal.timezone
    text = json.loads(row.central_status_text) if row.central_status_text else None
    return ProgressInfo(
        receipt_no=receipt_no,
        kind=row.kind,
        outbox_state=row.outbox_state,
        created_local=local_time(row.created_at, tz) or "",
        status=row.central_status,
        status_text=text if isinstance(text, dict) else None,
        updated_local=local_time(row.central_updated_at, tz),
    )


def remote_progress(receipt_no: str, answer: object, tz: str) -> ProgressInfo | None:
    """The sync bridge's online answer (a mapping like §3's case status) as ProgressInfo."""
    if not isinstance(answer, dict):
        return None
    text = answer.get("status_text")
    updated = answer.get("updated_at")
    return ProgressInfo(
        receipt_no=receipt_no,
        kind=str(answer.get("kind") or ""),
        outbox_state=REMOTE,
        created_local="",
        status=str(answer.get("status") or "") or None,
        status_text=text if isinstance(text, dict) else None,
        updated_local=local_time(updated if isinstance(updated, str) else None, tz),
    )
