"""The owner lock and the damage classification, on real files in this process."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from terminal.paths import DataPaths
from terminal.store.access import StoreUnavailable, is_damage, unavailable
from terminal.store.owner import DataDirBusy, claim, read_holder
from terminal.store.readonly import StoreReadOnly, open_store_readonly
from terminal.store.startup import open_store, quick_check

PROBE = """
import sys
from pathlib import Path
from terminal.store.owner import DataDirBusy, claim
try:
    claim(Path(sys.argv[1]), "probe")
except DataDirBusy as exc:
    print(exc)
    sys.exit(3)
"""
HOLD = """
import sys
from pathlib import Path
from terminal.store.owner import claim
claim(Path(sys.argv[1]), "test holder")
print("held", flush=True)
sys.stdin.readline()
"""


def test_a_process_counts_its_own_claims_and_another_process_is_refused(tmp_path: Path) -> None:
    first = claim(tmp_path, "one")
    second = claim(tmp_path, "two")  # the same process: counted, not refused
    holder = json.loads((tmp_path / "owner.lock").read_text())
    assert holder["pid"] == os.getpid() and holder["command"] == "one"
    probe = [sys.executable, "-c", PROBE, str(tmp_path)]
    refused = subprocess.run(probe, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 3 and f"pid {os.getpid()} (one)" in refused.stdout
    first.release()
    assert subprocess.run(probe, capture_output=True, timeout=120).returncode == 3  # still held
    second.release()
    assert subprocess.run(probe, capture_output=True, timeout=120).returncode == 0


def test_a_holder_in_another_process_is_named(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "held\n"
        with pytest.raises(DataDirBusy) as busy:
            claim(tmp_path, "me")
        assert busy.value.holder.pid == proc.pid and busy.value.holder.command == "test holder"
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=60)
        proc.stdout.close()  # type: ignore[union-attr]
    claim(tmp_path, "me").release()  # the holder ended: free again


def test_an_unreadable_holder_file_still_refuses_plainly(tmp_path: Path) -> None:
    (tmp_path / "owner.lock").write_text("{not json")
    assert read_holder(tmp_path).describe() == "another process"


def test_only_bytes_that_are_wrong_count_as_damage(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not sqlite at all" * 400)
    with pytest.raises(sqlite3.DatabaseError) as notadb:
        sqlite3.connect(garbage).execute("SELECT 1 FROM sqlite_master").fetchall()
    assert is_damage(notadb.value)
    assert quick_check(garbage) != "ok"
    with pytest.raises(sqlite3.OperationalError) as cantopen:
        sqlite3.connect(f"file:{tmp_path / 'nope' / 'x.db'}?mode=ro", uri=True)
    assert not is_damage(cantopen.value)
    assert unavailable(cantopen.value, tmp_path / "nope" / "x.db").kind in ("io", "permission")
    assert unavailable(PermissionError(13, "Permission denied", "f"), garbage).kind == (
        "permission"
    )
    assert unavailable(OSError(28, "No space left on device"), garbage).kind == "full"


def test_a_read_only_store_refuses_writes_and_creates_nothing(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    with pytest.raises(StoreUnavailable) as fresh:
        open_store_readonly(paths)
    assert fresh.value.kind == "fresh" and not paths.root.exists()
    open_store(paths).close()
    store = open_store_readonly(paths)
    try:
        with pytest.raises(StoreReadOnly):
            store.writer.run(lambda c: c.execute("DELETE FROM store_events"))
        with store.reader.connect() as conn, pytest.raises(Exception, match="readonly"):
            conn.exec_driver_sql("DELETE FROM store_events")
    finally:
        store.close()
