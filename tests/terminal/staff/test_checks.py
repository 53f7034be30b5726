"""The doctor checks for staff accounts and the audit trail."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from terminal.audit.checks import check_audit
from terminal.audit.key import audit_key_path
from terminal.doctor import run_checks
from terminal.runtime import TerminalCore
from terminal.staff.checks import check_staff
from tests.conftest import REPO
from tests.terminal.staff.helpers import GOOD_PIN, FakeClock, directory, raw_sql, trail


def test_staff_check_warns_without_accounts_and_is_ok_with_one(core: TerminalCore) -> None:
    demo = check_staff(core)  # the embedded demo central: a note, not a warning
    assert demo.verdict == "ok" and "mashangban staff add" in demo.advice
    assert core.identity is not None
    core.identity = replace(core.identity, demo=False, server_url="https://zwfw.example.gov.cn")
    empty = check_staff(core)
    assert empty.verdict == "warn" and "mashangban staff add" in empty.advice
    staff = directory(core, FakeClock())
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")
    staff.disable("S001", actor="technician:cli")
    assert check_staff(core).verdict == "warn"  # a disabled account cannot sign in
    staff.enable("S001", actor="technician:cli")
    ok = check_staff(core)
    assert ok.verdict == "ok" and ok.summary.startswith("1 enabled (1 clerk, 0 technician)")
    assert "王敏" not in ok.summary


def test_audit_check_fails_when_the_chain_is_broken_or_the_key_is_gone(
    core: TerminalCore,
) -> None:
    assert check_audit(core).verdict == "ok"
    audit = trail(core)
    for _ in range(3):
        audit.record("S001", "force_sync")
    assert check_audit(core).summary.startswith("3 records verified from #1; 3 not yet sent")
    raw_sql(
        core.paths.store_file,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET action = 'reprint' WHERE seq = 2",
    )
    broken = check_audit(core)
    assert broken.verdict == "fail" and "record 2" in broken.summary
    audit_key_path(core.paths.local_key_file).unlink()
    assert check_audit(core).verdict == "fail"


def test_the_checks_run_through_doctor(core: TerminalCore) -> None:
    results = {c.name: c for c in run_checks(core, extra=[check_staff, check_audit])}
    assert results["staff"].verdict == "ok" and results["audit trail"].verdict == "ok"
    assert "nobody can sign in" in results["staff"].summary


def test_the_check_modules_do_not_import_doctor_at_load_time() -> None:
    """So terminal/doctor.py may import them at its top without an import cycle."""
    code = (
        "import sys, terminal.staff.checks, terminal.audit.checks; "
        "assert 'terminal.doctor' not in sys.modules, 'doctor imported at load time'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
