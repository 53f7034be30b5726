"""A central that answers 429 with Retry-After: the client waits at least that long, and
everything still arrives once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from synckit.central_process import CentralProcess
from synckit.terminals import confirm_appeals, enrol_core, rows, service_for, sync_config

from sync.timing import Timing


@dataclass
class RecordingTiming(Timing):
    """Real time and real sleeps, with every sleep recorded."""

    sleeps: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        super().sleep(seconds)


@pytest.fixture
def busy_central(tmp_path: Path) -> Iterator[CentralProcess]:
    # 2 requests/s: even a loaded CI machine sends faster than that, so 429s are certain.
    with CentralProcess(tmp_path / "busy-central", "--rate-limit", "2") as server:
        yield server


def test_429_retry_after_is_a_floor_and_nothing_is_lost(
    data_dir: Path, busy_central: CentralProcess
) -> None:
    config = sync_config(data_dir, busy_central.url, sync__batch_max_items=1)
    core = enrol_core(config, busy_central)
    try:
        receipts = confirm_appeals(core, 16, seed=101, every_nth_photo=4)
        timing = RecordingTiming()
        service = service_for(core, busy_central, timing=timing)
        report = service.drainer.drain()
        service.close()
        local = rows(core)
    finally:
        core.close()
    assert timing.sleeps, "the burst should have met the rate limit"
    assert min(timing.sleeps) >= 1.0  # Retry-After: 1 (whole seconds) is the floor
    assert report.outcomes.accepted == 16
    assert all(local[no].outbox_state == "synced" for no in receipts)
    assert len(busy_central.cases()) == 16
