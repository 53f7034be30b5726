"""SIGKILL `loadgen` at random moments: every printed receipt is durable, nothing repeats."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import cli_env

KILLS = 50


@pytest.mark.slow
def test_sigkill_during_loadgen_never_loses_a_printed_receipt(data_dir: Path) -> None:
    rng = random.Random(20261127)
    printed: list[str] = []
    env = cli_env(data_dir)
    # Warm the store once so each run spends its time confirming, not creating.
    subprocess.run(
        [sys.executable, "-m", "mashangban", "loadgen", "--count", "1"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mashangban",
                "loadgen",
                "--count",
                "100000",
                "--attachments",
                str(rng.choice([0, 0, 1])),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        # Wait for a (seeded) number of commits, so every run is killed with receipts
        # printed, however slow the machine; then kill somewhere inside a later one.
        committed = [proc.stdout.readline() for _ in range(rng.randint(1, 3))]
        assert all(committed), "loadgen ended before it was killed"
        time.sleep(rng.uniform(0.0, 0.25))  # where the kill lands, not a wait for anything
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()
        proc.stdout.close()
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        printed += (b"".join(committed) + rest).decode().split()

        conn = sqlite3.connect(data_dir / "store.sqlite3")
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()

    conn = sqlite3.connect(data_dir / "store.sqlite3")
    try:
        stored = {r[0] for r in conn.execute("SELECT receipt_no FROM submissions")}
        seqs = conn.execute("SELECT local_day, sequence FROM submissions").fetchall()
        orphans = conn.execute(
            "SELECT count(*) FROM attachments a LEFT JOIN submissions s ON s.id = a.submission_id "
            "WHERE s.id IS NULL"
        ).fetchone()[0]
    finally:
        conn.close()
    assert len(printed) > KILLS
    assert len(set(printed)) == len(printed), "a receipt number was printed twice"
    missing = set(printed) - stored
    assert not missing, f"{len(missing)} printed receipts are not in the store"
    assert len(seqs) == len(set(seqs)), "a sequence number repeats"
    assert orphans == 0
    # The next writer's start sweeps sealed files whose transaction never committed
    # (only the data directory's owner sweeps; `queue` is read-only).
    subprocess.run(
        [sys.executable, "-m", "mashangban", "loadgen", "--count", "0"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    conn = sqlite3.connect(data_dir / "store.sqlite3")
    live = {r[0] for r in conn.execute("SELECT sha256 FROM attachments")}
    conn.close()
    on_disk = {p.stem for p in (data_dir / "attachments").iterdir()}
    assert on_disk == live
    assert not any(p.suffix == ".tmp" for p in (data_dir / "attachments").iterdir())
    os.sync()
