"""A calm modal panel over the whole window (the idle question, "leave this?").

Not a QDialog: it lives inside the kiosk window, is sized with it, and a
touch anywhere outside the panel does nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStyle, QStyleOption, QVBoxLayout, QWidget

from ui.widgets.buttons import touch_button
from ui.widgets.labels import label


class Overlay(QWidget):
    """Title, message and up to two buttons, centred over the parent window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent  # the window this covers; kept typed (parentWidget() may be None)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        outer.addLayout(row)
        outer.addStretch(1)
        self.panel = QWidget()
        self.panel.setObjectName("Dialog")
        self.panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.panel.setMaximumWidth(900)
        row.addStretch(1)
        row.addWidget(self.panel, 4)
        row.addStretch(1)
        inner = QVBoxLayout(self.panel)
        inner.setContentsMargins(40, 40, 40, 40)
        inner.setSpacing(24)
        self.title = label("", "title")
        self.message = label("", "")
        self.countdown = label("", "number")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.title)
        inner.addWidget(self.message)
        inner.addWidget(self.countdown)
        buttons = QHBoxLayout()
        buttons.setSpacing(20)
        self.secondary: QPushButton = touch_button("", "secondary")
        self.primary: QPushButton = touch_button("", "primary")
        buttons.addWidget(self.secondary, 1)
        buttons.addWidget(self.primary, 2)
        inner.addLayout(buttons)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
        return False

    def open(self, title: str, message: str, primary: str, secondary: str = "") -> None:
        """Show with these texts (no secondary button when ``secondary`` is empty)."""
        self.title.setText(title)
        self.message.setText(message)
        self.primary.setText(primary)
        self.secondary.setText(secondary)
        self.secondary.setVisible(bool(secondary))
        self.countdown.hide()
        self.setGeometry(self._host.rect())
        self.raise_()
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOption()
        option.initFrom(self)
        painter = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
        painter.end()
