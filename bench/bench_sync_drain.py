"""Draining the outbox to central on loopback: batched (the real drainer, 100 per POST)
against one POST per submission (how ODK Collect and Open311 clients send; the same
drainer with batch_max_items=1, so the same signing and gzip), for a SQLite and a
PostgreSQL central; and central's ingest on PostgreSQL alone (prepared batch bodies,
no terminal store in the timed loop).

Each kind of run has its own terminal and store, enrolled with a fresh code; submissions
are synthetic appeals confirmed through the real confirm path (no attachments). Per
backend the one-per-request run goes first, then the batched one, on the same central.
Run: .venv/bin/python bench/bench_sync_drain.py [--n 10000 --single 2000]
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "central"))

from centralkit.postgres import PostgresServer, find_bin_dir

from bench.stats import machine, table
from mashangban.embedded_central import EmbeddedCentral
from sync.enrolment import enroll
from sync.outbox_items import batch_body, read_pending
from sync.service import SyncService
from terminal.catalog import demo_catalog_path, load_catalog
from terminal.config import load_config
from terminal.loadgen import Choices, synthetic_appeal
from terminal.runtime import TerminalCore, start_core

CHOICES = Choices.from_catalog(load_catalog(demo_catalog_path()))
_codes = iter(range(5001, 6000))


def terminal(root: Path, central: EmbeddedCentral, count: int, batch_items: int) -> TerminalCore:
    """A terminal enrolled with ``central`` holding ``count`` confirmed appeals."""
    data_dir = root / f"terminal-{next(_codes)}"
    data_dir.mkdir()
    config = load_config(None, env={}, overrides={
        "store.data_dir": str(data_dir), "terminal.code": data_dir.name[-4:],
        "sync.server_url": central.url, "sync.allow_http_loopback": True, "sync.start_jitter_s": 0,
        "sync.batch_max_items": batch_items, "sync.timeout_s": 60,
    })  # fmt: skip
    core = start_core(config, configure_logging=False)
    service = SyncService(core, central.url)
    enroll(core, service.client, central.enrollment_code(), server_url=central.url)
    service.close()
    core.close()
    core = start_core(config, configure_logging=False)
    rng = random.Random(count)
    for _ in range(count):
        core.confirm(synthetic_appeal(rng, CHOICES))
    return core


def drain_rate(core: TerminalCore, url: str, count: int) -> tuple[float, int]:
    """Submissions per second of one real drain pass; and the batches it sent."""
    service = SyncService(core, url)
    start = time.perf_counter()
    report = service.drainer.drain()
    elapsed = time.perf_counter() - start
    service.close()
    core.close()
    assert report.outcomes.accepted == count, report
    return count / elapsed, report.batches


def ingest_rate(root: Path, central: EmbeddedCentral, count: int) -> float:
    """Central alone: prepared gzip batch bodies of 100, POSTed one after the other."""
    core = terminal(root, central, count, 100)
    items = read_pending(core.store, count)
    bodies = [gzip.compress(batch_body(items[i : i + 100]), mtime=0) for i in range(0, count, 100)]
    service = SyncService(core, central.url)
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    start = time.perf_counter()
    for body in bodies:
        response = service.client.request("POST", "/submissions/batch", body=body, headers=headers)
        assert all(r["outcome"] == "accepted" for r in response.json()["results"])
    elapsed = time.perf_counter() - start
    service.close()
    core.close()
    return count / elapsed


def backend_rows(name: str, central: EmbeddedCentral, root: Path, n: int, single: int) -> list:
    one = terminal(root, central, single, 1)
    one_rate, one_posts = drain_rate(one, central.url, single)
    many = terminal(root, central, n, 100)
    batch_rate, batches = drain_rate(many, central.url, n)
    return [
        (f"{name}: one POST per submission", str(single), str(one_posts), f"{one_rate:.0f}", "1.0"),
        (f"{name}: batched (100 per POST)", str(n), str(batches), f"{batch_rate:.0f}",
         f"{batch_rate / one_rate:.1f}"),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000, help="submissions drained batched")
    parser.add_argument("--single", type=int, default=2_000, help="sent one per request")
    args = parser.parse_args()
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory(prefix="bench-drain-") as tmp:
        root = Path(tmp)
        with EmbeddedCentral(root / "central-sqlite", start_timeout_s=60) as central:
            rows += backend_rows("SQLite central", central, root, args.n, args.single)
        bin_dir = find_bin_dir()
        if bin_dir is None:
            print("PostgreSQL binaries not found: PostgreSQL rows skipped", file=sys.stderr)
        else:
            pg = PostgresServer(bin_dir)
            pg.start()
            try:
                # The admin commands (enroll-code) must see the same database as serve.
                os.environ["MASHANGBAN_CENTRAL_DB"] = pg.create_database()
                with EmbeddedCentral(root / "central-pg") as central:
                    rows += backend_rows("PostgreSQL central", central, root, args.n, args.single)
                    ingest = ingest_rate(root, central, args.n)
                    rows.append(("PostgreSQL central: ingest alone (prepared batches of 100)",
                                 str(args.n), str(args.n // 100), f"{ingest:.0f}", ""))  # fmt: skip
            finally:
                os.environ.pop("MASHANGBAN_CENTRAL_DB", None)
                pg.stop()
    print(machine())
    header = ("what", "submissions", "POSTs", "submissions/s", "× one-per-request")
    print(table(rows, header))


if __name__ == "__main__":
    main()
