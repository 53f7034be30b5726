"""A failing staff step (central answers 500 to ``GET /staff`` on every try) never stops a
cycle: the outbox drains, the heartbeat goes, the report says why; the next cycle with
central healthy provisions the account."""

from __future__ import annotations

import subprocess
from pathlib import Path

from faultkit.proxy import PASS, STATUS_429, STATUS_500, FaultProxy, Record
from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals, enrol_core, rows, sync_config

from sync.service import SyncService
from terminal.staff.directory import StaffDirectory

PIN = "135790"


def test_a_failing_staff_step_does_not_stop_the_cycle(
    data_dir: Path, central: CentralProcess
) -> None:
    core = enrol_core(sync_config(data_dir, central.url), central)
    broken = True

    def schedule(_seq: int, record: Record) -> str:
        return STATUS_500 if broken and record.target.startswith("/api/v1/staff") else PASS

    try:
        assert core.identity is not None
        added = subprocess.run(
            [*central.command, "--data-dir", str(central.data_dir), "--log-level", "warning",
             "staff", "add", "--id", "F100", "--name", "吴四", "--terminal",
             core.identity.terminal_id, "--pin-stdin"],
            input=f"{PIN}\n", capture_output=True, text=True, encoding="utf-8", timeout=60,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        receipts = confirm_appeals(core, 2, seed=71)
        with FaultProxy(central.url, schedule) as proxy:
            service = SyncService(core, proxy.url)
            try:
                report = service.run_cycle()
                assert report.staff.error == "proxy-fault" and not report.staff.changed
                assert report.drain.outcomes.accepted == 2 and report.heartbeat is not None
                assert {rows(core)[r].outbox_state for r in receipts} == {"synced"}
                staff_tries = [r for r in proxy.records if r.target.startswith("/api/v1/staff")]
                assert len(staff_tries) == service.client.attempts  # retried, then reported
                assert proxy.records[-1].target == "/api/v1/terminals/heartbeat"
                assert StaffDirectory.for_core(core).get("F100") is None

                broken = False
                healed = service.run_cycle()
            finally:
                service.close()
        assert healed.staff.changed and healed.staff.error is None
        assert StaffDirectory.for_core(core).authenticate("F100", PIN).ok
    finally:
        core.close()


def test_a_rate_limited_staff_step_waits_for_retry_after_before_the_heartbeat(
    data_dir: Path, central: CentralProcess
) -> None:
    core = enrol_core(sync_config(data_dir, central.url), central)

    def schedule(_seq: int, record: Record) -> str:
        return STATUS_429 if record.target.startswith("/api/v1/staff") else PASS

    try:
        with FaultProxy(central.url, schedule, proxy_retry_after="1") as proxy:
            service = SyncService(core, proxy.url)
            try:
                report = service.run_cycle()
            finally:
                service.close()
        assert report.staff.error == "proxy-fault" and report.heartbeat is not None
        last_429 = [r for r in proxy.records if r.fault == STATUS_429][-1]
        [beat] = [r for r in proxy.records if r.target == "/api/v1/terminals/heartbeat"]
        assert last_429.answered_at is not None
        assert beat.at - last_429.answered_at >= 1.0  # Retry-After is the floor (contract §6)
    finally:
        core.close()
