"""Fixtures for central's tests: each test gets its own data dir and database,
on SQLite and (marked ``postgres``) on a PostgreSQL server started for the session."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from centralkit.catalog import write_catalog
from centralkit.postgres import PostgresServer, find_bin_dir
from centralkit.server import ThreadedCentral
from centralkit.terminals import EnrolledTerminal, enroll_terminal

from central.clock import ManualClock
from central.config import CentralConfig

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the session; skipped only when there are no binaries."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries not installed (apt-get install postgresql)")
    server = PostgresServer(bin_dir)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture
def clock() -> ManualClock:
    """Server time for the test; clients sign with it too."""
    return ManualClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> CentralConfig:
    """A data dir, the database and the small catalog."""
    catalog = write_catalog(tmp_path / "catalog.json")
    return CentralConfig.build(data_dir=tmp_path / "data", db_url=db_url, catalog_path=catalog)


@pytest.fixture
def central(config: CentralConfig, clock: ManualClock) -> Iterator[ThreadedCentral]:
    """A running central on 127.0.0.1."""
    server = ThreadedCentral(config, clock).start()
    yield server
    server.stop()


@pytest.fixture
def terminal(central: ThreadedCentral, clock: ManualClock) -> Iterator[EnrolledTerminal]:
    """An enrolled terminal with code 0042."""
    enrolled = enroll_terminal(central, clock, "0042")
    yield enrolled
    enrolled.client.close()
