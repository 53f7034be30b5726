"""Fixtures shared by every tier: each test gets its own data directory and store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from leakguard import guard

from terminal.config import Config, load_config
from terminal.runtime import TerminalCore, start_core

REPO = Path(__file__).resolve().parent.parent

# Hypothesis' per-example deadline (200 ms) and its too-slow health check time the
# machine, not the code: on a busy CI machine an example that takes 0.2 ms idle took
# 300 ms (a stressed run met it). Properties are checked, never their speed.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The few long tests (marked ``slow``) first: xdist's load scheduling hands out the
    first tests round-robin, so each starts at once on its own worker instead of one of
    them running on alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def no_leftovers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a thread, a running QThread or QTimer, or a top-level
    widget behind (tests/leakguard.py); the next test on this worker would inherit it."""
    with guard() as leftovers:
        yield
    if leftovers:
        report = os.environ.get("LEAKGUARD_REPORT")
        if report:  # survey mode: list every leak of a run instead of failing
            with open(report, "a", encoding="utf-8") as out:
                out.write(f"{request.node.nodeid}\t{'; '.join(leftovers)}\n")
            return
        pytest.fail("left behind: " + "; ".join(leftovers), pytrace=False)


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
