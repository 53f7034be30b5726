"""The large-text offer: an ID card read shows the citizen is 60 or older.

Screens that read a card say so with ``ctx.session.id_card_read`` (the holder's age,
nothing else). Unless large text is on already, or this citizen said no once, a calm
question asks whether to switch: one tap on "Yes, larger text" does it; "No, thank
you" keeps the screen as it is. Nothing ever switches without the citizen's tap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.widgets.overlay import Overlay

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ELDERLY_AGE = 60


class ElderlyOffer(QObject):
    """Asks at most once per session."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.asked = False
        self.overlay = Overlay(window)
        self.overlay.primary.clicked.connect(self._accepted)
        self.overlay.secondary.clicked.connect(self.overlay.hide)
        window.ctx.session.id_card_read.connect(self.card_read)

    def card_read(self, age: int) -> None:
        if age < ELDERLY_AGE or self.asked or self.window.ctx.theme.elderly:
            return
        self.asked = True
        self.overlay.open(
            self.tr("Larger text?"),
            self.tr(
                "Large text makes the words and buttons bigger and reads each screen aloud. "
                "You can switch it off at any time with “Large text” at the top."
            ),
            self.tr("Yes, larger text"),
            self.tr("No, thank you"),
        )
        self.window.ctx.voice.say(self.overlay.title.text())

    def _accepted(self) -> None:
        self.overlay.hide()
        self.window.set_elderly(True)

    def reset(self) -> None:
        """A new citizen: ask again when their card says so."""
        self.asked = False
        self.overlay.hide()
