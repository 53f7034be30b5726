"""Scroll areas that follow a finger (QScroller), with wide scroll bars and no hover."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QWidget


def make_kinetic(area: QScrollArea) -> None:
    """Flick-to-scroll with a finger or a mouse press (touch panels send both)."""
    gesture = QScroller.grabGesture(
        area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
    )
    forget_gesture_type(gesture)


def forget_gesture_type(gesture: Qt.GestureType) -> None:
    """Drop PySide's cached enum class for a one-off gesture type.

    Every grab registers a new recognizer with a new type number; PySide turns each
    unknown number into a new enum class and caches it for ever (~2.7 KB). With
    about ten scroll areas per citizen session that was most of the RSS growth
    measured by bench/bench_ui_sessions.py. Qt itself unregisters the recognizer
    when the viewport is destroyed.
    """
    cache = getattr(Qt.GestureType, "_sbk_missing_", None)
    if isinstance(cache, dict):
        cache.pop(str(int(gesture)), None)


class KineticScrollArea(QScrollArea):
    """A vertical scroll area for lists on a touch screen."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        make_kinetic(self)
