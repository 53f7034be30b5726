"""Proves the Qt and library pieces of the packaged terminal work from the bundle.

    build/dist/mashangban/mashangban --bundle-probe

Bundled as a module and run by build/entry.py; tests/package/test_bundle_contents.py
runs it on every `make package-test`. `mashangban selftest` covers the store,
sealing, receipts, screens and sync; this covers what the size rules of
build/bundle_rules.py could break without any of that noticing: the keyboard
types 你好 in Pinyin and "ok" in English and draws its keys (its QML, plugins,
dictionary), the multimedia FFmpeg backend, text-to-speech and print plugins,
Qt's translations, ICU (pinyin collation, GB18030, time-zone names), image
formats, and that left-out Python packages stay out. Prints one JSON object;
exit 0 when every check ran (the test judges the values).
BUNDLE_PROBE_GRAB=/tmp/keyboard.png saves what the keyboard drew.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

# Both before the QApplication exists (as mashangban/launch.py does).
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")

# Importable in the field, and never in the bundle (build/mashangban.spec excludes).
LEFT_OUT = ("psycopg", "hypothesis", "pytest", "rich", "pygments", "numpy", "tkinter")


def pump(app: Any, ms: int) -> None:
    from PySide6.QtCore import QEventLoop

    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def until(app: Any, condition: Any, timeout_s: float = 15.0) -> bool:
    """Pump events until ``condition()`` holds or ``timeout_s`` passes; whether it held."""
    from PySide6.QtCore import QEventLoop

    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return True


def keyboard(app: Any) -> dict[str, object]:
    """The real dock (ui/widgets/keyboard_dock.py) types 你好 then "ok" into a line edit."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from ui.widgets.keyboard_dock import KeyboardDock

    window = QWidget()
    field = QLineEdit()
    dock = KeyboardDock()
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(dock)
    window.resize(1280, 720)
    window.show()
    dock.load()
    result: dict[str, object] = {"loaded": dock.loaded}
    if not dock.loaded:
        return result
    window.activateWindow()
    field.setFocus()
    qml = dock.evaluate
    # Wait for the condition, not a time slice: on a busy machine the input method may
    # take its focus well after 300 ms, and a key clicked before that is lost.
    until(app, lambda: bool(qml("inputContext.focus")) and dock.isVisible())
    result["shown"] = dock.isVisible()
    for ch in "nihao":
        before = str(qml("inputContext.preeditText") or "")
        qml(f"inputContext.inputEngine.virtualKeyClick(Qt.Key_{ch.upper()}, '{ch}', 0)")
        until(app, lambda before=before: str(qml("inputContext.preeditText") or "") != before)
    result["preedit"] = qml("inputContext.preeditText")
    full = dock.view.grabFramebuffer()
    if os.environ.get("BUNDLE_PROBE_GRAB"):
        full.save(os.environ["BUNDLE_PROBE_GRAB"])
    image = full.scaled(64, 16)  # keys drawn, not a blank panel
    result["colours"] = len({image.pixel(x, y) for x in range(64) for y in range(16)})
    qml("inputContext.inputEngine.wordCandidateListModel.selectItem(0)")
    pump(app, 200)
    dock.set_locale("en")  # the English layout: keys type straight into the field
    pump(app, 200)
    for ch in "ok":
        before = field.text()
        qml(f"inputContext.inputEngine.virtualKeyClick(Qt.Key_{ch.upper()}, '{ch}', 0)")
        until(app, lambda before=before: field.text() != before)
    result["text"] = field.text()
    window.close()
    return result


def multimedia() -> dict[str, object]:
    """The FFmpeg backend (camera frames) loads; device lists work (none here)."""
    from PySide6.QtMultimedia import QMediaDevices, QMediaFormat

    QMediaDevices.videoInputs()
    QMediaDevices.audioInputs()
    decoders = QMediaFormat().supportedVideoCodecs(QMediaFormat.ConversionMode.Decode)
    return {"video_decoders": len(decoders), "ffmpeg_loaded": loaded("libffmpegmediaplugin")}


def speech_and_print() -> dict[str, object]:
    from PySide6.QtPrintSupport import QPrinterInfo
    from PySide6.QtTextToSpeech import QTextToSpeech

    mock = QTextToSpeech("mock")
    QPrinterInfo.availablePrinters()
    return {
        "tts_engines": sorted(QTextToSpeech.availableEngines()),
        "tts_mock_ready": mock.state() == QTextToSpeech.State.Ready,
        "cups_loaded": loaded("libcupsprintersupport"),
    }


def translations() -> dict[str, object]:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    found = {}
    for name in ("qtbase_zh_CN", "qtmultimedia_zh_CN"):
        translator = QTranslator()
        found[name] = translator.load(name, qt_dir)
    return found


def icu() -> dict[str, object]:
    """What Qt asks ICU for: collation, converters, time-zone names, case mapping."""
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone

    collator = QCollator(QLocale("zh_CN"))
    names = sorted(["张三", "王五", "李四", "阿明"], key=collator.sortKey)
    zone = QTimeZone(b"Asia/Shanghai")
    return {
        "pinyin_order": names,
        "converters": {name: QStringDecoder(name).isValid() for name in ("GB18030", "GBK")},
        "zone_name_zh": zone.displayName(
            QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("zh_CN")
        ),
        "upper": QLocale("en_US").toUpper("straße"),
    }


def images() -> dict[str, object]:
    from PIL import Image
    from PySide6.QtGui import QImageReader

    formats = sorted(bytes(f.data()).decode() for f in QImageReader.supportedImageFormats())
    pil = {}
    for fmt in ("JPEG", "PNG"):
        out = io.BytesIO()
        Image.new("RGB", (8, 8), (200, 30, 30)).save(out, fmt)
        pil[fmt] = Image.open(io.BytesIO(out.getvalue())).format == fmt
    import zxingcpp  # noqa: F401 - the scanner's and camera's decoder

    return {"qt_image_formats": formats, "pil": pil}


def left_out() -> dict[str, object]:
    present = []
    for name in LEFT_OUT:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        present.append(name)
    return {"present": present}


def loaded(fragment: str) -> bool:
    with open("/proc/self/maps", encoding="utf-8") as maps:
        return any(fragment in line for line in maps)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    checks: dict[str, Callable[[], dict[str, object]]] = {
        "keyboard": lambda: keyboard(app),
        "multimedia": multimedia,
        "speech_and_print": speech_and_print,
        "translations": translations,
        "icu": icu,
        "images": images,
        "left_out": left_out,
    }
    report: dict[str, object] = {}
    ok = True
    for name, check in checks.items():
        try:
            report[name] = check()
        except Exception as exc:  # reported, and the probe fails
            report[name] = {"error": f"{type(exc).__name__}: {exc}"}
            ok = False
    print(json.dumps(report, ensure_ascii=False), flush=True)
    return 0 if ok else 1
