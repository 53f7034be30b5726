"""Fixtures for the key-protection tests: software TPMs (swtpm) on loopback, and
tests/sync's synckit (a real central on 127.0.0.1, enrolment, the CLI runner).

Tests that need a TPM skip, saying why, only when swtpm or tpm2-tools are absent.
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

from swtpmkit import Swtpm, missing  # noqa: E402
from synckit.central_process import CentralProcess  # noqa: E402


@pytest.fixture
def no_tpm_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """No TPM reachable by this process and its children: no $TPM2TOOLS_TCTI (the
    machine has no /dev/tpmrm0; a test that needs that says so)."""
    monkeypatch.delenv("TPM2TOOLS_TCTI", raising=False)


@pytest.fixture
def swtpm(tmp_path: Path, no_tpm_here: None) -> Iterator[Swtpm]:
    """This machine's TPM."""
    why = missing()
    if why:
        pytest.skip(why)
    with Swtpm(tmp_path / "tpm-here") as tpm:
        yield tpm


@pytest.fixture
def other_swtpm(tmp_path: Path, swtpm: Swtpm) -> Iterator[Swtpm]:
    """Another machine's TPM: fresh state, so another owner seed."""
    with Swtpm(tmp_path / "tpm-elsewhere") as tpm:
        yield tpm


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralProcess]:
    """The reference central on 127.0.0.1 as a subprocess, one per test module."""
    with CentralProcess(tmp_path_factory.mktemp("central")) as server:
        yield server
