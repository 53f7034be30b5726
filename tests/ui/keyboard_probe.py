"""Types 你好 with the embedded pinyin keyboard in a real kiosk window, in its own process.

    python tests/ui/keyboard_probe.py DATA_DIR

The keyboard's input context is chosen when the QApplication is created
(QT_IM_MODULE), so this cannot run inside pytest's process, whose QApplication
exists already without it; test_ui_voice_keyboard.py runs this script. Prints one
JSON line with what happened.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
os.environ["QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication


def main(data_dir: str) -> dict[str, object]:
    app = QApplication([])
    from terminal.config import load_config
    from terminal.runtime import start_core
    from ui.kiosk import build_kiosk

    def pump(ms: int) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    config = load_config(None, env={}, overrides={"store.data_dir": data_dir})
    core = start_core(config, configure_logging=False)
    window = build_kiosk(core, keyboard=True, synchronous=True, voice_engine="mock")
    window.resize(1920, 1080)
    window.show()
    result: dict[str, object] = {}
    try:
        dock = window.keyboard
        deadline = time.monotonic() + 30
        while not dock.loaded and time.monotonic() < deadline:
            pump(50)
        result["loaded"] = dock.loaded
        window.home.appeal.click()
        wizard = window.current()
        first = wizard.steps[0].choices.buttons
        first[next(iter(first))].click()
        wizard.next.click()
        field = wizard.steps[1].text
        window.activateWindow()
        field.setFocus()
        pump(300)
        result["focused"] = app.focusWidget() is field
        result["keyboard_shown"] = dock.isVisible()
        qml = dock.evaluate
        for ch in "nihao":
            qml(f"inputContext.inputEngine.virtualKeyClick(Qt.Key_{ch.upper()}, '{ch}', 0)")
            pump(30)
        result["preedit"] = qml("inputContext.preeditText")
        result["candidates"] = qml("inputContext.inputEngine.wordCandidateListModel.count")
        qml("inputContext.inputEngine.wordCandidateListModel.selectItem(0)")
        pump(200)
        result["text"] = field.toPlainText() if hasattr(field, "toPlainText") else field.text()
        window.go_home()  # a digits field (the keypad's) puts the keyboard away
        window.home.lookup.click()
        window.current().entry.field.setFocus()
        pump(300)
        result["digits_focused"] = app.focusWidget() is window.current().entry.field
        result["keyboard_after_digits"] = dock.isVisible()
    finally:
        window.shutdown()
        window.close()
        core.close()
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1]), ensure_ascii=False), flush=True)
