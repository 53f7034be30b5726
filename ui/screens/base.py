"""What every screen has: a title and instruction (shown and spoken), retranslation,
Back handling, portrait/landscape layout and a way to forget what was entered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ui.context import KioskContext


class Screen(QWidget):
    """Base of the citizen screens; the window owns the navigation stack."""

    #: The title or instruction changed (a wizard went to another step).
    guidance_changed = Signal()
    #: Screens the idle timeout does not end a session on (Home has none).
    idle_exempt = False

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.portrait = False

    def page_column(self) -> QVBoxLayout:
        """The screen's own column with the standard page margins and spacing."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        return layout

    def title(self) -> str:
        """Short title for the top bar."""
        return ""

    def spoken_heading(self) -> str:
        """What is read aloud first when the screen (or a step of it) opens."""
        return self.title()

    def instruction(self) -> str:
        """One or two sentences telling the citizen what to do here (spoken on open)."""
        return ""

    def retranslate(self) -> None:
        """Set every text again in the current language."""

    def handle_back(self) -> bool:
        """Go back inside this screen (a wizard's previous step); False to leave it."""
        return False

    def has_entries(self) -> bool:
        """Whether leaving would throw away something the citizen entered."""
        return False

    def set_portrait(self, portrait: bool) -> None:
        """Lay out for a 1080×1920 (True) or 1920×1080 (False) screen."""
        self.portrait = portrait

    def opened(self) -> None:
        """Called each time the screen comes to the front."""

    def discard(self) -> None:
        """Forget everything entered: the session is ending. Subclasses drop their data too."""
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        for text in self.findChildren(QPlainTextEdit):
            text.clear()
