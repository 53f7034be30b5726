"""The packaged build: bundle size, and start to an interactive Home.

    make package && .venv/bin/python bench/bench_package.py [--runs 7]

Start-up is measured as whole processes, parent-side wall clock from spawn to exit,
for `mashangban run --windowed --exit-after-home` (which quits on the first idle
event loop after Home is shown: painted, accepting input), against, in the same
run, a bare PySide6 window process that does the same. Offscreen, a fresh data
directory each time (so each start also creates and migrates its store).
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
sys.path.insert(0, str(REPO))

from bench.stats import machine, table  # noqa: E402

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
w = QLabel("马上办"); w.resize(1280, 720); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def apparent_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, default=REPO / "build" / "dist" / "mashangban")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    exe = args.bundle / "mashangban"
    if not exe.is_file():
        raise SystemExit(f"no bundle at {args.bundle}: run `make package` first")
    size = apparent_size(args.bundle)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASHANGBAN_")}
    env.update(QT_QPA_PLATFORM="offscreen", MASHANGBAN_SYNC__START_JITTER_S="0")
    samples: dict[str, list[float]] = {"bare PySide6 window (python)": [], "packaged kiosk": []}
    for _ in range(args.runs):  # alternate, so machine noise hits both alike
        samples["bare PySide6 window (python)"].append(timed([sys.executable, "-c", BARE], env))
        with tempfile.TemporaryDirectory() as data:
            samples["packaged kiosk"].append(
                timed([str(exe), "--data-dir", data, "run", "--windowed", "--exit-after-home"], env)
            )
    bare = statistics.median(samples["bare PySide6 window (python)"])
    rows = [
        (
            name,
            f"{len(v)}",
            f"{statistics.median(v) * 1000:.0f}",
            f"{max(v) * 1000:.0f}",
            f"{statistics.median(v) / bare:.1f}",
        )
        for name, v in samples.items()
    ]
    print(f"packaged build — {machine()}, offscreen")
    print(f"bundle: {size / 1e6:.0f} MB ({size} bytes) in {args.bundle}  (target <= 150 MB)")
    print(table(rows, ("what", "runs", "median ms", "max ms", "x bare")))
    print("target: start to Home <= 1500 ms")


if __name__ == "__main__":
    main()
