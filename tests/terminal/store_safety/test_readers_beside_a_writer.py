"""`queue` and `doctor` beside a writer: they read, and never sweep, reset or move."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.terminal.store_safety.helpers import (
    cli,
    receipts_in_store,
    spawn,
    stderr_of,
    stop,
    store_files,
    wait_until,
)

COUNT = 300


def _mark_uploading(data_dir: Path) -> str:
    """Put one committed submission in flight, as the owner's sync would (one short
    transaction from the test; the owner's busy timeout waits for it)."""
    conn = sqlite3.connect(data_dir / "store.sqlite3", timeout=30)
    try:
        with conn:
            receipt, sub_id = conn.execute(
                "SELECT receipt_no, id FROM submissions ORDER BY id LIMIT 1"
            ).fetchone()
            conn.execute(
                "UPDATE submissions SET outbox_state = 'uploading' WHERE id = ?", (sub_id,)
            )
    finally:
        conn.close()
    return str(receipt)


def _state_of(data_dir: Path, receipt: str) -> str:
    conn = sqlite3.connect(f"file:{data_dir / 'store.sqlite3'}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT outbox_state FROM submissions WHERE receipt_no = ?", (receipt,)
        ).fetchone()
    finally:
        conn.close()
    return str(row[0])


def test_queue_in_a_loop_beside_loadgen_loses_no_photo_and_resets_nothing(
    data_dir: Path,
) -> None:
    warm = cli(data_dir, "loadgen", "--count", "1", "--attachments", "2")
    assert warm.returncode == 0, warm.stderr
    writer = spawn(data_dir, "loadgen", "--count", str(COUNT), "--attachments", "2")
    assert writer.stdout is not None
    first = writer.stdout.readline()  # the owner has started (and done its recovery)
    assert first, stderr_of(writer)
    in_flight = _mark_uploading(data_dir)
    runs = 0
    seen: list[int] = []
    try:
        while writer.poll() is None or runs < 3:
            result = cli(data_dir, "queue", "--json")
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr
            seen.append(json.loads(result.stdout)["pending"])
            runs += 1
            assert _state_of(data_dir, in_flight) == "uploading", "queue reset an upload"
        printed = [*warm.stdout.split(), first.strip(), *writer.stdout.read().split()]
    finally:
        code = stop(writer)
    errors = stderr_of(writer)
    assert code == 0, errors[-2000:]
    assert "IllegalTransition" not in errors and "Traceback" not in errors
    assert min(seen) < COUNT, "no queue run overlapped the writer"
    assert len(printed) == COUNT + 1 and len(set(printed)) == len(printed)
    stored = receipts_in_store(data_dir)
    missing = set(printed) - set(stored)
    assert not missing, f"{len(missing)} printed receipts are not in the store"
    on_disk = {p.name for p in (data_dir / "attachments").iterdir()}
    for receipt in printed:
        shas = stored[receipt]
        assert len(shas) == 2, receipt
        assert all(f"{sha}.sealed" in on_disk for sha in shas), f"photos of {receipt} gone"
    assert not (data_dir / "damaged").exists()
    assert _state_of(data_dir, in_flight) == "uploading"
    # the owner's next start is the one that recovers the interrupted upload
    assert cli(data_dir, "loadgen", "--count", "0").returncode == 0
    assert _state_of(data_dir, in_flight) == "pending"


def test_a_wal_deleted_under_a_writer_makes_queue_move_nothing(data_dir: Path) -> None:
    writer = spawn(data_dir, "loadgen", "--count", "100000", "--attachments", "1")
    try:
        assert writer.stdout is not None
        for _ in range(5):
            assert writer.stdout.readline(), stderr_of(writer)
        wal = data_dir / "store.sqlite3-wal"
        wait_until(wal.exists, "the writer's WAL")
        before = store_files(data_dir)
        wal.unlink()
        for _ in range(3):
            result = cli(data_dir, "queue")
            assert "Traceback" not in result.stderr
            if result.returncode != 0:  # the reader may well see an I/O error: it says so
                assert result.returncode == 2 and "nothing was moved" in result.stderr
            doctor = cli(data_dir, "doctor", "--json")
            assert "Traceback" not in doctor.stderr
        assert writer.poll() is None, "the writer stopped"
        assert store_files(data_dir).keys() == before.keys()
        assert (data_dir / "store.sqlite3").stat().st_ino == before["store.sqlite3"][0]
        assert not (data_dir / "damaged").exists()
    finally:
        stop(writer)
