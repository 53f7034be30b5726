"""A Retry-After is a floor for the *next try*, also when the client's own attempts are
used up and the worker schedules the next cycle (contract §6)."""

from __future__ import annotations

import time
from pathlib import Path

from faultkit.proxy import PASS, STATUS_429, FaultProxy, Record
from synckit.central_process import CentralProcess
from synckit.counting_timing import CountingTiming
from synckit.terminals import confirm_appeals, enrol_core, sync_config

from sync.service import SyncService
from sync.worker import SyncWorker

RETRY_AFTER = 5.0


def busy_batches(_seq: int, record: Record) -> str:
    return STATUS_429 if record.target.endswith("/submissions/batch") else PASS


def test_worker_waits_out_retry_after_between_cycles(
    data_dir: Path, central: CentralProcess
) -> None:
    config = sync_config(data_dir, central.url, sync__backoff_base_s=0.1, sync__backoff_cap_s=1)
    core = enrol_core(config, central)
    timing = CountingTiming(stop_after=12, now=time.time())
    try:
        confirm_appeals(core, 1, seed=301)
        with FaultProxy(central.url, busy_batches, proxy_retry_after="5") as proxy:
            service = SyncService(core, proxy.url, timing=timing)
            worker = SyncWorker(service)
            worker.start()
            try:
                assert timing.done.wait(60)
            finally:
                worker.stop()
                service.close()
    finally:
        core.close()
    batches = [r for r in proxy.records if r.fault == STATUS_429]
    assert len(batches) >= 5  # more than one cycle's worth of attempts (4 each)
    first = next(i for i, s in enumerate(timing.sleeps) if s > 0)
    # Every wait after the first 429 — the client's retries and the worker's pause
    # between cycles alike — is at least what the server asked for.
    assert all(s >= RETRY_AFTER for s in timing.sleeps[first:]), timing.sleeps
