"""The outbox drainer against a real central: every submission ends in exactly one case."""

from __future__ import annotations

from collections import Counter

from synckit.central_process import CentralProcess
from synckit.terminals import (
    appeal_with,
    confirm_appeals,
    rows,
    service_for,
    sync_config,
)

from sync.kv import CLOCK_OFFSET, read_kv
from sync.protocol import problem_codes
from sync.timing import Timing
from terminal.config import Config
from terminal.runtime import TerminalCore, start_core
from terminal.store import integrity


def test_200_submissions_then_a_resend_after_a_crash(
    enrolled: TerminalCore, sync_cfg: Config, central: CentralProcess
) -> None:
    receipts = confirm_appeals(enrolled, 200, every_nth_photo=10)
    service = service_for(enrolled, central)
    report = service.drainer.drain()
    service.close()

    assert report.outcomes.accepted == 200 and report.outcomes.rejected == 0
    assert report.batches == 2  # batch_max_items = 100
    assert report.attachments_uploaded == 20
    local = rows(enrolled)
    assert {r.outbox_state for r in local.values()} == {"synced"}
    assert all(r.case_id for r in local.values())
    terminal_id = enrolled.identity.terminal_id  # type: ignore[union-attr]
    cases = central.cases(terminal_id)
    assert sorted(c["receipt_no"] for c in cases) == sorted(receipts)
    assert {c["receipt_no"]: c["case_id"] for c in cases} == {
        no: r.case_id for no, r in local.items()
    }

    # A crash after central stored 50 of them but before the terminal wrote the answer:
    # those rows are still `uploading`, with no case id, when the process dies.
    crashed = sorted(local)[:50]
    marks = ",".join("?" * len(crashed))
    enrolled.store.writer.run(
        lambda c: c.execute(
            "UPDATE submissions SET outbox_state = 'uploading', case_id = NULL, synced_at = NULL "
            f"WHERE receipt_no IN ({marks})",
            crashed,
        )
    )
    enrolled.close()
    restarted = start_core(sync_cfg, configure_logging=False)  # recovers uploading → pending
    try:
        assert Counter(r.outbox_state for r in rows(restarted).values())["pending"] == 50
        service = service_for(restarted, central)
        again = service.drainer.drain()
        service.close()
        assert again.outcomes.duplicate == 50 and again.outcomes.accepted == 0
        after = rows(restarted)
        assert all(after[no].case_id == local[no].case_id for no in crashed)
        assert {r.outbox_state for r in after.values()} == {"synced"}
        assert len(central.cases(terminal_id)) == 200  # still one case each
    finally:
        restarted.close()


def test_missing_attachment_is_sent_and_the_item_retried(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    [receipt] = confirm_appeals(enrolled, 1, seed=3, every_nth_photo=1)
    # The terminal believes the photo is on the server (a flag left from a lost upload).
    enrolled.store.writer.run(lambda c: c.execute("UPDATE attachments SET uploaded = 1"))
    service = service_for(enrolled, central)
    report = service.drainer.drain()
    service.close()
    assert report.outcomes.missing_attachments == 1, rows(enrolled)[receipt]
    assert report.outcomes.accepted == 1
    assert report.attachments_uploaded == 1
    assert rows(enrolled)[receipt].outbox_state == "synced"


def test_an_item_whose_sealed_file_is_gone_is_held_back_pending(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    [receipt] = confirm_appeals(enrolled, 1, seed=4, every_nth_photo=1)
    good = confirm_appeals(enrolled, 2, seed=7)
    for sealed in enrolled.store.paths.attachments_dir.glob("*.sealed"):
        sealed.unlink()
    service = service_for(enrolled, central)
    report = service.drainer.drain()
    service.close()
    local = rows(enrolled)
    assert report.held_back == 1 and report.outcomes.accepted == 2
    assert local[receipt].outbox_state == "pending"  # sent again once the file is back
    held = enrolled.store.read(
        lambda c: c.execute(
            "SELECT integrity_error FROM submissions WHERE receipt_no = ?", (receipt,)
        ).fetchone()[0]
    )
    assert held == integrity.ATTACHMENT_MISSING  # listed for staff, not retried blindly
    assert all(local[no].outbox_state == "synced" for no in good)


def test_poisoned_submission_is_rejected_and_the_rest_synced(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    good = confirm_appeals(enrolled, 3, seed=5)
    poisoned = appeal_with(enrolled, category="no.such.category")
    good += confirm_appeals(enrolled, 3, seed=6)
    service = service_for(enrolled, central)
    report = service.drainer.drain()
    service.close()
    local = rows(enrolled)
    assert local[poisoned].outbox_state == "rejected"
    assert local[poisoned].outbox_error_code == problem_codes.INVALID_PAYLOAD
    assert all(local[no].outbox_state == "synced" for no in good)
    assert report.outcomes.rejected == 1 and report.outcomes.accepted == 6
    assert report.batches == 1 and report.splits == 0  # a per-item answer, no split


def test_oversize_item_is_isolated_by_halving(data_dir, central: CentralProcess) -> None:  # type: ignore[no-untyped-def]
    from synckit.terminals import enrol_core

    # The terminal's own limit is looser than central's 2 MiB, so the big one is batched.
    config = sync_config(data_dir, central.url, sync__batch_max_bytes=16 * 1024 * 1024)
    core = enrol_core(config, central)
    try:
        before = confirm_appeals(core, 4, seed=8)
        huge = appeal_with(core, description="路" * 900_000)  # ~2.7 MB of UTF-8, sealed
        after = confirm_appeals(core, 3, seed=9)
        service = service_for(core, central)
        report = service.drainer.drain()
        service.close()
        local = rows(core)
        assert local[huge].outbox_state == "rejected"
        assert local[huge].outbox_error_code == problem_codes.PAYLOAD_TOO_LARGE
        assert all(local[no].outbox_state == "synced" for no in before + after)
        assert report.splits >= 3  # 8 → 4 → 2 → 1
        assert report.outcomes.accepted == 7 and report.outcomes.rejected == 1
    finally:
        core.close()


class SlowClock(Timing):
    """This machine's clock ten minutes behind."""

    def time(self) -> float:
        return super().time() - 600


def test_a_clock_ten_minutes_off_recovers_on_its_next_try(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    [receipt] = confirm_appeals(enrolled, 1, seed=11)
    service = service_for(enrolled, central, timing=SlowClock())
    report = service.drainer.drain()
    service.close()
    assert report.outcomes.accepted == 1
    assert rows(enrolled)[receipt].outbox_state == "synced"
    offset = float(read_kv(enrolled.store, CLOCK_OFFSET) or 0)
    assert 590 < offset < 610  # learnt from central's server_time and kept
