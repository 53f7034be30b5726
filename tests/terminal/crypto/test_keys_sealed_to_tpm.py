"""The terminal's keys sealed to the TPM: made sealed, kept across restarts, moved from
files without losing the terminal's identity, useless on another machine's TPM."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
from keykit import doctor_check, files_holding, run_mashangban, tpm_config, tpm_env, unsealed
from swtpmkit import Swtpm

from terminal.audit import actions
from terminal.audit.key import audit_key_path
from terminal.audit.trail import AuditTrail
from terminal.crypto.tpm import RESOURCE_MANAGER
from terminal.identity import load_identity
from terminal.runtime import start_core
from terminal.store.access import StoreUnavailable


def _keys(data_dir: Path) -> dict[str, bool]:
    keys = data_dir / "keys"
    names = ("local.key", "local.key.tpm", "audit.key", "audit.key.tpm")
    return {name: (keys / name).exists() for name in names}


def _demo_secret_and_audit(data_dir: Path, tcti: str) -> bytes:
    """Start as the kiosk does, write one audit record; the identity's secret."""
    core = start_core(tpm_config(data_dir, tcti), configure_logging=False)
    try:
        AuditTrail.for_core(core).record(actions.SYSTEM, actions.PURGE, "ok", {"count": 0})
        identity = load_identity(core.store, core.local_key)
        assert identity is not None
        verified = AuditTrail.for_core(core).verify()
        assert verified.ok and verified.records >= 1
        return identity.secret
    finally:
        core.close()


def test_a_new_terminal_seals_its_keys_and_reads_them_after_a_restart(
    data_dir: Path, swtpm: Swtpm
) -> None:
    secret = _demo_secret_and_audit(data_dir, swtpm.tcti)
    assert _keys(data_dir) == {
        "local.key": False, "local.key.tpm": True, "audit.key": False, "audit.key.tpm": True
    }  # fmt: skip
    raw = unsealed(data_dir / "keys" / "local.key", swtpm.tcti)
    assert len(raw) == 32 and files_holding(data_dir, raw) == []  # nowhere on disk in clear
    assert files_holding(data_dir, secret) == []

    assert _demo_secret_and_audit(data_dir, swtpm.tcti) == secret  # restarted: same identity
    check = doctor_check(data_dir, tpm_env(swtpm.tcti))
    assert check["verdict"] == "ok", check
    assert "sealed to the TPM" in check["summary"] and swtpm.tcti in check["summary"]


def test_file_keys_move_to_the_tpm_when_one_appears_keeping_the_identity(
    data_dir: Path, swtpm: Swtpm
) -> None:
    before = _demo_secret_and_audit(data_dir, "")  # no TPM yet: 0600 files
    assert _keys(data_dir) == {
        "local.key": True, "local.key.tpm": False, "audit.key": True, "audit.key.tpm": False
    }  # fmt: skip
    old_local = (data_dir / "keys" / "local.key").read_bytes()
    old_audit = audit_key_path(data_dir / "keys" / "local.key").read_bytes()

    after = _demo_secret_and_audit(data_dir, swtpm.tcti)  # the TPM appears
    assert after == before
    assert _keys(data_dir) == {
        "local.key": False, "local.key.tpm": True, "audit.key": False, "audit.key.tpm": True
    }  # fmt: skip
    assert unsealed(data_dir / "keys" / "local.key", swtpm.tcti) == old_local
    assert unsealed(data_dir / "keys" / "audit.key", swtpm.tcti) == old_audit
    assert files_holding(data_dir, old_local) == [] and files_holding(data_dir, old_audit) == []


def test_a_copy_on_another_machine_cannot_unwrap_the_secret(
    tmp_path: Path, data_dir: Path, swtpm: Swtpm, other_swtpm: Swtpm
) -> None:
    _demo_secret_and_audit(data_dir, swtpm.tcti)
    copy = tmp_path / "stolen"
    shutil.copytree(data_dir, copy)

    with pytest.raises(StoreUnavailable) as refused:
        start_core(tpm_config(copy, other_swtpm.tcti), configure_logging=False)
    assert refused.value.kind == "keys"
    assert "another TPM" in str(refused.value) and "copied" in str(refused.value)
    assert not (copy / "keys" / "local.key").exists()  # no new key replaced the sealed one

    check = doctor_check(copy, tpm_env(other_swtpm.tcti))
    assert check["verdict"] == "fail", check
    assert "copied from another machine" in check["summary"]
    assert "cannot sign as the terminal" in check["summary"]
    assert "enrol" in check["advice"]

    run = run_mashangban(copy, "queue", env=tpm_env(other_swtpm.tcti))  # read-only: fine
    assert run.returncode == 0, run.stderr
    audit = run_mashangban(copy, "audit", "verify", env=tpm_env(other_swtpm.tcti))
    assert "Traceback" not in audit.stderr and audit.returncode != 0

    # The original, on its own TPM, is untouched by all that.
    assert doctor_check(data_dir, tpm_env(swtpm.tcti))["verdict"] == "ok"


