"""Retention erases sealed content N days after sync; receipt, status and times remain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from terminal.runtime import TerminalCore
from terminal.submissions.lifecycle import OutboxState, transition
from terminal.submissions.retention import purge_expired, sweep_attachment_files
from tests.terminal.core.helpers import appeal

SYNCED_AT = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def sync(core: TerminalCore, sid: str) -> None:
    stamp = SYNCED_AT.isoformat().replace("+00:00", "Z")
    core.store.writer.run(lambda c: transition(c, [sid], OutboxState.UPLOADING, now=stamp))
    core.store.writer.run(
        lambda c: transition(c, [sid], OutboxState.SYNCED, now=stamp, case_id="C")
    )


def test_purge_after_retention_period_only(core: TerminalCore) -> None:
    synced = core.confirm(appeal(attachments=(b"photo-bytes" * 100,)))
    pending = core.confirm(appeal(attachments=(b"other-photo" * 100,)))
    sync(core, synced.submission_id)
    files_before = set(core.paths.attachments_dir.iterdir())
    assert len(files_before) == 2

    assert purge_expired(core.store, 30, now=SYNCED_AT + timedelta(days=29)) == 0
    assert purge_expired(core.store, 30, now=SYNCED_AT + timedelta(days=30, seconds=1)) == 1
    with core.store.reader.connect() as conn:
        rows = {
            r.receipt_no: r
            for r in conn.exec_driver_sql(
                "SELECT receipt_no, sealed_enc, sealed_ct, purged_at, outbox_state, case_id, "
                "created_at FROM submissions"
            )
        }
    gone, kept = rows[synced.receipt_no], rows[pending.receipt_no]
    assert gone.sealed_enc is None and gone.sealed_ct is None and gone.purged_at
    assert (gone.outbox_state, gone.case_id, gone.created_at) == ("synced", "C", gone.created_at)
    assert kept.sealed_enc is not None and kept.purged_at is None
    assert len(list(core.paths.attachments_dir.iterdir())) == 1
    assert purge_expired(core.store, 30, now=SYNCED_AT + timedelta(days=90)) == 0  # idempotent


def test_sweep_removes_files_no_row_refers_to(core: TerminalCore) -> None:
    core.confirm(appeal(attachments=(b"kept" * 50,)))
    (core.paths.attachments_dir / ("f" * 64 + ".sealed")).write_bytes(b"orphan")
    (core.paths.attachments_dir / ("e" * 64 + ".tmp")).write_bytes(b"half-written")
    assert sweep_attachment_files(core.store) == 2
    assert len(list(core.paths.attachments_dir.iterdir())) == 1


def test_a_purge_at_start_is_audited_with_a_count(core: TerminalCore) -> None:
    from terminal.audit.trail import AuditTrail
    from terminal.runtime import start_core
    from tests.conftest import make_config

    sync(core, core.confirm(appeal()).submission_id)  # synced on 2026-11-01
    config = make_config(core.paths.root, terminal__code="0042", store__retention_days=1)
    core.close()
    again = start_core(config, configure_logging=False)
    try:
        [record] = [r for r in AuditTrail.for_core(again).records() if r.action == "purge"]
        assert (record.actor, record.result) == ("system", "ok")
        assert '"count":1' in record.detail.replace(" ", "")
    finally:
        again.close()
    core.store = start_core(config, configure_logging=False).store  # for the fixture's close
