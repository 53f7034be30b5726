"""mypy checks every room; the modules it still lets off may only become fewer.

pyproject.toml's ``[[tool.mypy.overrides]]`` with ``ignore_errors = true`` is the
exemption list. Fixing a module means removing it there and here; adding one fails.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ROOMS = {"terminal", "sync", "central", "mashangban", "ui"}
# Shrink only: remove a name once its module is clean; never add one.
ALLOWED_EXEMPTIONS = frozenset({"ui.tour"})
# Settings that would switch checking off more quietly than an exemption does.
SILENCING_SETTINGS = ("ignore_errors", "follow_imports", "exclude", "disable_error_code")


def mypy_config(text: str | None = None) -> dict:
    """The ``[tool.mypy]`` table of pyproject.toml (or of ``text``)."""
    raw = text if text is not None else (REPO / "pyproject.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)["tool"]["mypy"]


def exempted_modules(config: dict) -> set[str]:
    """Every module pattern an override lets off with ``ignore_errors``."""
    found: set[str] = set()
    for override in config.get("overrides", []):
        if override.get("ignore_errors"):
            modules = override["module"]
            found.update([modules] if isinstance(modules, str) else modules)
    return found


def test_only_the_frozen_modules_are_exempt() -> None:
    added = exempted_modules(mypy_config()) - ALLOWED_EXEMPTIONS
    assert not added, f"mypy exemptions only shrink; fix these instead: {sorted(added)}"


def test_every_room_is_checked_and_nothing_is_silenced_globally() -> None:
    config = mypy_config()
    assert set(config["packages"]) >= ROOMS
    assert [key for key in SILENCING_SETTINGS if key in config] == []


@pytest.mark.parametrize("module", sorted(ALLOWED_EXEMPTIONS))
def test_each_exemption_names_a_module_that_exists(module: str) -> None:
    # A module renamed or split away must leave the list, not keep a stale pass.
    path = REPO.joinpath(*module.split("."))
    assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def test_an_added_exemption_is_noticed() -> None:
    text = """
[tool.mypy]
packages = ["ui"]
[[tool.mypy.overrides]]
module = ["ui.tour"]
ignore_errors = true
[[tool.mypy.overrides]]
module = "ui.screens.*"
ignore_errors = true
[[tool.mypy.overrides]]
module = ["ui.kiosk"]
disallow_untyped_defs = true
"""
    assert exempted_modules(mypy_config(text)) - ALLOWED_EXEMPTIONS == {"ui.screens.*"}
