"""Cold start to an interactive Home, against a bare PySide6 window, in one run.

    python bench/bench_ui_startup.py [--runs 5]

Each measurement is a fresh process (offscreen), timed from just before it is
spawned to the moment it is ready, which it reports on stdout (wall clock, so
the shutdown after it is not counted for either):

- bare: imports PySide6, shows a QMainWindow; ready once the window has been
  painted and the event loop has come back idle (a queued zero-timer ran);
- kiosk: `mashangban run --windowed` — the real command line (mashangban.cli.main)
  and launch: configuration, logging, the store, the window; then devices, the
  keyboard and sync (the embedded central) after the first paint; ready once the
  Home screen has been painted, its buttons are enabled and the event loop has come
  back idle, i.e. a tap would be handled. The configuration comes from the process
  environment with the data directory given (as the command does).

Budget: kiosk ≤ 5 × bare (medians), on an existing data directory; the very
first start (store created, keys made, terminal enrolled) is reported apart.
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

READY = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class Ready(QObject):
    def __init__(self, painted):
        super().__init__()
        self.painted, self.done = painted, False

    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint and self.painted(obj):
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print("READY", repr(time.time()), flush=True)
        QApplication.instance().quit()
"""

BARE = (
    READY
    + """
from PySide6.QtWidgets import QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 720)
ready = Ready(lambda obj: obj is w); app.installEventFilter(ready)
w.show(); app.exec()
"""
)

KIOSK = (
    READY
    + """
import os
sys.path.insert(0, {repo!r})
# What launch() does first, so that this QApplication is the one it uses.
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
app = QApplication([])

def home_painted(obj):
    window = getattr(obj, "window", lambda: None)()
    home = getattr(window, "home", None)
    return obj is home and home.appeal.isEnabled() and home.appeal.isVisible()

ready = Ready(home_painted); app.installEventFilter(ready)
from mashangban.cli import main  # the command line, as `mashangban run` starts
raise SystemExit(main(["--data-dir", {data!r}, "run", "--windowed"]))
"""
)


def run(code: str) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASHANGBAN_")}
    env.update(QT_QPA_PLATFORM="offscreen", QT_LOGGING_RULES="*.warning=false")
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True
    )
    ready = [line for line in done.stdout.splitlines() if line.startswith("READY ")]
    if not ready:
        raise SystemExit(f"never became ready:\n{done.stdout}\n{done.stderr}")
    return float(ready[0].split()[1]) - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
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
    print(f"bare PySide6 window, painted and idle: {b * 1000:.0f} ms (median of {args.runs})")
    print(f"kiosk (mashangban run) to interactive Home: {k * 1000:.0f} ms (median of {args.runs})")
    print(f"ratio: {k / b:.2f} (budget 5.00)")
    return 0 if k <= 5 * b else 1


if __name__ == "__main__":
    raise SystemExit(main())
