"""The packaged build: bundle size (with where it goes), and start to an interactive Home.

    make package && .venv/bin/python bench/bench_package.py [--runs 7] [--size-only]

Size is the apparent size of build/dist/mashangban: the bytes of every regular
file, symlinks not followed (PyInstaller links top-level library names to the
copies below PySide6/). It is broken down by part and the largest files listed.

Start-up is measured as whole processes, parent-side wall clock from spawn to exit,
for `mashangban run --windowed --exit-after-home` (which quits on the first idle
event loop after Home is shown: painted, accepting input), against, in the same
run, a bare PySide6 window process that does the same. Offscreen. Two kiosk rows:
the every-day start (an existing data directory: a kiosk switched on in the
morning; the target applies to it) and the first start ever (a new data directory
each time, so the store is created and migrated, keys are made and the bundled
catalog is checked in full). With --cold the page cache is dropped before every
start (a kiosk after power-on; needs root).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.stats import machine, table  # noqa: E402

SIZE_TARGET_MB = 150
START_TARGET_MS = 1500
SMALL_PART = 300_000  # bytes: parts below this are summed in one row
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
w = QLabel("马上办"); w.resize(1280, 720); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def files(path: Path) -> dict[str, int]:
    """Bundle-relative name → size of every regular file (symlinks not followed)."""
    return {
        str(p.relative_to(path)): p.stat().st_size
        for p in path.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


def apparent_size(path: Path) -> int:
    return sum(files(path).values())


def part(name: str) -> str:
    """Which part of the bundle a file belongs to, for the breakdown."""
    if "/" not in name:
        return "executable (bootloader + PYZ of Python modules)"
    rest = name.split("/", 1)[1]
    if rest.startswith("PySide6/Qt/lib/"):
        lib = rest.rsplit("/", 1)[1]
        if lib.startswith("libicu"):
            return "Qt: ICU (libicu*)"
        if lib.startswith(("libav", "libsw")):
            return "Qt: FFmpeg (camera backend)"
        return "Qt: libraries (libQt6*)"
    if rest.startswith("PySide6/Qt/"):
        return "Qt: plugins, QML, translations"
    if rest.startswith(("PySide6/", "shiboken6/")):
        return "PySide6 bindings (*.abi3.so)"
    if rest.startswith("libpython"):
        return "libpython"
    if rest.startswith("python3."):
        return "Python stdlib extensions (lib-dynload)"
    if rest == "base_library.zip":
        return "Python stdlib (base_library.zip)"
    if rest.startswith(("resources/", "ui/", "terminal/", "central/")):
        return "terminal data (catalog, QML, migrations, i18n)"
    if "/" not in rest:
        if ".cpython-" in rest:
            return "loose extension modules (_cffi_backend)"
        return "system libraries (top of _internal)"
    return f"package: {rest.split('/', 1)[0].split('-')[0]}"


def breakdown(path: Path, top: int = 15) -> str:
    sizes = files(path)
    by_part: Counter[str] = Counter()
    for name, size in sizes.items():
        by_part[part(name)] += size
    total = sum(sizes.values())
    small = [name for name, size in by_part.items() if size < SMALL_PART]
    if len(small) > 1:
        by_part[f"{len(small)} smaller parts (< {SMALL_PART / 1e6:.1f} MB each)"] = sum(
            by_part.pop(name) for name in small
        )
    parts = [(name, f"{size / 1e6:.1f}") for name, size in by_part.most_common()]
    largest = [
        (name, f"{size / 1e6:.2f}")
        for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:top]
    ]
    return "\n\n".join(
        [
            f"bundle: {total / 1e6:.1f} MB ({total} bytes, {len(sizes)} files) in {path}"
            f"  (target <= {SIZE_TARGET_MB} MB)",
            table(parts, ("part", "MB")),
            table(largest, (f"largest {top} files", "MB")),
        ]
    )


def drop_page_cache() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def timed(cmd: list[str], env: dict[str, str], *, cold: bool = False) -> float:
    if cold:
        drop_page_cache()
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
    parser.add_argument("--size-only", action="store_true", help="the size breakdown only")
    parser.add_argument("--cold", action="store_true", help="drop the page cache first (root)")
    args = parser.parse_args()
    exe = args.bundle / "mashangban"
    if not exe.is_file():
        raise SystemExit(f"no bundle at {args.bundle}: run `make package` first")
    print(f"packaged build — {machine()}, offscreen\n")
    print(breakdown(args.bundle))
    if args.size_only:
        return
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASHANGBAN_")}
    env.update(QT_QPA_PLATFORM="offscreen", MASHANGBAN_SYNC__START_JITTER_S="0")
    bare_name, daily_name, first_name = (
        "bare PySide6 window (python)",
        "packaged kiosk, every-day start",
        "packaged kiosk, first start ever",
    )
    samples: dict[str, list[float]] = {bare_name: [], daily_name: [], first_name: []}

    def kiosk(data: str) -> list[str]:
        return [str(exe), "--data-dir", data, "run", "--windowed", "--exit-after-home"]

    with tempfile.TemporaryDirectory() as daily:
        timed(kiosk(daily), env)  # its first start, not counted
        for _ in range(args.runs):  # alternate, so machine noise hits all alike
            bare_cmd = [sys.executable, "-c", BARE]
            samples[bare_name].append(timed(bare_cmd, env, cold=args.cold))
            samples[daily_name].append(timed(kiosk(daily), env, cold=args.cold))
            with tempfile.TemporaryDirectory() as fresh:
                samples[first_name].append(timed(kiosk(fresh), env, cold=args.cold))
    bare = statistics.median(samples[bare_name])
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
    print(f"\nstart-up, {'cold (page cache dropped before each start)' if args.cold else 'warm'}:")
    print(table(rows, ("what", "runs", "median ms", "max ms", "x bare")))
    print(f"target: every-day start to Home <= {START_TARGET_MS} ms")


if __name__ == "__main__":
    main()
