"""A terminal enrolled with a real central (loopback HTTP) whose keys are sealed to
swtpm: it signs, restarts and still signs; a copy of its data directory on another
machine's TPM cannot sign at all, and says why in plain words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from keykit import doctor_check, files_holding, run_mashangban, tpm_env
from swtpmkit import Swtpm
from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals, enrol_core, sync_config

from terminal.identity import load_identity
from terminal.runtime import start_core


def _sync_once(data_dir: Path, env: dict[str, str]) -> dict[str, object]:
    done = run_mashangban(data_dir, "sync", "--once", "--now", "--json", env=env)
    assert done.returncode == 0, done.stderr
    summary: dict[str, object] = json.loads(done.stdout)
    return summary


def test_enrolled_terminal_signs_across_restarts_and_a_copy_cannot(
    tmp_path: Path, data_dir: Path, central: CentralProcess, swtpm: Swtpm, other_swtpm: Swtpm
) -> None:
    config = sync_config(data_dir, central.url, store__tpm_tcti=swtpm.tcti)
    core = enrol_core(config, central)  # enrols, then restarts as a kiosk would
    try:
        identity = load_identity(core.store, core.local_key)
        assert identity is not None and not identity.demo
        secret = identity.secret
        confirm_appeals(core, 2, seed=131)
    finally:
        core.close()
    keys = data_dir / "keys"
    assert (keys / "local.key.tpm").exists() and not (keys / "local.key").exists()
    assert files_holding(data_dir, secret) == []

    env = tpm_env(
        swtpm.tcti,
        MASHANGBAN_TERMINAL__CODE=config.terminal.code,
        MASHANGBAN_SYNC__SERVER_URL=central.url,
        MASHANGBAN_SYNC__ALLOW_HTTP_LOOPBACK="true",
        MASHANGBAN_SYNC__START_JITTER_S="0",
    )
    first = _sync_once(data_dir, env)  # a new process: unseals, signs, central accepts
    assert first["sent_accepted"] == 2 and first["error"] is None, first

    core = start_core(config, configure_logging=False)  # restarted once more
    try:
        restarted = load_identity(core.store, core.local_key)
        assert restarted is not None and restarted.secret == secret
        confirm_appeals(core, 1, seed=132)
    finally:
        core.close()
    again = _sync_once(data_dir, env)
    assert again["sent_accepted"] == 1 and again["error"] is None, again
    assert len(central.cases(config.terminal.code)) == 3

    core = start_core(config, configure_logging=False)
    try:
        confirm_appeals(core, 1, seed=133)  # so the copy has something to send
    finally:
        core.close()
    copy = tmp_path / "copied-data"
    shutil.copytree(data_dir, copy)
    elsewhere = {**env, "MASHANGBAN_STORE__TPM_TCTI": other_swtpm.tcti}
    stolen = run_mashangban(copy, "sync", "--once", "--now", "--json", env=elsewhere)
    assert stolen.returncode == 2, stolen.stdout + stolen.stderr
    assert "Traceback" not in stolen.stderr
    assert "sealed to another TPM" in stolen.stderr and "enrol afresh" in stolen.stderr
    assert len(central.cases(config.terminal.code)) == 3  # nothing arrived from the copy
    check = doctor_check(copy, elsewhere)
    assert check["verdict"] == "fail" and "copied from another machine" in check["summary"]
    enrolment = doctor_check(copy, elsewhere, "enrolment")
    assert "local key is not available here" in enrolment["summary"]
