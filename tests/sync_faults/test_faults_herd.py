"""200 terminals come back at once against a rate-limited central: nobody retries before
its Retry-After (measured at the proxy, per terminal) and everything drains."""

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
from faultkit.proxy import FaultProxy, Record
from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals, sync_config

from central.services.enrollment import issue_code
from central.store.engine import Store
from sync.enrolment import enroll
from sync.service import SyncService
from sync.worker import SyncWorker
from terminal.runtime import TerminalCore, start_core

TERMINALS = 200
EACH = 3
RATE = 20
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
        data_dir, central.url, terminal__code=f"{3000 + index:04d}", sync__timeout_s=10,
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
    codes = [issue_code(central_db, datetime.now(UTC)) for _ in range(TERMINALS)]
    central_db.dispose()
    with ThreadPoolExecutor(8) as pool:
        cores = list(pool.map(lambda i: enrolled_terminal(tmp_path, i, busy_central, codes[i]),
                              range(TERMINALS)))  # fmt: skip
    workers: list[SyncWorker] = []
    services: list[SyncService] = []
    try:
        with FaultProxy(busy_central.url) as proxy:
            for core in cores:  # the outage ends: every worker starts within a moment
                services.append(SyncService(core, proxy.url))
                workers.append(SyncWorker(services[-1]))
                workers[-1].start()
            deadline = time.monotonic() + 150
            while pending(cores) and time.monotonic() < deadline:
                time.sleep(0.5)
            left = pending(cores)
            for worker in workers:
                worker.stop()
    finally:
        for worker, service in zip(workers, services, strict=True):
            worker.stop()
            service.close()
        for core in cores:
            core.close()
    assert left == 0
    limited = [r for r in proxy.records if r.status == 429]
    assert len(limited) >= TERMINALS // 2, "the herd should have met the rate limit"
    assert all(r.retry_after and float(r.retry_after) >= 1 for r in limited)
    assert early_retries(proxy.records) == []
    cases = busy_central.cases()
    assert len(cases) == TERMINALS * EACH
    assert len({c["receipt_no"] for c in cases}) == TERMINALS * EACH
