"""Memory over many scripted citizen sessions: RSS growth after warm-up must stay ≤ 5 MB.

    python bench/bench_ui_sessions.py [--sessions 1000] [--warmup 100]

Each session: Home → appeal wizard (category, Chinese text, a photo, five
region levels, typed contact on the keypad, consent) → submit → receipt
(printed by the simulator) → Home; every tenth session instead ends by the
idle timeout half-way, and every fifth does a progress lookup. Offscreen,
operations synchronous, one real store.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.warning=false")

from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def settle() -> None:
    """What a kiosk's event loop does between two citizens: deliver queued events
    and run every pending deleteLater (a bench that skips this measures a leak
    the kiosk does not have)."""
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    logging.disable(logging.WARNING)  # "paper roll empty" once per printed receipt
    from demo_kiosk import open_demo_kiosk  # scripts/

    from terminal.catalog import demo_catalog_path, load_catalog
    from ui import tour as S  # the same scripted citizen as the screenshots and selftest

    data = Path(tempfile.mkdtemp(prefix="bench-sessions-"))
    core, window = open_demo_kiosk(data, load_catalog(demo_catalog_path()), (1920, 1080))

    def session(i: int) -> None:
        if i % 10 == 9:
            S.fill_appeal(window, 3)
            window.end_session()
        elif i % 5 == 4:
            S.lookup_wrong(window)
            window.go_home()
        else:
            S.submit_appeal(window, fault=(i % 7 == 6))
            window.go_home()
        settle()

    for i in range(args.warmup):
        session(i)
    before = rss_kib()
    start = time.perf_counter()
    for i in range(args.sessions):
        session(i)
    elapsed = time.perf_counter() - start
    after = rss_kib()
    growth_mb = (after - before) / 1024
    print(f"sessions: {args.sessions} after {args.warmup} warm-up, {elapsed:.1f} s")
    low, high = before / 1024, after / 1024
    print(f"RSS: {low:.1f} MB → {high:.1f} MB, growth {growth_mb:+.2f} MB (budget 5)")
    window.shutdown()
    core.close()
    del app
    return 0 if growth_mb <= 5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
