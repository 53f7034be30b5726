"""The packaged terminal proves itself, and upgrades an old store safely."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

from terminal.paths import DataPaths
from terminal.store import migrate
from tests.conftest import cli_env
from tests.core.test_migrations import _store_at_first_revision


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
    result = run(bundle, "doctor", "--json", data_dir=data_dir, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert json.loads(result.stdout)["healthy"] is True


def test_bundle_holds_the_pinyin_keyboard_and_no_web_engine(bundle: Path) -> None:
    internal = bundle / "_internal"
    files = {p.name for p in internal.rglob("*") if p.is_file()}  # symlinks followed
    plugins = internal / "PySide6/Qt/qml/QtQuick/VirtualKeyboard/Plugins"
    assert (plugins / "Pinyin" / "libqtvkbpinyinplugin.so").is_file(), "no pinyin keyboard"
    assert not (plugins / "Hangul").exists()  # other input methods are left out
    assert (internal / "resources" / "catalog" / "demo-catalog.json").is_file()
    assert (internal / "terminal" / "store" / "migrations" / "versions").is_dir()
    assert not any("WebEngine" in n or "Qt63D" in n for n in files)


def test_the_kiosk_starts_to_home_from_the_bundle(bundle: Path, data_dir: Path) -> None:
    """The real `run` path (keyboard, sync start, lockdown wiring), not only the selftest."""
    result = run(bundle, "run", "--windowed", "--exit-after-home", data_dir=data_dir, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    log = (data_dir / "logs" / "mashangban.log").read_text(encoding="utf-8")
    assert "window shown" in log and "Traceback" not in log
