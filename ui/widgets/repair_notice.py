"""A calm line on Home for staff after the store was repaired at this start.

When the core finds the store damaged it moves the file aside and starts with a new
one (terminal/store/startup.py, event "damaged_moved_aside"). Citizens can go on
using the terminal; staff should know, so that a technician looks at the damaged
copy. The wording does not alarm and holds no detail (that is in the log).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

DAMAGED = "damaged_moved_aside"


class RepairNotice(QLabel):
    """Visible on Home only, and only when this start repaired the store."""

    def __init__(self, store_events: Iterable[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RepairNotice")
        self.setProperty("role", "notice")
        self.setWordWrap(True)
        self.needed = any(getattr(e, "kind", "") == DAMAGED for e in store_events)
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(
            self.tr(
                "Data on this terminal was repaired automatically. "
                "Please let a member of staff know."
            )
        )

    def follow(self, on_home: bool) -> None:
        self.setVisible(self.needed and on_home)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
