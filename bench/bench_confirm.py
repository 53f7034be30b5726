"""confirm (seal + one transaction) against a bare sqlite3 INSERT+COMMIT, same disk, same run.

Two baselines, both synchronous=FULL, on a store file in the same directory:
- bare WAL: journal_mode=WAL like our store (the strict comparison);
- bare default: sqlite3's default rollback journal (what "bare sqlite3" gives).
Rounds alternate between the three so machine noise hits all of them alike.
Run: .venv/bin/python bench/bench_confirm.py [--rounds 20 --per-round 100]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stats import machine, summary_ms, table
from terminal.catalog import demo_catalog_path, load_catalog
from terminal.config import load_config
from terminal.loadgen import Choices, synthetic_appeal
from terminal.runtime import start_core


def bare(path: Path, journal: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, a TEXT, b BLOB)")
    return conn


def bare_insert(conn: sqlite3.Connection, blob: bytes) -> float:
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO t VALUES (?, ?, ?)", (os.urandom(16).hex(), "0042-261127-0001-8", blob)
    )
    conn.execute("COMMIT")
    return time.perf_counter() - start


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--per-round", type=int, default=100)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bench-confirm-", dir=Path(__file__).resolve().parent))
    config = load_config(None, env={}, overrides={"store.data_dir": str(base / "data")})
    core = start_core(config, configure_logging=False)
    wal = bare(base / "bare-wal.sqlite3", "WAL")
    default = bare(base / "bare-default.sqlite3", "DELETE")
    rng = random.Random(7)
    choices = Choices.from_catalog(load_catalog(demo_catalog_path()))
    drafts = [synthetic_appeal(rng, choices) for _ in range(args.rounds * args.per_round + 200)]
    blob = os.urandom(1100)  # about the size of a sealed appeal payload
    for d in drafts[:200]:  # warm-up
        core.confirm(d)
        bare_insert(wal, blob)
        bare_insert(default, blob)
    samples: dict[str, list[float]] = {"confirm": [], "bare WAL": [], "bare default": []}
    it = iter(drafts[200:])
    for _ in range(args.rounds):
        for _ in range(args.per_round):
            d = next(it)
            start = time.perf_counter()
            core.confirm(d)
            samples["confirm"].append(time.perf_counter() - start)
        samples["bare WAL"] += [bare_insert(wal, blob) for _ in range(args.per_round)]
        samples["bare default"] += [bare_insert(default, blob) for _ in range(args.per_round)]
    assert core.confirmer is not None
    sealer = core.confirmer._sealer
    parts = {
        "part: seal payload": [_timed(lambda: sealer.seal(blob)) for _ in range(1000)],
        "part: writer hand-off (no-op)": [
            _timed(lambda: core.store.writer.run(lambda c: None)) for _ in range(1000)
        ],
    }
    core.close()
    wal.close()
    default.close()
    c_med, c_p99 = summary_ms(samples["confirm"])
    rows = []
    for name, values in samples.items():
        med, p99 = summary_ms(values)
        rows.append(
            (
                name,
                f"{len(values)}",
                f"{med:.3f}",
                f"{p99:.3f}",
                f"{c_med / med:.2f}",
                f"{c_p99 / p99:.2f}",
            )
        )
    for name, values in parts.items():
        med, p99 = summary_ms(values)
        rows.append((name, f"{len(values)}", f"{med:.3f}", f"{p99:.3f}", "", ""))
    print(f"confirm vs bare INSERT+COMMIT (synchronous=FULL) — {machine()}, dir {base}")
    print(
        table(rows, ("what", "n", "median ms", "p99 ms", "confirm/this median", "confirm/this p99"))
    )
    print(f"target: ratio <= 1.5 and confirm p99 <= 25 ms; confirm p99 = {c_p99:.3f} ms")
    for p in sorted(base.rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()
    base.rmdir()


if __name__ == "__main__":
    main()