def test_without_a_tpm_the_keys_are_0600_files_and_doctor_says_so(
    data_dir: Path, no_tpm_here: None
) -> None:
    if RESOURCE_MANAGER.exists():
        pytest.skip(f"this machine has a TPM ({RESOURCE_MANAGER}): the file path is not taken")
    _demo_secret_and_audit(data_dir, "")
    assert _keys(data_dir) == {
        "local.key": True, "local.key.tpm": False, "audit.key": True, "audit.key.tpm": False
    }  # fmt: skip
    for name in ("local.key", "audit.key"):
        assert stat.S_IMODE((data_dir / "keys" / name).stat().st_mode) == 0o600
    check = doctor_check(data_dir, {})
    assert check["verdict"] == "ok", check
    assert "0600 files" in check["summary"] and "no TPM" in check["summary"]


def test_required_tpm_that_is_absent_refuses_to_start_and_makes_no_key(
    data_dir: Path, no_tpm_here: None
) -> None:
    if RESOURCE_MANAGER.exists():
        pytest.skip(f"this machine has a TPM ({RESOURCE_MANAGER})")
    config = tpm_config(data_dir, "", store__key_protection="tpm")
    with pytest.raises(StoreUnavailable) as refused:
        start_core(config, configure_logging=False)
    assert refused.value.kind == "keys" and "no TPM" in str(refused.value)
    assert _keys(data_dir) == dict.fromkeys(
        ("local.key", "local.key.tpm", "audit.key", "audit.key.tpm"), False
    )


def test_doctor_warns_of_an_unused_tpm_and_seal_to_tpm_uses_it(
    data_dir: Path, swtpm: Swtpm
) -> None:
    core = start_core(tpm_config(data_dir, swtpm.tcti, store__key_protection="file"))
    core.close()
    before = _demo_secret_and_audit(data_dir, "")  # files (and an audit key)
    env = tpm_env(swtpm.tcti, MASHANGBAN_STORE__KEY_PROTECTION="file")
    check = doctor_check(data_dir, env)
    assert check["verdict"] == "warn", check
    assert "a TPM answers" in check["summary"] and "not used" in check["summary"]
    assert "seal-to-tpm" in check["advice"]

    sealed = run_mashangban(data_dir, "keys", "seal-to-tpm", env=env)
    assert sealed.returncode == 0, sealed.stderr
    assert "local.key: sealed to the TPM" in sealed.stdout
    assert "audit.key: sealed to the TPM" in sealed.stdout
    assert _keys(data_dir) == {
        "local.key": False, "local.key.tpm": True, "audit.key": False, "audit.key.tpm": True
    }  # fmt: skip
    assert doctor_check(data_dir, env)["verdict"] == "ok"
    # mode "file" never reads a sealed key from anywhere but the TPM: same identity
    core = start_core(tpm_config(data_dir, swtpm.tcti, store__key_protection="file"))
    try:
        identity = load_identity(core.store, core.local_key)
        assert identity is not None and identity.secret == before
    finally:
        core.close()


def test_seal_to_tpm_without_a_tpm_says_so_and_changes_nothing(
    data_dir: Path, no_tpm_here: None
) -> None:
    if RESOURCE_MANAGER.exists():
        pytest.skip(f"this machine has a TPM ({RESOURCE_MANAGER})")
    _demo_secret_and_audit(data_dir, "")
    done = run_mashangban(data_dir, "keys", "seal-to-tpm")
    assert (
        done.returncode == 2 and "nothing sealed" in done.stderr and "Traceback" not in done.stderr
    )
    assert _keys(data_dir)["local.key"] and not _keys(data_dir)["local.key.tpm"]
