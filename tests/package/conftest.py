"""Tests of the packaged build. They run when MASHANGBAN_PACKAGE names the one-dir
bundle (`make package-test`, CI); otherwise they are skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def bundle() -> Path:
    value = os.environ.get("MASHANGBAN_PACKAGE")
    if not value:
        pytest.skip("MASHANGBAN_PACKAGE is not set (run `make package-test`)")
    path = Path(value)
    exe = path / "mashangban"
    assert exe.is_file(), f"no executable at {exe}: build it with `make package`"
    return path
