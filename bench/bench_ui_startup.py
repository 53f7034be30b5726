"""Cold start to an interactive Home, against a bare PySide6 window, in one run.

    python bench/bench_ui_startup.py [--runs 3]

Each measurement is a fresh process (offscreen): the bare one imports PySide6,
shows a QMainWindow and leaves once the event loop runs; the kiosk one starts
the core on a new data directory, builds the window (without the QML keyboard,
which loads after Home is shown) and leaves once Home is shown and the event
loop runs. Budget: kiosk ≤ 5 × bare (median of the runs), on an existing data
directory; the very first start (store created, keys made) is reported apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1920, 1080); w.show()
QTimer.singleShot(0, app.quit); app.exec()
"""

KIOSK = """
import sys
sys.path.insert(0, {repo!r})
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from terminal.config import load_config
from terminal.runtime import start_core
from ui.kiosk import build_kiosk
from ui.peripherals import open_peripherals
config = load_config(None, env={{}}, overrides={{"store.data_dir": {data!r}}})
core = start_core(config, configure_logging=False)
w = build_kiosk(core, open_peripherals(config), keyboard=False, voice_engine="mock")
w.resize(1920, 1080); w.show()
assert w.home.appeal.isVisible()
QTimer.singleShot(0, app.quit); app.exec()
w.shutdown(); core.close()
"""


def run(code: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_LOGGING_RULES="*.warning=false")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bare, kiosk = [], []
    with tempfile.TemporaryDirectory() as data:
        # The first start ever creates the store, runs migrations and makes keys;
        # a kiosk's every-day cold start opens an existing data directory.
        first = run(KIOSK.format(repo=str(REPO), data=data))
        for _ in range(args.runs):
            bare.append(run(BARE))
            kiosk.append(run(KIOSK.format(repo=str(REPO), data=data)))
    print(f"first start ever (new data directory): {first * 1000:.0f} ms")
    b, k = statistics.median(bare), statistics.median(kiosk)
    print(f"bare PySide6 window: {b * 1000:.0f} ms (median of {args.runs})")
    print(f"kiosk to interactive Home: {k * 1000:.0f} ms (median of {args.runs})")
    print(f"ratio: {k / b:.2f} (budget 5.00)")
    return 0 if k <= 5 * b else 1


if __name__ == "__main__":
    raise SystemExit(main())
