"""Fixtures for the terminal's sync tests: one real central subprocess for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from synckit.central_process import CentralProcess
from synckit.terminals import enrol_core, sync_config

from terminal.config import Config
from terminal.runtime import TerminalCore


@pytest.fixture(scope="session")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralProcess]:
    """The reference central on 127.0.0.1, shared by the tests (each enrols its own terminal)."""
    with CentralProcess(tmp_path_factory.mktemp("central")) as server:
        yield server


@pytest.fixture
def sync_cfg(data_dir: Path, central: CentralProcess) -> Config:
    return sync_config(data_dir, central.url)


@pytest.fixture
def enrolled(sync_cfg: Config, central: CentralProcess) -> Iterator[TerminalCore]:
    """A core enrolled with the session's central, restarted so that it can confirm."""
    core = enrol_core(sync_cfg, central)
    yield core
    core.close()
