"""One step of the appeal wizard: a page that reads and writes the shared state."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ui.context import KioskContext
from ui.screens.appeal.state import AppealState


class Step(QWidget):
    """A wizard page. ``problem()`` says, in plain words, what stops Next."""

    #: Something changed that may enable or disable Next.
    changed = Signal()

    def __init__(self, ctx: KioskContext, state: AppealState) -> None:
        super().__init__()
        self.ctx = ctx
        self.state = state
        self.setObjectName("Page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.portrait = False

    def title(self) -> str:
        return ""

    def instruction(self) -> str:
        return ""

    def retranslate(self) -> None:
        """Set this page's texts again."""

    def load(self) -> None:
        """Show what the state holds (on entering the step)."""

    def save(self) -> None:
        """Write what is shown into the state (on leaving the step, either way)."""

    def left(self) -> None:
        """The citizen moved on to another step (after `save`): take off the screen
        what must not stay there unmasked (`load` shows it again on return)."""

    def problem(self) -> str | None:
        """Why the citizen cannot go on yet, or None."""
        return None

    def set_portrait(self, portrait: bool) -> None:
        self.portrait = portrait
