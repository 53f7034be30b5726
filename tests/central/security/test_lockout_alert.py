"""Attack 6 of issue 13, the screen: five wrong PINs lock an account. The lock must end
(and grow for a repeat), and central must hear of it: a real kiosk store enrolled with
a real ``mashangban-central serve`` on loopback, wrong PINs typed through the staff
directory, the lockout records carried by a real signed heartbeat."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from synckit.central_process import CentralProcess
from synckit.terminals import enrol_core, service_for, sync_config

from terminal.audit.actions import TECHNICIAN_CLI
from terminal.staff.directory import StaffDirectory
from tests.terminal.staff.helpers import GOOD_PIN, FakeClock

WRONG = "730264"


def lock_out(directory: StaffDirectory, staff_id: str) -> None:
    for _ in range(5):
        assert not directory.authenticate(staff_id, WRONG).ok


def test_repeated_lockouts_reach_central_and_each_lock_ends(tmp_path: Path) -> None:
    with CentralProcess(tmp_path / "central") as central:
        core = enrol_core(sync_config(tmp_path / "terminal", central.url), central)
        service = service_for(core, central)
        try:
            clock = FakeClock()
            directory = StaffDirectory.for_core(core, clock)
            directory.add("S001", "王敏", "clerk", GOOD_PIN, actor=TECHNICIAN_CLI)

            lock_out(directory, "S001")
            first = directory.authenticate("S001", GOOD_PIN)
            assert first.reason == "locked" and first.locked_until is not None
            assert first.locked_until - clock.now <= timedelta(minutes=15)
            service.heartbeat.send()
            terminal_id = core.identity.terminal_id if core.identity else ""
            [row] = [t for t in central.terminals() if t["terminal_id"] == terminal_id]
            assert row["staff_lockouts_24h"] == 1 and row["staff_lockout_alert"] is False

            clock.advance(minutes=16)  # the lock ended by itself; the attacker goes on
            lock_out(directory, "S001")
            second = directory.authenticate("S001", GOOD_PIN)
            assert second.reason == "locked" and second.locked_until is not None
            assert timedelta(minutes=29) < second.locked_until - clock.now <= timedelta(minutes=30)
            service.heartbeat.send()
            [row] = [t for t in central.terminals() if t["terminal_id"] == terminal_id]
            assert row["staff_lockouts_24h"] == 2 and row["staff_lockout_alert"] is True
            assert "LOCKOUTS 2/24h" in central.admin("terminals")
            log = (central.data_dir / "security.log").read_text(encoding="utf-8")
            lines = [json.loads(x) for x in log.splitlines()]
            lockouts = [x for x in lines if x["event"] == "staff-lockout"]
            assert [(x["terminal_id"], x["staff_id"], x["lockouts_24h"]) for x in lockouts] == [
                (terminal_id, "S001", 1),
                (terminal_id, "S001", 2),
            ]
            assert GOOD_PIN not in log and WRONG not in log

            for _ in range(4):  # grows 60, 120, 240 and stops there: never for good
                clock.advance(hours=5)
                lock_out(directory, "S001")
            locked = directory.authenticate("S001", GOOD_PIN)
            assert locked.locked_until is not None
            assert locked.locked_until - clock.now <= timedelta(hours=4)
            clock.advance(hours=4, minutes=1)
            assert directory.authenticate("S001", GOOD_PIN).ok  # the right PIN works again
        finally:
            service.close()
            core.close()
