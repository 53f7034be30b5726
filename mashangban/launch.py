"""Starting the kiosk: config → logging → store → devices → sync → window."""

from __future__ import annotations

import logging
import os
import sys

from terminal.config import Config
from terminal.runtime import start_core

log = logging.getLogger(__name__)


def launch(config: Config, *, windowed: bool) -> int:
    core = start_core(config)
    try:
        from PySide6.QtWidgets import QApplication

        from ui.main_window import MainWindow

        os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
        app = QApplication.instance() or QApplication(sys.argv)
        window = MainWindow(core)
        if windowed or not config.ui.fullscreen:
            window.resize(1280, 720)
            window.show()
        else:
            window.showFullScreen()
        log.info("window shown")
        return int(app.exec())
    finally:
        core.close()
