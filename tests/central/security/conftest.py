"""Fixtures for the attack tests: a real central on loopback (in a thread, or as the
``mashangban-central serve`` subprocess), and enrolled terminals speaking real HTTP.

They reuse the kits of tests/central (centralkit) and tests/sync (synckit).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for kit in (HERE.parents[1] / "sync", HERE.parents[1] / "central"):
    if str(kit) not in sys.path:
        sys.path.insert(0, str(kit))

from centralkit.catalog import write_catalog  # noqa: E402
from centralkit.server import ThreadedCentral  # noqa: E402
from centralkit.terminals import EnrolledTerminal, enroll_terminal  # noqa: E402

from central.clock import ManualClock  # noqa: E402
from central.config import CentralConfig  # noqa: E402


@pytest.fixture
def clock() -> ManualClock:
    """Central's time; the test clients sign with it too."""
    return ManualClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def config(tmp_path: Path) -> CentralConfig:
    """A fresh data dir with an SQLite database and the small catalog."""
    catalog = write_catalog(tmp_path / "catalog.json")
    return CentralConfig.build(data_dir=tmp_path / "data", catalog_path=catalog)


@pytest.fixture
def central(config: CentralConfig, clock: ManualClock) -> Iterator[ThreadedCentral]:
    """The real central app under uvicorn on 127.0.0.1."""
    server = ThreadedCentral(config, clock).start()
    yield server
    server.stop()


@pytest.fixture
def terminal(central: ThreadedCentral, clock: ManualClock) -> Iterator[EnrolledTerminal]:
    """A terminal enrolled over HTTP with code 0042."""
    enrolled = enroll_terminal(central, clock, "0042")
    yield enrolled
    enrolled.client.close()


@pytest.fixture
def rogue(central: ThreadedCentral, clock: ManualClock) -> Iterator[EnrolledTerminal]:
    """A second enrolled terminal (code 0043) that misbehaves."""
    enrolled = enroll_terminal(central, clock, "0043")
    yield enrolled
    enrolled.client.close()
