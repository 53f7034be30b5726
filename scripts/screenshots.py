"""Render every citizen screen to docs/screenshots/ (and check the fonts first).

    python scripts/screenshots.py [--out DIR] [--only NAME]

Each scene of ui/tour.py in both orientations (1920×1080, 1080×1920), normal and
elderly mode, Simplified Chinese and English: <screen>-<zh|en>-<landscape|portrait>-
<normal|elderly>.png. Runs offscreen. Demo data only: fictional names and numbers.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.qpa.*=false")

from demo_kiosk import open_demo_kiosk  # noqa: E402 (scripts/, this file's folder)
from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtGui import QFontMetrics  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from terminal.catalog import demo_catalog_path, load_catalog  # noqa: E402
from ui.tour import SCENES  # noqa: E402

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
DEMO_CATALOG = load_catalog(demo_catalog_path())  # what a fresh terminal shows


def check_fonts(window: QWidget) -> None:
    """Fail loudly if Chinese would render as boxes."""
    metrics = QFontMetrics(window.font())
    family = window.ctx.theme.family  # type: ignore[attr-defined]
    font = window.font()
    font.setFamily(family)
    metrics = QFontMetrics(font)
    missing = [c for c in "马上办我要反映诉求进度查询评价" if not metrics.inFontUcs4(ord(c))]
    if missing:
        raise SystemExit(
            f"no CJK font: {family} lacks {''.join(missing)} (install fonts-wqy-microhei)"
        )
    print(f"CJK font: {family}")


def shoot(out: Path, only: str | None) -> int:
    count = 0
    for locale in ("zh_CN", "en"):
        for orientation, (width, height) in SIZES.items():
            for elderly in (False, True):
                for name, scene in SCENES.items():
                    if only and only != name:
                        continue
                    data = Path(tempfile.mkdtemp(prefix="shots-"))
                    core, window = open_demo_kiosk(
                        data, DEMO_CATALOG, (width, height), **{"terminal.locale": locale}
                    )
                    if count == 0:
                        check_fonts(window)
                    window.set_elderly(elderly)
                    scene(window)
                    for _ in range(3):  # as the clip audit: wrapped heights settle late
                        QCoreApplication.processEvents()
                    mode = "elderly" if elderly else "normal"
                    lang = "zh" if locale == "zh_CN" else "en"
                    path = out / f"{name}-{lang}-{orientation}-{mode}.png"
                    window.grab().save(str(path))
                    count += 1
                    window.shutdown()
                    window.close()
                    window.deleteLater()
                    core.close()
                    QCoreApplication.processEvents()
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--only", help="one scene, e.g. home")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv)
    args.out.mkdir(parents=True, exist_ok=True)
    count = shoot(args.out, args.only)
    print(f"{count} screenshots in {args.out}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
