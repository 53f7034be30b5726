"""Errors that are not corruption never move a store; the process says what to do."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.terminal.store_safety.helpers import (
    cli,
    log_text,
    receipts_in_store,
    spawn,
    stderr_of,
    stop,
    store_files,
    unprivileged_prefix,
    wait_until,
)


@pytest.fixture
def filled(data_dir: Path) -> list[str]:
    made = cli(data_dir, "loadgen", "--count", "3", "--attachments", "1")
    assert made.returncode == 0, made.stderr
    return made.stdout.split()


def _assert_plain(result: object, *words: str) -> None:
    out = f"{result.stdout}{result.stderr}"  # type: ignore[attr-defined]
    assert "Traceback" not in out
    for word in words:
        assert word in out, out[-2000:]


@pytest.mark.parametrize("what", ["file", "dir"])
def test_an_unreadable_store_is_reported_and_never_moved(
    data_dir: Path, filled: list[str], what: str
) -> None:
    prefix = unprivileged_prefix(data_dir.parent)
    before = store_files(data_dir)
    target = data_dir / "store.sqlite3" if what == "file" else data_dir
    target.chmod(0)
    try:
        queue = cli(data_dir, "queue", prefix=prefix)
        assert queue.returncode == 2
        _assert_plain(queue, "may not read", "nothing was moved", "What to do")
        doctor = cli(data_dir, "doctor", "--json", prefix=prefix)
        assert doctor.returncode == 2
        checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
        assert checks["store"]["verdict"] == "fail"
        assert "nothing was moved" in checks["store"]["summary"] and checks["store"]["advice"]
        writer = cli(data_dir, "loadgen", "--count", "1", prefix=prefix)
        assert writer.returncode == 2
        _assert_plain(writer, "nothing was moved")
    finally:
        target.chmod(0o700 if what == "dir" else 0o600)
    assert store_files(data_dir) == before
    assert not (data_dir / "damaged").exists()
    assert set(receipts_in_store(data_dir)) == set(filled)


def test_the_kiosk_waits_on_an_unreadable_store_and_starts_once_it_is_fixed(
    data_dir: Path, filled: list[str]
) -> None:
    prefix = unprivileged_prefix(data_dir.parent)
    store = data_dir / "store.sqlite3"
    before = store_files(data_dir)
    store.chmod(0)
    kiosk = spawn(data_dir, "run", "--windowed", prefix=prefix)
    try:
        wait_until(lambda: log_text(data_dir).count("kiosk waiting") >= 2, "two calm retries")
        assert kiosk.poll() is None, stderr_of(kiosk)  # waiting, not crash-looping
        second = cli(data_dir, "run", "--windowed")  # even while it waits, it owns the dir
        assert second.returncode == 2 and f"pid {kiosk.pid}" in second.stderr
        assert "window shown" not in log_text(data_dir)
        store.chmod(0o600)  # the technician's fix
        wait_until(lambda: "window shown" in log_text(data_dir), "the kiosk to start")
    finally:
        store.chmod(0o600)
        code = stop(kiosk)
    assert code == 0, stderr_of(kiosk)[-2000:]
    assert "Traceback" not in log_text(data_dir)
    assert store_files(data_dir)["store.sqlite3"][0] == before["store.sqlite3"][0]
    assert not (data_dir / "damaged").exists()
    assert set(filled) <= set(receipts_in_store(data_dir))


def test_a_locked_store_is_not_damage(data_dir: Path, filled: list[str]) -> None:
    before = store_files(data_dir)
    blocker = sqlite3.connect(data_dir / "store.sqlite3", isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")  # holds the write lock past the busy timeout
        writer = cli(data_dir, "loadgen", "--count", "1")
        assert writer.returncode == 2
        _assert_plain(writer, "database is locked", "nothing was moved")
        assert cli(data_dir, "queue").returncode == 0  # WAL readers are not blocked
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store_files(data_dir) == before
    assert set(receipts_in_store(data_dir)) == set(filled)


def test_a_missing_store_in_a_used_directory_is_not_a_fresh_start(
    data_dir: Path, filled: list[str], tmp_path: Path
) -> None:
    kept = tmp_path / "kept.sqlite3"
    (data_dir / "store.sqlite3").rename(kept)
    for side in ("-wal", "-shm"):
        Path(f"{data_dir / 'store.sqlite3'}{side}").unlink(missing_ok=True)
    writer = cli(data_dir, "loadgen", "--count", "1")
    assert writer.returncode == 2
    _assert_plain(writer, "missing", "used before", "Restore the store file")
    assert not (data_dir / "store.sqlite3").exists()  # no empty store put in its place
    doctor = cli(data_dir, "doctor", "--json")
    assert doctor.returncode == 2
    assert json.loads(doctor.stdout)["checks"][0]["verdict"] == "fail"
    kept.rename(data_dir / "store.sqlite3")  # restored: everything is there again
    again = cli(data_dir, "loadgen", "--count", "1")
    assert again.returncode == 0, again.stderr
    assert set(filled) < set(receipts_in_store(data_dir))
