"""A band on every screen while the terminal runs the embedded demo (not enrolled).

Before a real enrolment submissions go to the demo central on loopback and reach no
department (terminal/demo.py). Citizens must not be misled, so the band says so on
every screen, above the screen itself; it goes once the terminal is enrolled (the
diagnostics screen can enrol while the kiosk runs: the band is checked at every
change of screen).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget


class DemoBand(QLabel):
    """Visible while ``in_demo()`` is true; ``follow()`` asks again."""

    def __init__(self, in_demo: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoBand")
        self.setProperty("role", "notice")
        self.setWordWrap(True)
        self._in_demo = in_demo
        self.retranslate()
        self.follow()

    def retranslate(self) -> None:
        self.setText(self.tr("Demo mode — submissions are not forwarded"))

    def follow(self) -> None:
        self.setVisible(self._in_demo())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
