"""A calm full screen while the store cannot be used: the kiosk waits, it does not crash.

Shown by the composition root (mashangban/store_wait.py) when the store is
unreadable for a reason that is not damage (permissions, an I/O error, a missing
file): a citizen reads that the terminal is out of service and where to go; the
technician's reason is in the log and in `mashangban doctor`, never on this screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.widgets.labels import label

TITLE = "暂停服务 · Temporarily out of service"
BODY = (
    "本机正在等待维护，请到服务窗口办理。\n"
    "This terminal is waiting for maintenance; please go to a service counter."
)


class OutOfService(QWidget):
    """Two lines of text and nothing to touch."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("马上办")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(TITLE, "title")
        self.body = label(BODY, "muted")
        for widget in (self.title, self.body):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
