"""200 terminals come back at once against a rate-limited central: nobody retries before
its Retry-After (measured at the proxy, per terminal) and everything drains.

"At once" is made certain, not hoped for: the proxy holds each terminal's first
rate-limited request until all 200 are waiting, then lets them go together. How many
429s that burst must get follows from the token bucket's own arithmetic."""

from __future__ import annotations

import itertools
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from faultkit.proxy import PASS, FaultProxy, Record
from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals, sync_config

from central.services.enrollment import issue_code
from central.services.enrollment_codes import CODE_KEY_FILENAME, CodeHasher
from central.store.engine import Store
from sync.enrolment import enroll
from sync.protocol.problem_codes import RATE_LIMITED
from sync.service import SyncService
from sync.worker import SyncWorker
from terminal.runtime import TerminalCore, start_core

TERMINALS = 200
EACH = 3
# 20/s, not more: at 40/s clients rarely use up their four attempts, and the herd no
# longer catches a worker that ignores Retry-After between cycles (docs/sync-faults.md).
RATE = 20
EXEMPT = ("/healthz",)  # the probe: central does not rate-limit it
STARTING = threading.Lock()


@pytest.fixture(scope="module")
def busy_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralProcess]:
    with CentralProcess(tmp_path_factory.mktemp("herd"), "--rate-limit", str(RATE)) as server:
        yield server


def enrolled_terminal(root: Path, index: int, central: CentralProcess, code: str) -> TerminalCore:
    """A terminal enrolled over HTTP (retrying 429s) with ``EACH`` appeals queued."""
    data_dir = root / f"t{index:03d}"
    data_dir.mkdir()
    config = sync_config(
        # A long timeout: each terminal's first upload waits at the gate for the others.
        data_dir, central.url, terminal__code=f"{3000 + index:04d}", sync__timeout_s=120,
        sync__backoff_base_s=0.2, sync__backoff_cap_s=2, sync__poll_interval_s=3600,
        sync__heartbeat_interval_s=3600,
    )  # fmt: skip
    with STARTING:  # alembic, run by start_core, is not thread-safe
        core = start_core(config, configure_logging=False)
    try:
        service = SyncService(core, central.url)
        enroll(core, service.client, code, server_url=central.url)
        service.close()
    finally:
        core.close()
    with STARTING:
        core = start_core(config, configure_logging=False)
    confirm_appeals(core, EACH, seed=index)
    return core


class Gate:
    """A proxy schedule that holds the first rate-limited request of each terminal until
    ``count`` terminals are waiting, then releases them together (later requests pass)."""

    def __init__(self, count: int, timeout_s: float) -> None:
        self.count = count
        self.timeout_s = timeout_s
        self.held: list[Record] = []
        self._lock = threading.Lock()
        self._open = threading.Event()

    def __call__(self, _seq: int, record: Record) -> str:
        if record.target in EXEMPT or self._open.is_set():
            return PASS
        with self._lock:
            self.held.append(record)
            if len({r.terminal_id for r in self.held}) >= self.count:
                self._open.set()
        self._open.wait(self.timeout_s)
        self._open.set()  # a timeout opens it for everyone (the test then fails)
        return PASS

    @property
    def burst(self) -> list[Record]:
        with self._lock:
            return list(self.held)


def early_retries(records: list[Record]) -> list[tuple[str, float, float]]:
    """(terminal, waited, asked) for every request sent before the Retry-After of the
    429 its terminal got just before it."""
    by_terminal: dict[str, list[Record]] = defaultdict(list)
    for record in sorted(records, key=lambda r: r.at):
        if record.terminal_id:
            by_terminal[record.terminal_id].append(record)
    early = []
    for terminal, seen in by_terminal.items():
        for previous, following in itertools.pairwise(seen):
            if previous.status == 429 and previous.answered_at is not None:
                waited = following.at - previous.answered_at
                asked = float(previous.retry_after or 0)
                if waited < asked:
                    early.append((terminal, waited, asked))
    return early


def pending(cores: list[TerminalCore]) -> int:
    total = 0
    for core in cores:
        with core.store.reader.connect() as conn:
            total += conn.exec_driver_sql(
                "SELECT count(*) FROM submissions WHERE outbox_state != 'synced'"
            ).scalar_one()
    return total


@pytest.mark.slow
def test_200_terminals_come_back_at_once(tmp_path: Path, busy_central: CentralProcess) -> None:
    central_db = Store(f"sqlite:///{busy_central.data_dir / 'central.sqlite3'}")
    hasher = CodeHasher(busy_central.data_dir / "keys" / CODE_KEY_FILENAME)
    codes = [issue_code(central_db, datetime.now(UTC), hasher=hasher) for _ in range(TERMINALS)]
    central_db.dispose()
    with ThreadPoolExecutor(8) as pool:
        cores = list(pool.map(lambda i: enrolled_terminal(tmp_path, i, busy_central, codes[i]),
                              range(TERMINALS)))  # fmt: skip
    workers: list[SyncWorker] = []
    services: list[SyncService] = []
    gate = Gate(TERMINALS, timeout_s=90)
    errors: list[str | None] = []  # each worker's published errors (list.append is atomic)
    try:
        with FaultProxy(busy_central.url, gate) as proxy:
            for core in cores:
                services.append(SyncService(core, proxy.url))
                workers.append(SyncWorker(services[-1]))
                workers[-1].add_listener(lambda status: errors.append(status.error))
            for worker in workers:  # the outage ends: every worker starts
                worker.start()
            deadline = time.monotonic() + 300
            draining = list(cores)  # polled until drained, then left alone (200 stores)
            while draining and time.monotonic() < deadline:
                draining = [core for core in draining if pending([core])]
                time.sleep(0.5)  # polling the terminals' outboxes with a deadline
            left = pending(cores)
            for worker in workers:  # tell all 200 to stop first, then wait for them
                worker.stop(timeout=0)
            for worker in workers:
                worker.stop()
    finally:
        for worker in workers:
            worker.stop(timeout=0)
        for worker, service in zip(workers, services, strict=True):
            worker.stop()
            service.close()
        for core in cores:
            core.close()
    assert left == 0
    burst = gate.burst
    assert len({r.terminal_id for r in burst}) == TERMINALS, "the gate let them go together"
    # The token bucket admits at most RATE (its capacity) plus RATE per second of the
    # burst, whenever central's middleware saw each request inside that span.
    starts = [r.forwarded_at for r in burst if r.forwarded_at is not None]
    ends = [r.answered_at for r in burst if r.answered_at is not None]
    assert len(starts) == len(ends) == len(burst)
    span = max(ends) - min(starts)
    limited_in_burst = [r for r in burst if r.status == 429]
    assert len(limited_in_burst) >= TERMINALS - RATE * (1 + span), span
    assert limited_in_burst, "the herd should have met the rate limit"
    limited = [r for r in proxy.records if r.status == 429]
    assert all(r.retry_after and float(r.retry_after) >= 1 for r in limited)
    # Some cycles used up their four attempts on 429s: the worker's own wait before the
    # next cycle (Retry-After as its floor) was exercised, not only the client's.
    assert RATE_LIMITED in errors
    assert early_retries(proxy.records) == []
    cases = busy_central.cases()
    assert len(cases) == TERMINALS * EACH
    assert len({c["receipt_no"] for c in cases}) == TERMINALS * EACH
