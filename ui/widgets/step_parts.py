"""The parts every multi-step flow shares (appeal wizard, application, appointment):
a step counter beside the page title, a problem line above Previous / Next, with
Next the big primary button in the same place on every page, and Back going to the
previous step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton

from ui.widgets.buttons import touch_button
from ui.widgets.labels import label


class StepBack:
    """Previous and the top bar's Back within a multi-step screen (listed before
    Screen in the bases): one step back, never while saving. The screen keeps
    ``index`` and ``submitting`` and shows a step with ``go_to``."""

    index: int
    submitting: bool

    def go_to(self, index: int) -> None:
        raise NotImplementedError

    def go_previous(self) -> None:
        if self.index > 0:
            self.go_to(self.index - 1)

    def handle_back(self) -> bool:
        if self.index > 0 and not self.submitting:
            self.go_previous()
            return True
        return False


def step_heading(layout: QBoxLayout) -> tuple[QLabel, QLabel]:
    """Add "step n of m" and the page title; returns (step label, title)."""
    row = QHBoxLayout()
    step = label("", "step", wrap=False)
    title = label("", "heading")
    row.addWidget(step)
    row.addWidget(title, 1)
    layout.addLayout(row)
    return step, title


def step_footer(
    layout: QBoxLayout, on_previous: Callable[[], None], on_next: Callable[[], None]
) -> tuple[QLabel, QPushButton, QPushButton]:
    """Add the problem line and Previous / Next; returns (problem, previous, next)."""
    problem = label("", "error")
    layout.addWidget(problem)
    row = QHBoxLayout()
    row.setSpacing(24)
    previous = touch_button("", "secondary", "back")
    forward = touch_button("", "primary")
    row.addWidget(previous, 1)
    row.addWidget(forward, 2)
    layout.addLayout(row)
    previous.clicked.connect(on_previous)
    forward.clicked.connect(on_next)
    return problem, previous, forward
