"""PySide6 6.12.0 on CPython 3.11 aborts after ~5,000 void Qt calls (platform-notes.md).

The pin in pyproject.toml keeps it out; this test makes 50,000 such calls in a
subprocess so that an upgrade that brings the crash back fails CI, not a kiosk.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QColor
app = QGuiApplication([])
obj = QObject()
image = QImage(64, 64, QImage.Format.Format_ARGB32)
painter = QPainter(image)
for i in range(50_000):
    obj.setObjectName("n")          # void
    painter.fillRect(0, 0, 4, 4, QColor(i % 255, 0, 0))  # void
painter.end()
print("ok", flush=True)
"""


def test_fifty_thousand_void_qt_calls_do_not_abort() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
    assert "none_dealloc" not in result.stderr


def test_the_known_crashing_pyside_is_not_installed() -> None:
    import PySide6

    if sys.version_info < (3, 12):
        assert not PySide6.__version__.startswith("6.12."), PySide6.__version__
