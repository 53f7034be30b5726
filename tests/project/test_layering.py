"""terminal/ and sync/ import no Qt widgets (import-linter cannot name a sub-module
of an external package, so this is checked here, statically and at run time)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# QtPrintSupport loads QtWidgets as it is imported.
WIDGET_MODULES = (
    "PySide6.QtWidgets",
    "PySide6.QtQuickWidgets",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtPrintSupport",
)


def widget_imports(root: Path) -> list[str]:
    found = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [
                f"{path.relative_to(REPO)}:{node.lineno} {n}"
                for n in names
                if n.startswith(WIDGET_MODULES)
            ]
    return found


@pytest.mark.parametrize("room", ["terminal", "sync"])
def test_no_widget_imports_in_source(room: str) -> None:
    assert widget_imports(REPO / room) == []


def test_the_core_loads_without_widgets() -> None:
    code = (
        "import sys, pkgutil, importlib, terminal, sync\n"
        "for pkg in (terminal, sync):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' in m.name: continue\n"
        "        importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6.QtWidgets')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = [m for m in result.stdout.strip().split(",") if m]
    assert not [m for m in loaded if m.startswith("PySide6.QtWidgets")], loaded
