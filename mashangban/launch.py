"""Starting the kiosk: config → logging → store → devices → sync → window."""

from __future__ import annotations

import logging
import os
import signal
import sys
from contextlib import ExitStack

from PySide6.QtCore import QCoreApplication, QTimer

from terminal.config import Config
from terminal.runtime import start_core

log = logging.getLogger(__name__)


def quit_on_signals(app: QCoreApplication) -> None:
    """SIGTERM (systemd, a technician) and SIGINT end the event loop cleanly, so sync
    stops, the embedded central is shut down and the store is closed in order.

    Python runs signal handlers only between bytecodes; a short timer gives it that
    chance while Qt's loop waits.
    """

    def request_quit(signum: int, _frame: object) -> None:
        log.info("signal %d: shutting down", signum)
        app.quit()

    signal.signal(signal.SIGTERM, request_quit)
    signal.signal(signal.SIGINT, request_quit)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def launch(config: Config, *, windowed: bool) -> int:
    core = start_core(config)  # config → logging → store
    devices = None
    try:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from mashangban.embedded_central import central_for
        from sync.qt_bridge import SyncBridge
        from sync.worker import running_worker
        from ui.kiosk import build_kiosk
        from ui.peripherals import open_peripherals

        # Both before the QApplication exists (platform-notes.md: embedded keyboard).
        os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
        os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
        app = QApplication.instance() or QApplication(sys.argv)
        devices = open_peripherals(config)  # devices
        log.info("devices opened")
        stack = ExitStack()  # closes sync (and the embedded central) before the core
        server_url = stack.enter_context(central_for(core))
        worker = stack.enter_context(running_worker(core, server_url, devices=devices.states))
        sync_bridge = SyncBridge(worker)  # sync
        stack.callback(sync_bridge.detach)
        window = build_kiosk(core, devices, sync=sync_bridge)  # window
        window.crash_guard.install()
        if windowed or not config.ui.fullscreen:
            window.resize(1280, 720)
            window.show()
        else:
            window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            window.showFullScreen()
        log.info("window shown")
        quit_on_signals(app)
        try:
            return int(app.exec())
        finally:
            window.shutdown()
            stack.close()
    finally:
        if devices is not None:
            devices.close()
        core.close()
