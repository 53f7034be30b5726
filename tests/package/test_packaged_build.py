"""The packaged terminal proves itself, and upgrades an old store safely (what the
bundle holds: test_bundle_contents.py)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

from terminal.paths import DataPaths
from terminal.store import migrate
from tests.conftest import cli_env
from tests.terminal.core.test_migrations import _store_at_first_revision


def run(
    bundle: Path, *args: str, data_dir: Path, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / "mashangban"), *args],
        env=cli_env(data_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_selftest_passes(bundle: Path, data_dir: Path) -> None:
    result = run(bundle, "selftest", data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    lines = result.stdout.splitlines()
    for step in ("store", "confirm", "receipt", "screens", "sync"):
        assert any(line.startswith("[PASS]") and f" {step} " in line for line in lines), step


def test_new_build_upgrades_the_oldest_store(bundle: Path, data_dir: Path) -> None:
    paths = DataPaths(data_dir)
    _store_at_first_revision(paths)
    # a writer's start migrates (queue is read-only and migrates nothing)
    result = run(bundle, "loadgen", "--count", "0", data_dir=data_dir, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    result = run(bundle, "queue", "--json", "--list", data_dir=data_dir, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    doc = json.loads(result.stdout)
    assert [s["receipt_no"] for s in doc["submissions"]] == ["0042-261127-0001-8"]
    conn = sqlite3.connect(paths.store_file)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            migrate.head_revision(),
        )
        row = conn.execute("SELECT sealed_enc, print_state FROM submissions").fetchone()
        assert row == (b"\x01\x02", "printed")
    finally:
        conn.close()
    [backup] = list(paths.backups_dir.glob("store-rev0001-*.sqlite3"))
    old = sqlite3.connect(backup)
    assert old.execute("SELECT count(*) FROM submissions").fetchone() == (1,)
    old.close()


def test_doctor_runs_from_the_bundle(bundle: Path, data_dir: Path) -> None:
    run(bundle, "loadgen", "--count", "0", data_dir=data_dir, timeout=120)  # doctor creates none
    result = run(bundle, "doctor", "--json", data_dir=data_dir, timeout=120)
    # A fresh terminal runs the embedded demo: doctor warns of that (exit 1), and of
    # nothing else.
    assert result.returncode == 1, result.stdout + result.stderr[-2000:]
    report = json.loads(result.stdout)
    not_ok = {c["name"] for c in report["checks"] if c["verdict"] != "ok"}
    assert not_ok == {"enrolment"}, result.stdout
    assert {c["verdict"] for c in report["checks"]} <= {"ok", "warn", "skip", "info"}


def test_the_kiosk_starts_to_home_from_the_bundle(bundle: Path, data_dir: Path) -> None:
    """The real `run` path (keyboard dock, sync start, lockdown wiring), not only the
    selftest. The keyboard's QML loads after Home: test_bundle_contents.py's probe types
    with it."""
    result = run(bundle, "run", "--windowed", "--exit-after-home", data_dir=data_dir, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    log = (data_dir / "logs" / "mashangban.log").read_text(encoding="utf-8")
    assert "window shown" in log and "Traceback" not in log
    assert "keyboard unavailable" not in log
