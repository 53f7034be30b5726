"""A calm line under the top bar when the terminal itself is in trouble.

The operations layer raises ``trouble(kind)`` when work failed because of the
machine (the store locked or busy, the disk full, a read-only or failing disk;
terminal/store/trouble.py), not because of a bug. The citizen stays on the
screen they were on, and this line says in plain words what happened and what
to do. It goes away when the screen changes, or after a while.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QWidget

HIDE_AFTER_MS = 30_000


class TroubleBanner(QLabel):
    """Hidden until `show_trouble`; `clear` hides it (the screen changed)."""

    def __init__(
        self, say: Callable[[str], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TroubleBanner")
        self.setProperty("role", "notice")
        self.setWordWrap(True)
        self.kind = ""  # the Trouble value shown, "" when hidden
        self._say = say
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HIDE_AFTER_MS)
        self._timer.timeout.connect(self.clear)
        self.setVisible(False)

    def text_for(self, kind: str) -> str:
        """Plain words for each kind of trouble: what happened and what to do."""
        if kind == "busy":
            return self.tr(
                "The terminal is busy for a moment. Please wait a little and try again, "
                "or ask a member of staff."
            )
        if kind == "full":
            return self.tr(
                "The terminal's storage is full, so it cannot save right now. "
                "Please ask a member of staff."
            )
        return self.tr(
            "The terminal cannot save or read its records right now. Please ask a member of staff."
        )

    def show_trouble(self, kind: str) -> None:
        """Show (and say) the words for ``kind``; the screen underneath stays."""
        self.kind = kind
        self.setText(self.text_for(kind))
        self.setVisible(True)
        self._timer.start()
        if self._say is not None:
            self._say(self.text())

    def clear(self, *_args: object) -> None:
        self.kind = ""
        self._timer.stop()
        self.setVisible(False)

    def retranslate(self, *_args: object) -> None:
        """The words for what is shown, in the language now installed."""
        if self.kind:
            self.setText(self.text_for(self.kind))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
