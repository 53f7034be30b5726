"""`mashangban enroll` and `mashangban sync --once` as real subprocesses."""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

from synckit.central_process import CentralProcess
from synckit.cli import run_mashangban
from synckit.refusing import refusing_url
from synckit.terminals import confirm_appeals, rows, sync_config

from terminal.identity import load_identity
from terminal.runtime import start_core


def test_enroll_then_sync_once(data_dir: Path, central: CentralProcess) -> None:
    code = central.enrollment_code()
    env = {"MASHANGBAN_TERMINAL__CODE": "0777", "MASHANGBAN_SYNC__START_JITTER_S": "0",
           "MASHANGBAN_SYNC__ALLOW_HTTP_LOOPBACK": "true"}  # fmt: skip
    enrolled = run_mashangban(data_dir, "enroll", "--server", central.url, "--code", code, env=env)
    assert enrolled.returncode == 0, enrolled.stderr
    assert "enrolled: terminal" in enrolled.stdout

    # No server_url configured: sync uses the server the terminal was enrolled with.
    config = sync_config(data_dir, "", terminal__code="0777")
    core = start_core(config, configure_logging=False)
    try:
        identity = load_identity(core.store, core.local_key)
        assert identity is not None and not identity.demo and identity.server_url == central.url
        secret_text = base64.b64encode(identity.secret).decode()
        assert secret_text not in enrolled.stdout + enrolled.stderr
        assert identity.secret.hex() not in enrolled.stdout + enrolled.stderr
        receipts = confirm_appeals(core, 4, seed=71, every_nth_photo=2)
    finally:
        core.close()

    # A clerk account at central for this terminal only (code 0777); PIN on stdin.
    added = subprocess.run(
        [*central.command, "--data-dir", str(central.data_dir), "--log-level", "warning",
         "staff", "add", "--id", "C0777", "--name", "Clerk", "--role", "clerk",
         "--terminal", "0777", "--pin-stdin"],
        input="480213\n", capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr

    once = run_mashangban(data_dir, "sync", "--once", "--now", "--json", env=env)
    assert once.returncode == 0, once.stderr
    summary = json.loads(once.stdout)
    assert summary["sent_accepted"] == 4 and summary["pending"] == 0
    assert summary["attachments_uploaded"] == 2 and summary["error"] is None
    assert summary["staff_changed"] is True and summary["staff_applied"] == 1
    assert summary["staff_problem"] is None

    reused = run_mashangban(data_dir, "enroll", "--server", central.url, "--code", code, env=env)
    assert reused.returncode == 1 and "already used" in reused.stderr

    core = start_core(config, configure_logging=False)
    try:
        assert all(rows(core)[no].outbox_state == "synced" for no in receipts)
        from terminal.audit.trail import AuditTrail

        attempts = [
            (r.actor, r.result)
            for r in AuditTrail.for_core(core).records()
            if r.action == "enrolment"
        ]
        assert attempts == [("technician:cli", "ok"), ("technician:cli", "refused")]
    finally:
        core.close()


def test_sync_once_fails_while_central_is_unreachable(data_dir: Path) -> None:
    core = start_core(sync_config(data_dir, ""), configure_logging=False)  # demo identity
    try:
        confirm_appeals(core, 1, seed=72)
    finally:
        core.close()
    with refusing_url() as dead:
        result = run_mashangban(
            data_dir, "sync", "--once", "--now", "--json",
            env={"MASHANGBAN_SYNC__SERVER_URL": dead,
                 "MASHANGBAN_SYNC__ALLOW_HTTP_LOOPBACK": "true"},
        )  # fmt: skip
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["error"] == "offline" and summary["pending"] == 1


def test_insecure_urls_are_refused_by_the_commands(data_dir: Path) -> None:
    plain = run_mashangban(data_dir, "enroll", "--server", "http://192.0.2.1", "--code", "X")
    assert plain.returncode == 2 and "loopback" in plain.stderr
    env = {"MASHANGBAN_SYNC__SERVER_URL": "http://192.0.2.1:8731"}
    refused = run_mashangban(data_dir, "sync", "--once", "--now", env=env)
    assert refused.returncode == 2 and "loopback" in refused.stderr
