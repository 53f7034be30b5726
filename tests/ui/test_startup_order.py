"""The real `mashangban run` start: Home is painted before the slow parts are loaded.

A subprocess (QT_IM_MODULE must be set before its QApplication) runs the command
line (mashangban.cli.main ... run --windowed) on a data directory. At Home's first paint it records
which heavy libraries are already imported and what is still missing; it then
waits until the devices, the search index, sync and the keyboard have arrived, and quits.
bench/bench_ui_startup.py measures the time; this test guards the order.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import cli_env
from tests.xdisplay import xvfb_display

REPO = Path(__file__).resolve().parents[2]

# Each of these cost 25-300 ms of start-up when it was imported before the first paint.
HEAVY = (
    "sqlalchemy",
    "alembic",
    "pypinyin",
    "jsonschema",
    "PIL",
    "zxingcpp",
    "requests",
)

PROBE = """
import json, os, sys, time
sys.path.insert(0, {repo!r})
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
HEAVY = {heavy!r}
report = {{}}

class Probe(QObject):
    window = None
    surfaces = []  # the kiosk window's native surface: made once, never remade

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.PlatformSurface and isinstance(obj, QMainWindow):
            self.surfaces.append(event.surfaceEventType().name)
        if self.window is None and event.type() == QEvent.Type.Paint:
            window = getattr(obj, "window", lambda: None)()
            if obj is getattr(window, "home", None):
                self.window = window
                report["at_paint"] = {{
                    "imported": sorted(m for m in HEAVY if m in sys.modules),
                    "devices_open": window.ctx.devices.device_set is not None,
                    "indexed": window.ctx.catalog.index is not None,
                    "sync": window.ctx.sync.bridge is not None,
                    "keyboard": window.keyboard.loaded,
                }}
                self.deadline = time.monotonic() + 30
                QTimer.singleShot(50, self.poll)
        return False

    def poll(self):
        ctx = self.window.ctx
        later = {{
            "devices_open": ctx.devices.device_set is not None,
            "printer": ctx.devices.printer is not None,
            "indexed": ctx.catalog.index is not None,
            "sync": ctx.sync.bridge is not None,
            "keyboard": self.window.keyboard.loaded,
        }}
        if all(later.values()) or time.monotonic() > self.deadline:
            report["later"] = later
            report["surfaces"] = self.surfaces
            print("REPORT " + json.dumps(report), flush=True)
            app.quit()
        else:
            QTimer.singleShot(50, self.poll)

probe = Probe(); app.installEventFilter(probe)
from mashangban.cli import main  # the command line, as `mashangban run` starts
raise SystemExit(main(["--data-dir", {data!r}, "run", "--windowed"]))
"""


def start(data: Path, *, display: str | None = None) -> dict[str, Any]:
    """One start; on ``display`` (an X server) on xcb, the kiosk's own platform, else
    offscreen."""
    code = PROBE.format(repo=str(REPO), heavy=HEAVY, data=str(data))
    env = dict(cli_env(data), QT_LOGGING_RULES="*.warning=false")
    if display is not None:
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
    command = [sys.executable, "-c", code]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    assert done.returncode == 0 and lines, done.stdout + done.stderr
    result: dict[str, Any] = json.loads(lines[0].removeprefix("REPORT "))
    return result


def test_home_is_painted_before_the_slow_parts_then_they_arrive(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = start(data)  # a new data directory: store created, the catalog checked in full
    with xvfb_display() as display:
        again = start(data, display=display)  # an every-day start, on X as a kiosk runs
    assert "jsonschema" in first["at_paint"]["imported"]  # the bundled catalog, checked once
    assert again["at_paint"] == {
        "imported": [],
        "devices_open": False,
        "indexed": False,
        "sync": False,
        "keyboard": False,
    }
    arrived = {
        "devices_open": True,
        "printer": True,
        "indexed": True,
        "sync": True,
        "keyboard": True,
    }
    assert first["later"] == arrived and again["later"] == arrived
    # Nothing that arrives later (the keyboard's QQuickWidget above all) makes Qt
    # destroy and recreate the kiosk's native window: no flash, no lost touch.
    assert again["surfaces"] == ["SurfaceCreated"]
