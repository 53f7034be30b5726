"""The calm screen after "Call staff": staff are on the way, everything entered is kept,
and one big button back to exactly where the citizen was (ui/help_call.py)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from ui.context import KioskContext
from ui.screens.base import Screen
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label


class HelpScreen(Screen):
    """Pushed over the citizen's screen, which stays untouched underneath."""

    def __init__(self, ctx: KioskContext, called_at: datetime) -> None:
        super().__init__(ctx)
        self.setObjectName("Screen")
        self.called_at = called_at.astimezone()  # local time, as receipts show it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.setSpacing(30)
        self.heading = label("", "title")
        self.message = label("", "")
        self.when = label("", "muted")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.when.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        for widget in (self.heading, self.message, self.when):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.return_button = touch_button("", "primary", "back")
        self.return_button.setMinimumHeight(96)
        self.return_button.clicked.connect(lambda: ctx.nav.back())
        layout.addWidget(self.return_button)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Staff are on the way")

    def instruction(self) -> str:
        return self.tr("Please stay here. A member of staff has been called and will come to you.")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.message.setText(
            self.tr(
                "Please stay here. A member of staff has been called to this terminal and "
                "will come to help you. Everything you have entered is kept."
            )
        )
        self.when.setText(self.tr("Called at {time}").format(time=self.called_at.strftime("%H:%M")))
        self.return_button.setText(self.tr("Back to where I was"))
