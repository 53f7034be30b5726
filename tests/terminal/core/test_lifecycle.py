"""The state machine is enforced by the database's conditional updates."""

from __future__ import annotations

import json

import pytest

from terminal.runtime import TerminalCore
from terminal.submissions.lifecycle import (
    IllegalTransition,
    OutboxState,
    mark_printed,
    recover_interrupted_uploads,
    set_central_status,
    transition,
)
from tests.terminal.core.helpers import appeal

NOW = "2026-11-27T03:00:00Z"


def state(core: TerminalCore, sid: str) -> tuple:
    with core.store.reader.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT outbox_state, outbox_attempts, case_id, synced_at, print_state, "
                "central_status, outbox_error_code FROM submissions WHERE id = ?",
                (sid,),
            ).one()
        )


def move(core: TerminalCore, ids: list[str], target: OutboxState, **kw: str) -> None:
    core.store.writer.run(lambda c: transition(c, ids, target, now=NOW, **kw))


def test_happy_path_pending_uploading_synced(core: TerminalCore) -> None:
    sid = core.confirm(appeal()).submission_id
    move(core, [sid], OutboxState.UPLOADING)
    assert state(core, sid)[:2] == ("uploading", 1)
    move(core, [sid], OutboxState.SYNCED, case_id="C1")
    assert state(core, sid)[:4] == ("synced", 1, "C1", NOW)


@pytest.mark.parametrize(
    "path",
    [
        [OutboxState.SYNCED],  # pending → synced skips uploading
        [OutboxState.REJECTED],
        [OutboxState.UPLOADING, OutboxState.SYNCED, OutboxState.PENDING],  # synced is final
        [OutboxState.UPLOADING, OutboxState.REJECTED, OutboxState.UPLOADING],  # never resent
        [OutboxState.UPLOADING, OutboxState.UPLOADING],
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(
    core: TerminalCore, path: list[OutboxState]
) -> None:
    sid = core.confirm(appeal()).submission_id
    *legal, illegal = path
    for target in legal:
        move(core, [sid], target)
    before = state(core, sid)
    with pytest.raises(IllegalTransition):
        move(core, [sid], illegal)
    assert state(core, sid) == before


def test_a_batch_moves_all_or_none(core: TerminalCore) -> None:
    a = core.confirm(appeal()).submission_id
    b = core.confirm(appeal()).submission_id
    move(core, [a], OutboxState.UPLOADING)
    with pytest.raises(IllegalTransition):
        move(core, [a, b], OutboxState.SYNCED)  # b is still pending
    assert state(core, a)[0] == "uploading" and state(core, b)[0] == "pending"


def test_rejected_keeps_the_reason(core: TerminalCore) -> None:
    sid = core.confirm(appeal()).submission_id
    move(core, [sid], OutboxState.UPLOADING)
    move(core, [sid], OutboxState.REJECTED, error_code="invalid-payload", error_detail="category")
    assert state(core, sid)[0] == "rejected" and state(core, sid)[6] == "invalid-payload"


def test_crash_recovery_puts_uploads_back_to_pending(core: TerminalCore) -> None:
    sid = core.confirm(appeal()).submission_id
    move(core, [sid], OutboxState.UPLOADING)
    assert core.store.writer.run(recover_interrupted_uploads) == 1
    assert state(core, sid)[0] == "pending"


def test_central_status_only_for_synced_and_never_goes_back_in_time(core: TerminalCore) -> None:
    confirmed = core.confirm(appeal())
    sid, receipt = confirmed.submission_id, confirmed.receipt_no
    text = json.dumps({"zh_CN": "办理中", "en": "In progress"})

    def status(s: str, at: str) -> bool:
        return core.store.writer.run(
            lambda c: set_central_status(
                c, receipt_no=receipt, status=s, status_text_json=text, updated_at=at
            )
        )

    assert not status("in_progress", "2026-11-27T04:00:00Z")  # not synced yet
    move(core, [sid], OutboxState.UPLOADING)
    move(core, [sid], OutboxState.SYNCED, case_id="C9")
    assert status("in_progress", "2026-11-27T04:00:00Z")
    assert not status("received", "2026-11-27T03:30:00Z")  # an older change arriving late
    assert status("accepted", "2026-11-27T12:00:09.5+08:00")  # 04:00:09.5Z: later
    assert not status("received", "2026-11-27T04:00:09Z")  # earlier, though "09Z" > "09.5Z" as text
    assert state(core, sid)[5] == "accepted"
    with pytest.raises(IllegalTransition):
        status("lost", "2026-11-27T05:00:00Z")


def test_printed_once_and_reprint_keeps_first_time(core: TerminalCore) -> None:
    sid = core.confirm(appeal()).submission_id
    core.store.writer.run(lambda c: mark_printed(c, sid, now="2026-11-27T01:00:00Z"))
    core.store.writer.run(lambda c: mark_printed(c, sid, now="2026-11-27T02:00:00Z"))
    with core.store.reader.connect() as conn:
        row = conn.exec_driver_sql("SELECT print_state, printed_at FROM submissions").one()
    assert tuple(row) == ("printed", "2026-11-27T01:00:00Z")
    with pytest.raises(IllegalTransition):
        core.store.writer.run(lambda c: mark_printed(c, "nope", now=NOW))
