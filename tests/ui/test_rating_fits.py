"""Item 7 of issue 11: all five rating answers are on screen, unscrolled, in every
layout (both orientations, normal and elderly, zh_CN and en), before and after a low
score opens the reasons; the "tap one of the five" problem then never lies."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from tests.terminal.core.helpers import appeal
from ui.screens.rating import RatingScreen

LAYOUTS = [
    (locale, size, elderly)
    for locale in ("zh_CN", "en")
    for size in ((1920, 1080), (1080, 1920))
    for elderly in (False, True)
]


def _shown_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` actually painted in the window: clipped by every scroll
    viewport and parent above it, in window coordinates."""
    region = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(window, region.topLeft()), region.size())


def _full_rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize(
    "layout", LAYOUTS, ids=lambda v: f"{v[0]}-{v[1][0]}x{v[1][1]}-{'elderly' if v[2] else 'normal'}"
)
def test_all_five_answers_are_in_sight(window: Any, core: Any, layout: Any) -> None:
    locale, size, elderly = layout
    window.ctx.languages.set_locale(locale)
    window.resize(*size)
    window.set_elderly(elderly)
    target = core.confirm(appeal()).receipt_no
    window.home.rating.click()
    screen = window.current()
    assert isinstance(screen, RatingScreen)
    for ch in target.replace("-", ""):
        screen.entry.keypad.press(ch)
    screen.next.click()
    for pick in (None, 1):  # as opened, then with a low score's reasons shown
        if pick is not None:
            screen.score_buttons[pick].click()
        for _ in range(3):
            QApplication.processEvents()
        window_rect = window.rect()
        for score, button in screen.score_buttons.items():
            full = _full_rect(button, window)
            assert _shown_rect(button, window) == full, (score, full)
            assert window_rect.contains(full), (score, full)
            assert full.height() >= 60
        # Nothing covers the answers: the primary button is below the last one.
        last = _full_rect(screen.score_buttons[1], window)
        assert _full_rect(screen.next, window).top() > last.bottom()
    # The pixels agree: the chosen lowest answer is painted, filled, inside the window.
    image = window.grab().toImage()
    last = _full_rect(screen.score_buttons[1], window)
    painted = image.pixelColor(last.right() - 20, last.center().y()).name()
    assert painted == window.ctx.theme.palette.primary
