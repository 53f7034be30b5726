"""Fixtures for the store-checks tests: a real central subprocess per test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from checkskit.procs import Central


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    """The reference central on 127.0.0.1 with its bundled (demo) catalog."""
    with Central(tmp_path_factory.mktemp("central")) as server:
        yield server


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "terminal"
