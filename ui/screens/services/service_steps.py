"""What the service screens with steps share (application, appointment): their
frame and submitting the finished draft.

A mixin like ``StepBack`` (listed first, before StepBack and Screen: its ``go_to``
replaces StepBack's stub, and its ``set_portrait`` extends Screen's). While
the store lane confirms the draft the buttons are off; then the receipt (after
``discard``), or the problem shown and spoken, with everything entered kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtWidgets import QVBoxLayout, QWidget

from terminal.submissions.draft import Draft
from ui.screens.submitting import submit_in_background
from ui.widgets.step_parts import step_footer, step_heading


class ServiceSteps:
    """The frame, moving between steps, problems and ``submit_draft`` for a step screen
    that draws its current step with ``_show``."""

    # The screen's own (declared only: a stub here would shadow Screen.discard).
    ctx: Any
    _update_buttons: Callable[[], None]
    discard: Callable[[], None]
    go_previous: Callable[[], None]
    go_next: Callable[[], None]
    _show: Callable[[], None]
    index: int

    def build_frame(self) -> None:
        """The step heading, an empty page holder and the footer (problem line,
        Previous, Next); at the first step, nothing agreed to or being saved."""
        self.consented = False
        self.submitting = False
        self.index = 0
        outer = QVBoxLayout(cast(QWidget, self))  # self is the Screen this is mixed into
        outer.setContentsMargins(40, 16, 40, 20)
        outer.setSpacing(12)
        self.step_label, self.page_title = step_heading(outer)
        self.holder = QVBoxLayout()
        outer.addLayout(self.holder, 1)
        self.page: Any = None
        self.problem, self.previous, self.next = step_footer(outer, self.go_previous, self.go_next)

    def go_to(self, index: int) -> None:
        self.index = index
        self._show()

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)  # type: ignore[misc]  # Screen's, after this in the bases
        self._show()

    def tell(self, message: str) -> None:
        """Show a problem under the step and say it."""
        self.problem.setText(message)
        self.ctx.voice.say(message)

    def submit_draft(self, draft: Draft, what: str) -> None:
        """Confirm ``draft`` in the background; ``what`` names it in a problem."""
        self.submitting = True
        self._update_buttons()
        owner = cast(QWidget, self)
        submit_in_background(
            self.ctx, draft, what, owner=owner, before_receipt=self.discard, failed=self._failed
        )

    def _failed(self, message: str | None) -> None:
        self.submitting = False
        self._update_buttons()
        if message:
            self.tell(message)
