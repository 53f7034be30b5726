"""Staff accounts provisioned from central, end to end: ``mashangban-central staff …`` on a
real central subprocess (SQLite file), one ``SyncService.run_cycle`` over real HTTP on
127.0.0.1, then sign-in at the terminal's own ``StaffDirectory`` (its SQLite store).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals, enrol_core, service_for, sync_config

from sync.kv import read_kv
from sync.service import SyncService
from sync.staff_pull import STAFF_ETAG
from terminal.runtime import TerminalCore
from terminal.staff.directory import StaffDirectory

PIN = "135790"
NEW_PIN = "246813"
STAFF = "/api/v1/staff"


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralProcess]:
    """A central of this module's own: its accounts must not reach other tests' terminals."""
    with CentralProcess(tmp_path_factory.mktemp("staff-central")) as server:
        yield server


def staff_admin(central: CentralProcess, *args: str, pin: str | None = None) -> str:
    """``mashangban-central staff …``; a PIN goes to standard input, never into argv."""
    done = subprocess.run(
        [*central.command, "--data-dir", str(central.data_dir), "--log-level", "warning",
         "staff", *args, *(["--pin-stdin"] if pin else [])],
        input=f"{pin}\n" if pin else None,
        stdin=None if pin else subprocess.DEVNULL,
        capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def central_sql(central: CentralProcess, sql: str, *params: Any) -> None:
    """Change central's SQLite file behind its back, as a hand edit or a bug would."""
    conn = sqlite3.connect(central.data_dir / "central.sqlite3", isolation_level=None)
    try:
        conn.execute(sql, params)
    finally:
        conn.close()


def terminal_id(core: TerminalCore) -> str:
    assert core.identity is not None
    return core.identity.terminal_id


def staff_audit(core: TerminalCore) -> list[tuple[str, str, str, dict[str, Any]]]:
    conn = sqlite3.connect(core.paths.store_file)
    try:
        rows = conn.execute(
            "SELECT actor, action, result, detail FROM audit_log "
            "WHERE action LIKE 'staff_%' ORDER BY seq"
        ).fetchall()
    finally:
        conn.close()
    return [(a, b, c, json.loads(d)) for a, b, c, d in rows]


def provisions(core: TerminalCore) -> list[tuple[str, dict[str, Any]]]:
    return [(r, d) for _, action, r, d in staff_audit(core) if action == "staff_provision"]


class StatusSpy:
    """Records the status of every ``GET /staff`` the service's client sends."""

    def __init__(self, service: SyncService) -> None:
        self.statuses: list[int] = []
        client, original = service.client, service.client.request

        def request(method: str, path: str, **kwargs: Any) -> Any:
            response = original(method, path, **kwargs)
            if path == "/staff":
                self.statuses.append(response.status_code)
            return response

        client.request = request  # type: ignore[method-assign]


