"""The background worker: backoff while offline, start jitter, kick, stop; and its Qt bridge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from synckit.central_process import CentralProcess
from synckit.counting_timing import CountingTiming
from synckit.refusing import refusing_url
from synckit.terminals import confirm_appeals, enrol_core, rows, sync_config

from sync.qt_bridge import SyncBridge
from sync.service import SyncService
from sync.status import SyncStatus
from sync.worker import SyncWorker, running_worker
from terminal.runtime import TerminalCore


@pytest.fixture
def dead_url() -> Iterator[str]:
    with refusing_url() as url:
        yield url


def test_offline_worker_backs_off_with_full_jitter(
    data_dir: Path, central: CentralProcess, dead_url: str
) -> None:
    config = sync_config(data_dir, dead_url, sync__backoff_base_s=1, sync__backoff_cap_s=60)
    core = enrol_core(config, central)  # enrolled elsewhere; this URL has nobody listening
    timing = CountingTiming(stop_after=12)
    service = SyncService(core, dead_url, timing=timing)
    worker = SyncWorker(service)
    seen: list[SyncStatus] = []
    worker.add_listener(seen.append)
    try:
        worker.start()
        assert timing.done.wait(30)
        worker.stop()
        assert not worker.running
    finally:
        service.close()
        core.close()
    # Each wait drawn from its own window [0, min(cap, base·2^n)], n = failures so far.
    assert len(timing.sleeps) == 12
    assert all(0 <= d <= service.backoff.ceiling(n) for n, d in enumerate(timing.sleeps))
    assert max(timing.sleeps[6:]) > 2.0  # the windows really widened
    assert seen[-1].online is False and seen[-1].error == "offline"
    assert worker.cycles == 0


def run_until_idle(core: TerminalCore, central: CentralProcess, *, kick: bool) -> CountingTiming:
    """Start a worker with a 30 s start jitter; stop it at its second wait."""
    timing = CountingTiming(stop_after=2)
    service = SyncService(core, central.url, timing=timing)
    worker = SyncWorker(service)
    if kick:
        worker.kick()
    try:
        worker.start()
        assert timing.done.wait(30)
        worker.stop()
    finally:
        service.close()
    assert worker.cycles >= 1
    return timing


def test_start_jitter_before_the_first_upload(data_dir: Path, central: CentralProcess) -> None:
    config = sync_config(data_dir, central.url, sync__start_jitter_s=30, sync__poll_interval_s=45)
    core = enrol_core(config, central)
    try:
        [receipt] = confirm_appeals(core, 1, seed=51)
        timing = run_until_idle(core, central, kick=False)
        assert rows(core)[receipt].outbox_state == "synced"
    finally:
        core.close()
    start_delay, idle = timing.sleeps
    assert 0 <= start_delay <= 30  # before the upload …
    assert idle == 45  # … then the poll interval after a good cycle


def test_kick_skips_the_wait(data_dir: Path, central: CentralProcess) -> None:
    config = sync_config(data_dir, central.url, sync__start_jitter_s=30, sync__poll_interval_s=45)
    core = enrol_core(config, central)
    try:
        timing = run_until_idle(core, central, kick=True)
    finally:
        core.close()
    assert timing.sleeps == [45, 45]  # no start delay: the kick ended it; two idle waits


def test_qt_bridge_emits_the_workers_state(
    qtbot: QtBot, enrolled: TerminalCore, central: CentralProcess
) -> None:
    confirm_appeals(enrolled, 3, seed=61)
    depths: list[int] = []
    syncing: list[bool] = []
    online: list[bool] = []
    last_sync: list[str] = []
    with running_worker(enrolled, central.url) as worker:  # already running: state replays
        bridge = SyncBridge(worker)
        bridge.queue_depth_changed.connect(depths.append)
        bridge.syncing_changed.connect(syncing.append)
        bridge.online_changed.connect(online.append)
        bridge.last_sync_changed.connect(last_sync.append)
        with qtbot.waitSignal(bridge.last_sync_changed, timeout=20_000):
            pass
        qtbot.waitUntil(lambda: depths[-1:] == [0] and syncing[-1:] == [False], timeout=10_000)
        bridge.detach()
    assert online == [True]
    assert last_sync[0].endswith("Z")  # RFC 3339 UTC
    assert depths[-1] == 0 and all(d in (3, 0) for d in depths)
    assert syncing[-1] is False
    assert {r.outbox_state for r in rows(enrolled).values()} == {"synced"}


def test_qt_bridge_reports_an_unreachable_central(
    qtbot: QtBot, enrolled: TerminalCore, dead_url: str
) -> None:
    timing = CountingTiming(stop_after=3)
    service = SyncService(enrolled, dead_url, timing=timing)
    worker = SyncWorker(service)
    bridge = SyncBridge(worker)
    try:
        with qtbot.waitSignal(bridge.error_changed, timeout=20_000) as error:
            worker.start()
    finally:
        worker.stop()
        bridge.detach()
        service.close()
    assert error.args == ["offline"]
    assert bridge.status.online is False
