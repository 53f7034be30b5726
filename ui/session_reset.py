"""The end of a citizen's session: every per-citizen setting back to the branch default.

A session ends when the idle countdown runs out, when staff mode ends, and when the
citizen leaves a receipt (完成, Home, or the receipt's own countdown). Then the next
citizen meets the branch's defaults, never the last one's choices (issue #11 item 9):
large text (`ui.large_text`), language (`terminal.locale`), voice (`ui.voice`), every
scroll position at the top, the on-screen keyboard put away, and any question still
open (the large-text offer) closed. Leaving a half-filled form with Home is not an end:
the same citizen is still there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScroller

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.screens.base import Screen


def ends_session(screens: Sequence[Screen]) -> bool:
    """Going Home from these screens ends the session: a submission was made."""
    from ui.screens.receipt import ReceiptScreen

    return any(isinstance(screen, ReceiptScreen) for screen in screens)


def restore_defaults(window: MainWindow) -> None:
    """Back to the branch default (the window is on Home, the session's screens gone)."""
    ctx = window.ctx
    config = ctx.core.config
    focus = QApplication.focusWidget()
    if focus is not None and focus.window() is window:
        focus.clearFocus()
    QGuiApplication.inputMethod().hide()  # the keyboard dock follows the input method
    if ctx.languages.locale != config.terminal.locale:
        ctx.languages.set_locale(config.terminal.locale)
    window.top_bar.mute.setChecked(not config.ui.voice)
    if ctx.theme.elderly != config.ui.large_text:
        window.set_elderly(config.ui.large_text)  # large text turns the voice on too
    for area in window.findChildren(QAbstractScrollArea):
        QScroller.scroller(area.viewport()).stop()
        for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
            bar.setValue(bar.minimum())
    window.elderly_offer.reset()