def test_an_account_added_at_central_signs_in_after_one_cycle(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    staff_admin(central, "add", "--id", "P100", "--name", "王敏", "--terminal",
                terminal_id(enrolled), pin=PIN)  # fmt: skip
    confirm_appeals(enrolled, 2, seed=51)
    service = service_for(enrolled, central)
    try:
        report = service.run_cycle()
    finally:
        service.close()
    assert report.staff.changed and report.staff.applied == 1 and report.staff.error is None
    assert report.drain.outcomes.accepted == 2 and report.heartbeat is not None
    directory = StaffDirectory.for_core(enrolled)
    account = directory.get("P100")
    assert account is not None
    assert (account.display_name, account.role, account.enabled, account.source) == (
        "王敏", "clerk", True, "central",
    )  # fmt: skip
    assert directory.authenticate("P100", PIN).ok
    assert directory.authenticate("P100", NEW_PIN).reason == "wrong_pin"
    assert provisions(enrolled) == [("ok", {"count": 1, "added": 1, "updated": 0, "disabled": 0})]
    assert [a for a, action, *_ in staff_audit(enrolled) if action == "staff_provision"] == [
        "system"
    ]


def test_an_unchanged_list_costs_a_304_and_no_audit_record(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    staff_admin(central, "add", "--id", "P200", "--name", "李娜", "--role", "technician",
                "--terminal", terminal_id(enrolled), pin=PIN)  # fmt: skip
    service = service_for(enrolled, central)
    spy = StatusSpy(service)
    try:
        first = service.run_cycle()
        etag = read_kv(enrolled.store, STAFF_ETAG)
        second = service.run_cycle()
        third = service.run_cycle(heartbeat=False)
    finally:
        service.close()
    assert first.staff.changed and not second.staff.changed and not third.staff.changed
    assert spy.statuses == [200, 304, 304]
    assert etag and read_kv(enrolled.store, STAFF_ETAG) == etag
    assert len(provisions(enrolled)) == 1
    assert StaffDirectory.for_core(enrolled).authenticate("P200", PIN).ok


def test_reset_pin_disable_and_enable_reach_the_terminal(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    staff_admin(central, "add", "--id", "P300", "--name", "赵强", "--terminal",
                terminal_id(enrolled), pin=PIN)  # fmt: skip
    service = service_for(enrolled, central)
    directory = StaffDirectory.for_core(enrolled)
    try:
        service.run_cycle()
        assert directory.authenticate("P300", PIN).ok

        staff_admin(central, "reset-pin", "P300", pin=NEW_PIN)
        assert service.run_cycle().staff.applied == 1
        assert directory.authenticate("P300", PIN).reason == "wrong_pin"
        assert directory.authenticate("P300", NEW_PIN).ok

        staff_admin(central, "disable", "P300")
        assert service.run_cycle().staff.changed
        refused = directory.authenticate("P300", NEW_PIN)
        assert not refused.ok and refused.reason == "disabled"
        assert directory.get("P300").enabled is False  # type: ignore[union-attr]

        staff_admin(central, "enable", "P300")
        service.run_cycle()
        assert directory.authenticate("P300", NEW_PIN).ok
    finally:
        service.close()
    assert [r for r, _ in provisions(enrolled)] == ["ok"] * 4


def test_a_bad_record_leaves_the_accounts_untouched_and_the_cycle_still_drains(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    me = terminal_id(enrolled)
    staff_admin(central, "add", "--id", "R100", "--name", "钱一", "--terminal", me, pin=PIN)
    staff_admin(central, "add", "--id", "R200", "--name", "孙二", "--terminal", me, pin=PIN)
    service = service_for(enrolled, central)
    spy = StatusSpy(service)
    directory = StaffDirectory.for_core(enrolled)
    try:
        service.run_cycle()
        # Central now holds a good change (R100's new PIN) and a weak hash (n=1024) for R200.
        staff_admin(central, "reset-pin", "R100", pin=NEW_PIN)
        weak = "scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "="
        central_sql(central, "UPDATE staff_accounts SET pin_hash = ? WHERE staff_id = 'R200'",
                    weak)  # fmt: skip
        confirm_appeals(enrolled, 3, seed=61)
        report = service.run_cycle()
        assert report.staff.rejected == "bad_hash" and not report.staff.changed
        assert report.drain.outcomes.accepted == 3 and report.heartbeat is not None
        assert directory.authenticate("R100", PIN).ok  # the whole list was refused
        assert directory.authenticate("R200", PIN).ok
        assert [r for r, _ in provisions(enrolled)] == ["ok", "refused"]

        again = service.run_cycle()  # the same bad list: not applied or audited again
        assert again.staff.rejected == "bad_hash"
        assert [r for r, _ in provisions(enrolled)] == ["ok", "refused"]
        assert spy.statuses == [200, 200, 304]

        staff_admin(central, "reset-pin", "R200", pin=NEW_PIN)  # central fixes the record
        fixed = service.run_cycle()
        assert fixed.staff.changed and fixed.staff.rejected is None and fixed.staff.applied == 2
        assert directory.authenticate("R100", NEW_PIN).ok
        assert directory.authenticate("R200", NEW_PIN).ok
    finally:
        service.close()


def test_an_account_central_no_longer_lists_is_disabled(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    staff_admin(central, "add", "--id", "U100", "--name", "周三", "--terminal",
                terminal_id(enrolled), pin=PIN)  # fmt: skip
    service = service_for(enrolled, central)
    try:
        service.run_cycle()
        assert StaffDirectory.for_core(enrolled).authenticate("U100", PIN).ok
        central_sql(central, "DELETE FROM staff_account_terminals WHERE staff_id = 'U100'")
        report = service.run_cycle()
    finally:
        service.close()
    assert report.staff.changed and report.staff.disabled == 1
    assert StaffDirectory.for_core(enrolled).authenticate("U100", PIN).reason == "disabled"
    assert ("system", "staff_disable", "ok", {"staff_id": "U100", "reason": "unlisted"}) in (
        staff_audit(enrolled)
    )


def test_assign_moves_an_account_between_terminals(
    enrolled: TerminalCore, central: CentralProcess
) -> None:
    """`staff assign` at central: off this terminal → disabled here at the next cycle;
    back (or to every terminal) → it signs in again."""
    staff_admin(central, "add", "--id", "W100", "--name", "调岗", "--terminal",
                terminal_id(enrolled), pin=PIN)  # fmt: skip
    service = service_for(enrolled, central)
    try:
        service.run_cycle()
        directory = StaffDirectory.for_core(enrolled)
        assert directory.authenticate("W100", PIN).ok
        moved = staff_admin(central, "assign", "W100", "--terminal", "9999")
        assert "W100 is now for 9999" in moved
        assert service.run_cycle().staff.disabled == 1
        assert directory.authenticate("W100", PIN).reason == "disabled"
        staff_admin(central, "assign", "W100", "--terminal", enrolled.config.terminal.code)
        service.run_cycle()
        assert directory.authenticate("W100", PIN).ok  # its code names it too
    finally:
        service.close()
    listed = json.loads(staff_admin(central, "list", "--json"))
    mine = next(a for a in listed if a["staff_id"] == "W100")
    assert mine["terminals"] == [enrolled.config.terminal.code]


def test_accounts_for_other_terminals_are_not_delivered(
    enrolled: TerminalCore, central: CentralProcess, tmp_path: Path
) -> None:
    """Runs last in this module: its all-terminals account reaches every later terminal."""
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = enrol_core(sync_config(other_dir, central.url), central)
    try:
        staff_admin(central, "add", "--id", "V100", "--name", "别处", "--terminal",
                    terminal_id(other), pin=PIN)  # fmt: skip
        code = enrolled.config.terminal.code  # an account may name a terminal by its code
        staff_admin(central, "add", "--id", "V200", "--name", "此处", "--terminal", code, pin=PIN)
        staff_admin(
            central, "add", "--id", "V300", "--name", "各处", "--all-terminals", pin=PIN
        )  # every terminal
        for core in (enrolled, other):
            service = service_for(core, central)
            try:
                service.run_cycle()
            finally:
                service.close()
        mine = {a.staff_id for a in StaffDirectory.for_core(enrolled).list()}
        theirs = {a.staff_id for a in StaffDirectory.for_core(other).list()}
        assert "V100" not in mine and {"V200", "V300"} <= mine
        assert "V100" in theirs and "V200" not in theirs and "V300" in theirs
        assert StaffDirectory.for_core(enrolled).authenticate("V100", PIN).reason == "unknown"
    finally:
        other.close()
