"""Fixtures for the fault, crash, herd, security and schema tests of sync.

They reuse the helpers of tests/sync (synckit) and tests/central (centralkit).
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
from synckit.central_process import CentralProcess  # noqa: E402

from central.clock import ManualClock  # noqa: E402
from central.config import CentralConfig  # noqa: E402


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralProcess]:
    """The reference central on 127.0.0.1 as a subprocess, one per test module."""
    with CentralProcess(tmp_path_factory.mktemp("central")) as server:
        yield server


@pytest.fixture
def clock() -> ManualClock:
    """Central's time in the in-process central; tests move it."""
    return ManualClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def manual_central(tmp_path: Path, clock: ManualClock) -> Iterator[ThreadedCentral]:
    """Central in a thread (SQLite, the small test catalog) on ``clock``."""
    config = CentralConfig.build(
        data_dir=tmp_path / "central",
        db_url=f"sqlite:///{tmp_path / 'central.sqlite3'}",
        catalog_path=write_catalog(tmp_path / "catalog.json"),
    )
    server = ThreadedCentral(config, clock).start()
    yield server
    server.stop()
