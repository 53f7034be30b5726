"""The parts every multi-step flow shares (appeal wizard, application, appointment):
a step counter beside the page title, and a problem line above Previous / Next,
with Next the big primary button in the same place on every page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton

from ui.widgets.buttons import touch_button
from ui.widgets.labels import label


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
