"""The band under the top bar while staff mode is on: who is signed in, and the way out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.widgets.buttons import touch_button
from ui.widgets.labels import label

# Deliberately in both languages whatever the screen language: staff and
# citizens alike must see at a glance that a clerk is signed in.
BAND_TEXT = "staff mode · 工作人员模式 · {staff_id}"


class StaffBand(QWidget):
    """A dark band (white on purple, contrast ≥ 7:1) with "Staff screens" and "Exit"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StaffBand")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#StaffBand { background: #4a1f73; }"
            "#StaffBand QLabel { color: #ffffff; font-size: 22px; font-weight: bold; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 6)
        self.text = label("", wrap=False)
        self.help_note = label("", wrap=False)  # a citizen's waiting call for staff
        self.help_note.hide()
        self.screens = touch_button("", "bar", "tile")
        self.exit = touch_button("", "bar", "home")
        for button in (self.screens, self.exit):
            button.setMinimumHeight(60)
        row.addWidget(self.text, 1)
        row.addWidget(self.help_note)
        row.addWidget(self.screens)
        row.addWidget(self.exit)
        self.retranslate()

    def show_session(self, staff_id: str) -> None:
        self.text.setText(BAND_TEXT.format(staff_id=staff_id))

    def show_help(self, text: str) -> None:
        """The waiting call for staff (ui/help_call.py); "" hides it."""
        self.help_note.setText(text)
        self.help_note.setVisible(bool(text))

    def retranslate(self) -> None:
        self.screens.setText(self.tr("Staff screens"))
        self.exit.setText(self.tr("Exit staff mode"))
