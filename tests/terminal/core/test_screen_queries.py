"""The store reads and writes the screens run on the store lane, on a real store:
progress lookup, the staff outbox, recording a print and a staff reprint."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from terminal.audit.actions import AuditRefused
from terminal.audit.trail import AuditTrail
from terminal.receipts.number import ReceiptNumber
from terminal.runtime import TerminalCore
from terminal.submissions.confirm import Confirmed, rfc3339
from terminal.submissions.draft import Draft
from terminal.submissions.lifecycle import (
    IllegalTransition,
    OutboxState,
    set_central_status,
    transition,
)
from terminal.submissions.outbox_view import outbox_rows
from terminal.submissions.printing import record_printed, record_reprint
from terminal.submissions.progress import REMOTE, find_progress, remote_progress
from terminal.submissions.queue import queue_stats
from tests.terminal.core.helpers import appeal

NOW = "2026-11-27T03:00:00Z"


def _move(core: TerminalCore, confirmed: Confirmed, *targets: OutboxState, **kw: str) -> None:
    def tx(conn: sqlite3.Connection) -> None:
        for target in targets:
            transition(conn, [confirmed.submission_id], target, now=NOW, **kw)

    core.store.writer.run(tx)


def _printed(core: TerminalCore, sid: str) -> tuple[str, str | None]:
    row = core.store.read(
        lambda c: c.execute(
            "SELECT print_state, printed_at FROM submissions WHERE id = ?", (sid,)
        ).fetchone()
    )
    return row[0], row[1]


def _rating(core: TerminalCore) -> Confirmed:
    payload: dict[str, object] = {
        "target_receipt_no": ReceiptNumber.issue("0042", date(2026, 11, 27), 1).format(),
        "score": 5,
        "reasons": [],
        "comment": "",
    }
    return core.confirm(Draft(kind="rating", code="rating", payload=payload, catalog_version="t"))


def test_progress_of_a_queued_then_answered_receipt(core: TerminalCore) -> None:
    confirmed = core.confirm(appeal())
    queued = find_progress(core, confirmed.receipt_no)
    assert queued is not None
    assert (queued.kind, queued.outbox_state, queued.status) == ("appeal", "pending", None)
    assert queued.created_local[:2] == "20" and len(queued.created_local) == 16
    _move(core, confirmed, OutboxState.UPLOADING, OutboxState.SYNCED)
    core.store.writer.run(
        lambda c: set_central_status(
            c,
            receipt_no=confirmed.receipt_no,
            status="in_progress",
            status_text_json=json.dumps({"zh_CN": "办理中", "en": "In progress"}),
            updated_at="2026-11-27T03:04:00Z",
        )
    )
    answered = find_progress(core, confirmed.receipt_no)
    assert answered is not None
    assert answered.outbox_state == OutboxState.SYNCED and answered.status == "in_progress"
    assert answered.status_in("en") == "In progress" and answered.status_in("fr") == "办理中"
    assert answered.updated_local == "2026-11-27 11:04"  # Asia/Shanghai
    assert find_progress(core, "0042-261127-9999-X") is None


def test_remote_progress_reads_only_a_mapping() -> None:
    answer = {"kind": "appeal", "status": "resolved", "updated_at": "2026-11-27T03:04:00Z"}
    info = remote_progress("0777-261127-0005-3", answer, "Asia/Shanghai")
    assert info is not None and info.outbox_state == REMOTE
    assert (info.status, info.updated_local, info.created_local) == (
        "resolved",
        "2026-11-27 11:04",
        "",
    )
    assert remote_progress("0777-261127-0005-3", ["not", "a", "mapping"], "Asia/Shanghai") is None
    odd = remote_progress("x", {"updated_at": 12, "status_text": "no"}, "Asia/Shanghai")
    assert odd is not None and odd.updated_local is None and odd.status_text is None


def test_outbox_rows_waiting_refused_unprinted_oldest_first(core: TerminalCore) -> None:
    sent = core.confirm(appeal())
    record_printed(core.store, sent.submission_id)
    _move(core, sent, OutboxState.UPLOADING, OutboxState.SYNCED)  # done: not listed
    refused = core.confirm(appeal())
    _move(core, refused, OutboxState.UPLOADING)
    _move(core, refused, OutboxState.REJECTED, error_code="bad_region", error_detail="unknown")
    rating = _rating(core)
    _move(core, rating, OutboxState.UPLOADING, OutboxState.SYNCED)  # prints nothing: not listed
    unprinted_sent = core.confirm(appeal())
    _move(core, unprinted_sent, OutboxState.UPLOADING, OutboxState.SYNCED)
    later = datetime.now(UTC) + timedelta(hours=2)
    rows = outbox_rows(core.store, now=later)
    assert [r.receipt_no for r in rows] == [refused.receipt_no, unprinted_sent.receipt_no]
    first, second = rows
    assert first.state == OutboxState.REJECTED and not first.printed
    assert (first.reason_code, first.reason_detail) == ("bad_region", "unknown")
    assert second.state == OutboxState.SYNCED and second.reason_code is None
    assert 7190 < first.age_s < 7300


def test_record_printed_keeps_the_first_time(core: TerminalCore) -> None:
    sid = core.confirm(appeal()).submission_id
    first = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
    record_printed(core.store, sid, now=first)
    record_printed(core.store, sid, now=first + timedelta(hours=1))
    assert _printed(core, sid) == ("printed", rfc3339(first))
    with pytest.raises(IllegalTransition):
        record_printed(core.store, "no-such-submission")
    assert queue_stats(core.store).unprinted == 0


def test_record_reprint_marks_and_audits_together(core: TerminalCore) -> None:
    audit = AuditTrail.for_core(core)
    done = core.confirm(appeal())
    failed = core.confirm(appeal())
    record_reprint(
        core.store, audit, staff_id="S001", submission_id=done.submission_id,
        receipt_no=done.receipt_no, printed=True,
    )  # fmt: skip
    record_reprint(
        core.store, audit, staff_id="S001", submission_id=failed.submission_id,
        receipt_no=failed.receipt_no, printed=False,
    )  # fmt: skip
    assert _printed(core, done.submission_id)[0] == "printed"
    assert _printed(core, failed.submission_id) == ("unprinted", None)
    reprints = [
        (r.actor, r.result, json.loads(r.detail)) for r in audit.records() if r.action == "reprint"
    ]
    assert reprints == [
        ("S001", "ok", {"receipt_no": done.receipt_no}),
        ("S001", "failed", {"receipt_no": failed.receipt_no}),
    ]
    assert audit.verify().ok


def test_a_refused_audit_record_leaves_the_receipt_unprinted(core: TerminalCore) -> None:
    audit = AuditTrail.for_core(core)
    confirmed = core.confirm(appeal())
    with pytest.raises(AuditRefused):  # no such actor
        record_reprint(
            core.store, audit, staff_id="", submission_id=confirmed.submission_id,
            receipt_no=confirmed.receipt_no, printed=True,
        )  # fmt: skip
    assert _printed(core, confirmed.submission_id) == ("unprinted", None)  # both or neither


def test_queue_stats_waiting_counts_pending_and_uploading(core: TerminalCore) -> None:
    _pending, second, third = (core.confirm(appeal()) for _ in range(3))
    _move(core, second, OutboxState.UPLOADING)
    _move(core, third, OutboxState.UPLOADING, OutboxState.SYNCED)
    stats = queue_stats(core.store)
    assert stats.waiting == 2 and stats.by_state["synced"] == 1 and stats.unprinted == 3
    assert stats.oldest_pending_at is not None
