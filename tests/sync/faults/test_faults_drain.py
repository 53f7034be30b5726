"""2,000 submissions drained through the fault proxy, in process and by a ``mashangban sync
--once`` that is SIGKILLed at chosen batches (held by the proxy, so the kill always
lands where it should): exactly one case per submission at central."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from faultkit.proxy import (
    DROP_REQUEST,
    DROP_RESPONSE,
    FAULTS,
    PASS,
    RESET_MID,
    STALL,
    FaultProxy,
    Record,
    each_kind_first,
    every_nth,
    seeded_schedule,
)
from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals, enrol_core, rows, sync_config

from sync.errors import SyncError
from sync.service import SyncService
from terminal.runtime import TerminalCore, start_core

N = 2000
BATCH = "/api/v1/submissions/batch"


def lost_commits(proxy: FaultProxy) -> list[Record]:
    """Batches central stored (200) whose answer never reached the terminal."""
    return [
        r
        for r in proxy.records
        if r.target == BATCH and r.status == 200 and r.fault in (DROP_RESPONSE, RESET_MID, STALL)
    ]


def assert_one_case_each(core: TerminalCore, central: CentralProcess, receipts: list[str]) -> None:
    local = rows(core)
    assert Counter(r.outbox_state for r in local.values()) == {"synced": len(receipts)}
    cases = central.cases(core.identity.terminal_id)  # type: ignore[union-attr]
    assert len(cases) == len(receipts)  # not one more: resends were duplicates
    assert {c["receipt_no"]: c["case_id"] for c in cases} == {
        no: r.case_id for no, r in local.items()
    }
    assert sorted(local) == sorted(receipts)


@pytest.mark.slow
def test_2000_submissions_under_mixed_faults(data_dir: Path, central: CentralProcess) -> None:
    config = sync_config(data_dir, central.url, sync__timeout_s=2.0, sync__batch_max_items=50)
    core = enrol_core(config, central)
    try:
        receipts = confirm_appeals(core, N, seed=2000, every_nth_photo=100)
        schedule = each_kind_first(FAULTS, BATCH, then=seeded_schedule(42, 0.3))
        with FaultProxy(central.url, schedule, stall_s=2.5) as proxy:
            service = SyncService(core, proxy.url)
            failures = 0
            deadline = time.monotonic() + 240
            try:
                for _ in range(60):  # passes; each ends at the first unrecoverable failure
                    assert time.monotonic() < deadline, proxy.faults()
                    try:
                        service.drainer.drain()
                    except SyncError:
                        failures += 1
                        continue
                    break
            finally:
                service.close()
        seen = proxy.faults()
        assert set(FAULTS) <= set(seen), seen  # every kind of fault happened
        assert seen[PASS] > 0 and failures >= 0
        assert lost_commits(proxy), "some batches were stored and their answer lost"
        assert_one_case_each(core, central, receipts)
        photos = [r for r in proxy.records if r.method == "PUT" and r.status == 201]
        assert len(photos) == N // 100  # each photo stored once
    finally:
        core.close()


def sync_once(data_dir: Path, url: str, code: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASHANGBAN_")}
    env.update(
        XDG_CONFIG_HOME=str(data_dir.parent / "xdg-config"),
        MASHANGBAN_SYNC__SERVER_URL=url,
        MASHANGBAN_SYNC__ALLOW_HTTP_LOOPBACK="true",
        MASHANGBAN_TERMINAL__CODE=code,
        MASHANGBAN_SYNC__TIMEOUT_S="2",
        MASHANGBAN_SYNC__BACKOFF_BASE_S="0.1",
        MASHANGBAN_SYNC__BACKOFF_CAP_S="1",
        MASHANGBAN_SYNC__BATCH_MAX_ITEMS="50",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "mashangban", "--data-dir", str(data_dir), "sync", "--once",
         "--now", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
    )  # fmt: skip


class BatchKill:
    """Holds the proxy at the ``at``-th batch central stored in the current run, before its
    answer is relayed (``before=True``: the terminal never learns) or just after (it has
    the answer, maybe not yet committed), until the test has killed the run."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.at: int | None = None
        self.before = True
        self.seen = 0
        self.caught = threading.Event()
        self.release = threading.Event()

    def arm(self, at: int, *, before: bool) -> None:
        with self._lock:
            self.at, self.before, self.seen = at, before, 0
            self.caught.clear()
            self.release.clear()

    def _hit(self, record: Record) -> None:
        if record.target != BATCH or record.status != 200:
            return
        with self._lock:
            if self.at is None:
                return
            self.seen += 1
            if self.seen < self.at:
                return
            self.at = None
        self.caught.set()
        self.release.wait(120)

    def before_relay(self, record: Record) -> None:
        if self.before:
            self._hit(record)

    def after_relay(self, record: Record) -> None:
        if not self.before:
            self._hit(record)


def kill_when_caught(child: subprocess.Popen[str], kill: BatchKill) -> None:
    """SIGKILL ``child`` once the proxy holds the armed batch; fails if it ended first."""
    deadline = time.monotonic() + 180  # a loaded machine starts Python slowly
    while not kill.caught.wait(0.05):
        if child.poll() is not None:
            out, err = child.communicate(timeout=30)
            pytest.fail(f"sync --once ended before the batch (exit {child.returncode}): {out}{err}")
        assert time.monotonic() < deadline, "no batch reached central"
    assert child.poll() is None  # killed while it ran, with a batch stored at central
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    kill.release.set()


EXTRA = 100


@pytest.mark.slow
def test_sigkill_mid_batch_then_restart(data_dir: Path, central: CentralProcess) -> None:
    config = sync_config(data_dir, central.url)
    core = enrol_core(config, central)
    try:
        receipts = confirm_appeals(core, N, seed=2001, every_nth_photo=100)
        terminal_id = core.identity.terminal_id
    finally:
        core.close()
    code = config.terminal.code
    rng = random.Random(7)
    kill = BatchKill()
    # Every 5th batch request dropped or its answer lost: never two in a row, so the
    # client's retries carry each run on to the batch it is killed at.
    schedule = every_nth(5, (DROP_REQUEST, DROP_RESPONSE), BATCH)
    with FaultProxy(
        central.url, schedule, before_relay=kill.before_relay, after_relay=kill.after_relay
    ) as proxy:
        # Killed at a (seeded) batch of each run: just after its answer arrived, then
        # while it is held; 2,000 are 40 batches, so every run is cut short.
        for before in (False, True, False):
            kill.arm(rng.randint(1, 6), before=before)
            kill_when_caught(sync_once(data_dir, proxy.url, code), kill)
        # More work for the last killed run, then killed while central's answer is held.
        core = start_core(config, configure_logging=False)
        try:
            receipts += confirm_appeals(core, EXTRA, seed=2002)
        finally:
            core.close()
        kill.arm(rng.randint(1, 6), before=True)
        kill_when_caught(sync_once(data_dir, proxy.url, code), kill)
        proxy.schedule = lambda _seq, _record: PASS
        final = sync_once(data_dir, proxy.url, code)
        out, err = final.communicate(timeout=240)
    assert final.returncode == 0, err
    summary = json.loads(out)
    assert summary["pending"] == 0 and summary["error"] is None
    assert summary["sent_duplicate"] >= 1  # the held batch was stored before the kill
    assert len(central.cases(terminal_id)) == N + EXTRA
    reopened = start_core(config, configure_logging=False)
    try:
        assert_one_case_each(reopened, central, receipts)
    finally:
        reopened.close()
