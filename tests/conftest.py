"""Fixtures shared by every tier: each test gets its own data directory and store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from terminal.config import Config, load_config
from terminal.runtime import TerminalCore, start_core

REPO = Path(__file__).resolve().parent.parent


def make_config(data_dir: Path, **overrides: Any) -> Config:
    """A configuration isolated from the machine: no file, no environment."""
    values = {
        "store.data_dir": str(data_dir),
        **{k.replace("__", "."): v for k, v in overrides.items()},
    }
    return load_config(None, env={}, overrides=values)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def config(data_dir: Path) -> Config:
    return make_config(data_dir, terminal__code="0042")


@pytest.fixture
def core(config: Config) -> Iterator[TerminalCore]:
    c = start_core(config, configure_logging=False)
    yield c
    c.close()


def cli_env(data_dir: Path) -> dict[str, str]:
    """Environment for a `mashangban` subprocess: no user config, this data dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASHANGBAN_")}
    env["MASHANGBAN_STORE__DATA_DIR"] = str(data_dir)
    env["XDG_CONFIG_HOME"] = str(data_dir.parent / "xdg-config")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env
