"""A minimal kiosk window until the citizen screens land (the UI issue)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from terminal.runtime import TerminalCore
from terminal.submissions.queue import queue_stats


class MainWindow(QMainWindow):
    def __init__(self, core: TerminalCore) -> None:
        super().__init__()
        self.setWindowTitle("马上办")
        body = QWidget()
        layout = QVBoxLayout(body)
        title = QLabel(self.tr("马上办 · 自助服务终端"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 48px; font-weight: bold; color: #0b3d91;")
        stats = queue_stats(core.store)
        status = QLabel(
            self.tr("终端 {code} 已就绪 · 待上传 {pending} 件").format(
                code=core.terminal_code, pending=stats.by_state.get("pending", 0)
            )
        )
        status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        status.setStyleSheet("font-size: 24px; color: #1a1a1a;")
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(status)
        layout.addStretch(1)
        self.setCentralWidget(body)
