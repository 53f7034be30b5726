"""A full filesystem (issue 12, point 6), on a size-limited tmpfs: below
``min_free_disk_mb`` new submissions are refused with the citizen's words and a staff
alert; with no reserve the disk really fills and confirm still says so plainly; no
traceback, no ``--- Logging error ---``, no ``.tmp`` left, and every printed receipt is
in the store. A fresh data directory on a full disk is a plain message and exit 75,
and ``run`` waits for room instead of crash-looping."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from checkskit.procs import (
    TIMEOUT_S,
    env_for,
    leftovers,
    loadgen,
    mashangban,
    printed_receipts,
    store_events,
    store_rows,
)

from tests.small_disk import fill, mounted_tmpfs

SIZE_MB = 40


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 40 MB tmpfs of its own; skipped where this machine may not mount one."""
    with mounted_tmpfs(tmp_path / "small-disk", SIZE_MB) as mount_point:
        yield mount_point


def _assert_clean(done: subprocess.CompletedProcess[str], data_dir: Path, words: str) -> None:
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]
    assert words in done.stderr
    assert "Traceback" not in done.stderr
    assert "Logging error" not in done.stderr
    assert leftovers(data_dir) == []
    printed = printed_receipts(done)
    assert printed and set(printed) <= set(store_rows(data_dir))  # every receipt is stored


def test_below_the_reserve_submissions_are_refused_with_a_staff_alert(small_disk: Path) -> None:
    data_dir = small_disk / "terminal"
    done = loadgen(
        data_dir, None, "--count", "2000", "--attachments", "2", store__min_free_disk_mb="10"
    )
    _assert_clean(done, data_dir, "running out of storage")
    assert len(store_rows(data_dir)) == len(printed_receipts(done))
    assert any(kind == "low_disk" for kind, _detail in store_events(data_dir))
    assert shutil.disk_usage(small_disk).free >= 10 * 1024 * 1024  # the reserve held
    doctor = mashangban(data_dir, "doctor", "--json", store__min_free_disk_mb="10")
    [disk] = [c for c in json.loads(doctor.stdout)["checks"] if c["name"] == "disk"]
    assert disk["verdict"] in ("warn", "fail")  # doctor tells the technician too


def test_without_a_reserve_the_full_disk_is_still_said_plainly(small_disk: Path) -> None:
    data_dir = small_disk / "terminal"
    done = loadgen(
        data_dir, None, "--count", "2000", "--attachments", "2", store__min_free_disk_mb="0"
    )
    _assert_clean(done, data_dir, "storage is full")
    integrity = mashangban(data_dir, "queue", "--json")
    assert integrity.returncode == 0, integrity.stderr


def test_a_fresh_data_dir_on_a_full_disk_is_a_plain_exit(small_disk: Path) -> None:
    fill(small_disk)
    done = loadgen(small_disk / "terminal", None, "--count", "1")
    assert done.returncode == 75, done.stderr
    assert "is full" in done.stderr and "cannot start" in done.stderr
    assert "Traceback" not in done.stderr and "Logging error" not in done.stderr


def test_run_waits_for_room_then_starts(small_disk: Path) -> None:
    filler = fill(small_disk)
    data_dir = small_disk / "terminal"
    with subprocess.Popen(
        [sys.executable, "-m", "mashangban", "--data-dir", str(data_dir), "run", "--windowed",
         "--exit-after-home"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env_for(data_dir, store__min_free_disk_mb="1"),
    ) as process:  # fmt: skip
        try:
            assert process.stderr is not None
            said = ""
            while "cannot start" not in said:  # blocks until the kiosk says why it waits
                line = process.stderr.readline()
                assert line, said  # EOF: it exited instead of waiting
                said += line
            assert process.poll() is None  # waiting, not exited (no crash loop)
            filler.unlink()
            deadline = time.monotonic() + TIMEOUT_S
            rest = ""
            while process.poll() is None and time.monotonic() < deadline:
                rest += process.stderr.readline()
            rest += process.stderr.read()
            assert process.wait(timeout=max(1.0, deadline - time.monotonic())) == 0, rest
            assert "there is room again" in rest and "Traceback" not in said + rest
            assert (data_dir / "store.sqlite3").stat().st_size > 0
        finally:
            if process.poll() is None:
                process.kill()


def test_starts_on_a_disk_full_to_the_last_byte_never_print_logging_errors(
    small_disk: Path,
) -> None:
    data_dir = small_disk / "terminal"
    first = loadgen(data_dir, None, "--count", "1", store__min_free_disk_mb="0")
    assert first.returncode == 0, first.stderr
    fill(small_disk)
    # Each start appends to the log until its last page is full; then writes fail.
    for _ in range(8):
        done = loadgen(data_dir, None, "--count", "1", store__min_free_disk_mb="0")
        assert done.returncode in (1, 75), done.stderr
        assert printed_receipts(done) == []
        assert "Logging error" not in done.stderr and "Traceback" not in done.stderr
    assert leftovers(data_dir) == []
