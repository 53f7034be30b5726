"""Work that waits until the Home screen has been painted once.

Start-up shows Home first; what a citizen cannot reach in the first second (the
search index, sync and the embedded central) starts after that first paint, so
it neither delays the paint nor competes with it for the interpreter.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 5000  # a window that is never painted (no display) still gets its work


class FirstPaint(QObject):
    """Runs callbacks on the GUI thread once ``widget`` has been painted (or, failing
    that, ``FALLBACK_MS`` after it was made)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._pending: list[tuple[Callable[[], object], int]] = []
        self.done = False
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._fire)

    def then(self, callback: Callable[[], object], delay_ms: int = 0) -> None:
        """Call ``callback`` ``delay_ms`` after the first paint (or that long from now,
        when it has already happened)."""
        if self.done:
            QTimer.singleShot(delay_ms, callback)
        else:
            self._pending.append((callback, delay_ms))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and watched is self._widget and event.type() == QEvent.Type.Paint:
            self._fire()
        return False

    def _fire(self) -> None:
        if self.done:
            return
        self.done = True
        self._widget.removeEventFilter(self)
        # Queued: the paint finishes and the frame is flushed first.
        for callback, delay_ms in self._pending:
            QTimer.singleShot(delay_ms, callback)
        self._pending.clear()
