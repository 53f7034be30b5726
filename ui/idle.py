"""Idle timeout: after a period with no touch, ask "Still there?", then end the session.

An application-wide event filter restarts the timer on every press, touch or
key. When it runs out the window shows a countdown; a touch on "Continue"
keeps the session, the end of the countdown discards it (kiosk-ux.md).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``idle_ms`` without activity, ``tick(seconds_left)`` during
    the countdown and ``expired`` when ``countdown_ms`` more have passed."""

    idle = Signal()
    tick = Signal(int)
    expired = Signal()

    def __init__(self, idle_ms: int, countdown_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle_ms = idle_ms
        self.countdown_ms = countdown_ms
        self.enabled = True  # what counts: wanted by the screen and not suspended
        self.suspended = False
        self.held = False  # a citizen waits for staff (ui/help_call.py)
        self._wanted = True
        self.counting = False
        self._left_ms = 0
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._on_idle)
        self._tick_timer = QTimer(self)
        self._tick_timer.timeout.connect(self._on_tick)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_durations(self, idle_ms: int, countdown_ms: int) -> None:
        """Change the durations (tests use milliseconds) and start over."""
        self.idle_ms, self.countdown_ms = idle_ms, countdown_ms
        self.restart()

    def set_enabled(self, enabled: bool) -> None:
        """Off on screens with nothing to lose (Home); on during a session."""
        self._wanted = enabled
        self._apply()

    def suspend(self) -> None:
        """Off whatever the screens want, until `resume` (staff mode has its own timeout)."""
        self.suspended = True
        self._apply()

    def resume(self) -> None:
        """Back to what the screens want."""
        self.suspended = False
        self._apply()

    def hold(self, held: bool) -> None:
        """Off while a citizen waits for the staff they called (the help screen has its
        own, longer, limit); independent of staff mode's `suspend`."""
        self.held = held
        self._apply()

    def _apply(self) -> None:
        self.enabled = self._wanted and not self.suspended and not self.held
        self.restart() if self.enabled else self.stop()

    def restart(self) -> None:
        """Activity: start counting from zero again (also ends a countdown)."""
        self._tick_timer.stop()
        self.counting = False
        if self.enabled:
            self._idle_timer.start(self.idle_ms)

    def stop(self) -> None:
        self._idle_timer.stop()
        self._tick_timer.stop()
        self.counting = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # During the countdown only the overlay's buttons decide; elsewhere any touch counts.
        if event.type() in _ACTIVITY and self.enabled and not self.counting:
            self._idle_timer.start(self.idle_ms)
        return False

    def _on_idle(self) -> None:
        self.counting = True
        self._left_ms = self.countdown_ms
        self.idle.emit()
        self.tick.emit(self.seconds_left)
        self._tick_timer.start(min(1000, max(1, self.countdown_ms)))

    @property
    def seconds_left(self) -> int:
        return max(0, -(-self._left_ms // 1000))

    def _on_tick(self) -> None:
        self._left_ms -= self._tick_timer.interval()
        if self._left_ms <= 0:
            self.stop()
            self.expired.emit()
        else:
            self.tick.emit(self.seconds_left)

    def close(self) -> None:
        self.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
