"""Fixtures for the salvage and integrity tests: a real central subprocess per module.

They reuse tests/sync's synckit (a central on 127.0.0.1, enrolment, the CLI runner).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for kit in (HERE.parents[1] / "sync", HERE):
    if str(kit) not in sys.path:
        sys.path.insert(0, str(kit))

from synckit.central_process import CentralProcess  # noqa: E402


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralProcess]:
    """The reference central on 127.0.0.1 as a subprocess, one per test module."""
    with CentralProcess(tmp_path_factory.mktemp("central")) as server:
        yield server
