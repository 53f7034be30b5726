"""The calm screen after something unexpected: nothing the citizen handed in is
lost, staff can help, and the terminal carries on."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from ui.context import KioskContext
from ui.screens.base import Screen
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label


class CrashScreen(Screen):
    """ "Sorry, something went wrong" with Call staff, Go back, Home."""

    def __init__(self, ctx: KioskContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.setSpacing(30)
        self.heading = label("", "title")
        self.message = label("", "")
        self.staff_note = label("", "notice")
        self.staff_note.hide()
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.staff_note)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.back_button = touch_button("", "secondary", "back")
        self.call_staff = touch_button("", "primary")
        row.addWidget(self.back_button)  # as wide as its words; the primary takes the rest
        row.addWidget(self.call_staff, 1)
        layout.addLayout(row)
        self.back_button.clicked.connect(lambda: ctx.nav.back())
        self.call_staff.clicked.connect(self._call_staff)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Sorry, something went wrong")

    def instruction(self) -> str:
        return self.tr(
            "Nothing you have already submitted is lost. Please ask a member of staff for help."
        )

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.message.setText(
            self.tr(
                "The terminal ran into a problem it did not expect. Anything you have already "
                "submitted is saved and will be sent. You can go back and try again, or ask a "
                "member of staff for help."
            )
        )
        self.back_button.setText(self.tr("Go back and try again"))
        self.call_staff.setText(self.tr("Call staff"))
        self.staff_note.setText(
            self.tr("Please wave to a member of staff or go to the service counter.")
        )

    def _call_staff(self) -> None:
        self.staff_note.show()
        self.ctx.voice.say(self.staff_note.text())
