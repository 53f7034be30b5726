"""Render every citizen screen to docs/screenshots/ (and check the fonts first).

    python scripts/screenshots.py [--out DIR] [--only NAME] [--keyboard]

Each screen in both orientations (1920×1080, 1080×1920), normal and elderly
mode, Simplified Chinese and English: <screen>-<zh|en>-<landscape|portrait>-
<normal|elderly>.png. Runs offscreen; ``--keyboard`` also shoots the pinyin
keyboard, which needs a real display (run it under xvfb-run).
Demo data only: fictional names and numbers.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.qpa.*=false")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtGui import QFontMetrics, QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from terminal.config import load_config  # noqa: E402
from terminal.devices.state import DeviceStatus  # noqa: E402
from terminal.runtime import start_core  # noqa: E402
from ui.catalog_fallback import FALLBACK_CATALOG  # noqa: E402
from ui.kiosk import build_kiosk  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.peripherals import open_peripherals  # noqa: E402

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def commit(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def fill_appeal(w: MainWindow, upto: int) -> None:
    w.home.appeal.click()
    wizard = w.current()
    if upto == 0:
        return
    wizard.steps[0].choices.buttons["urban"].click()
    wizard.steps[0].choices.buttons["urban.road"].click()
    wizard.next.click()
    if upto == 1:
        commit(wizard.steps[1].text, "幸福路12号门口的路灯坏了一个星期，晚上很黑，老人走路不安全。")
        wizard.steps[1].photo.click()
        return
    commit(wizard.steps[1].text, "幸福路12号门口的路灯坏了一个星期，晚上很黑。")
    wizard.steps[1].photo.click()
    wizard.next.click()
    for code in ("530000", "530100", "530102", "530102001"):
        wizard.steps[2].picker.choices.buttons[code].click()
    if upto == 2:
        return
    wizard.steps[2].picker.choices.buttons["530102001001"].click()
    commit(wizard.steps[2].address.edit, "幸福路12号")
    wizard.next.click()
    who = wizard.steps[3]
    who.mode_buttons["typed"].click()
    commit(who.name.edit, "张三")
    who.phone.touched.emit(who.phone)
    for ch in "1381234":
        who.keypad.press(ch)
    if upto == 3:
        return
    for ch in "5678":
        who.keypad.press(ch)
    wizard.next.click()
    if upto == 4:
        return
    wizard.steps[4].agree.click()
    wizard.next.click()


def submit_appeal(w: MainWindow, fault: bool) -> None:
    printer = w.ctx.devices.printer
    if fault:
        printer.set_fault(DeviceStatus.PAPER_OUT)  # type: ignore[union-attr]
    fill_appeal(w, 5)
    w.current().next.click()
    if fault:
        printer.clear()  # type: ignore[union-attr]


def lookup(w: MainWindow) -> None:
    submit_appeal(w, False)
    number = w.current().receipt.receipt_no
    w.go_home()
    w.home.lookup.click()
    screen = w.current()
    for ch in number.replace("-", ""):
        screen.entry.keypad.press(ch)
    screen.lookup.click()


def lookup_wrong(w: MainWindow) -> None:
    w.home.lookup.click()
    screen = w.current()
    for ch in "004226112700018":
        screen.entry.keypad.press(ch)
    screen.lookup.click()


def rating(w: MainWindow, low: bool) -> None:
    submit_appeal(w, False)
    number = w.current().receipt.receipt_no
    w.go_home()
    w.home.rating.click()
    screen = w.current()
    if not low:
        return
    for ch in number.replace("-", ""):
        screen.entry.keypad.press(ch)
    screen.next.click()
    screen.score_buttons[2].click()
    screen.reasons.buttons["slow"].click()


SCENES: dict[str, Callable[[MainWindow], None]] = {
    "home": lambda w: None,
    "theme": lambda w: w.home.theme_buttons[next(iter(w.home.theme_buttons))].click(),
    "appeal-1-category": lambda w: fill_appeal(w, 0),
    "appeal-2-story": lambda w: fill_appeal(w, 1),
    "appeal-3-place": lambda w: fill_appeal(w, 2),
    "appeal-4-who": lambda w: fill_appeal(w, 3),
    "appeal-5-consent": lambda w: fill_appeal(w, 4),
    "appeal-6-review": lambda w: fill_appeal(w, 5),
    "receipt": lambda w: submit_appeal(w, False),
    "receipt-printer-failed": lambda w: submit_appeal(w, True),
    "lookup": lookup,
    "lookup-wrong-check": lookup_wrong,
    "rating": lambda w: rating(w, False),
    "rating-low-score": lambda w: rating(w, True),
    "idle-countdown": lambda w: (fill_appeal(w, 0), w.idle._on_idle()),
    "crash": lambda w: w.crash_guard.handle(RuntimeError("demo")),
}


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
                    config = load_config(
                        None,
                        env={},
                        overrides={
                            "store.data_dir": str(data),
                            "terminal.code": "0042",
                            "terminal.locale": locale,
                            "camera.backend": "simulator",
                            "microphone.backend": "simulator",
                        },
                    )
                    core = start_core(config, configure_logging=False)
                    window = build_kiosk(
                        core,
                        open_peripherals(config),
                        synchronous=True,
                        keyboard=False,
                        voice_engine="mock",
                        catalog=FALLBACK_CATALOG,
                    )
                    window.resize(width, height)
                    window.show()
                    if count == 0:
                        check_fonts(window)
                    window.set_elderly(elderly)
                    scene(window)
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
    parser.add_argument("--keyboard", action="store_true", help="also the pinyin keyboard (Xvfb)")
    args = parser.parse_args()
    if not args.keyboard:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv)
    args.out.mkdir(parents=True, exist_ok=True)
    count = shoot(args.out, args.only)
    if args.keyboard:
        from scripts_keyboard_shot import shoot_keyboard  # type: ignore[import-not-found]

        count += shoot_keyboard(args.out)
    print(f"{count} screenshots in {args.out}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
