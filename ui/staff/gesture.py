"""The hidden way into staff mode: five taps in the window's top-right corner within 3 s.

An application-wide event filter looks at presses that land on the kiosk window;
presses in the corner are swallowed (a citizen sees nothing happen, and the
button underneath is not toggled five times). Nothing on screen marks the spot.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

CORNER_PX = 60
TAPS = 5
WINDOW_S = 3.0


class CornerTapGesture(QObject):
    """Emits ``triggered`` after ``taps`` presses in the top-right corner within ``window_s``."""

    triggered = Signal()

    def __init__(
        self,
        window: QWidget,
        *,
        taps: int = TAPS,
        window_s: float = WINDOW_S,
        corner_px: int = CORNER_PX,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window = window
        self.taps, self.window_s, self.corner_px = taps, window_s, corner_px
        self.clock = clock
        self._times: list[float] = []
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def in_corner(self, window_pos: QPoint) -> bool:
        return window_pos.x() >= self._window.width() - self.corner_px and window_pos.y() < (
            self.corner_px
        )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            return False
        if not (isinstance(obj, QWidget) and obj.window() is self._window):
            return False
        assert isinstance(event, QMouseEvent)
        pos = self._window.mapFromGlobal(event.globalPosition().toPoint())
        if not self.in_corner(pos):
            return False
        if kind == QEvent.Type.MouseButtonPress:
            self.tap()
        return True

    def tap(self) -> None:
        """One tap in the corner (also how tests drive the timing)."""
        now = self.clock()
        self._times = [t for t in self._times if now - t <= self.window_s] + [now]
        if len(self._times) >= self.taps:
            self._times.clear()
            self.triggered.emit()

    def close(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
