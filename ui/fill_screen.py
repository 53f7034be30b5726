"""The kiosk window covers its whole screen and stays above anything else, with or
without a window manager.

`showFullScreen()` only asks a window manager (X11's _NET_WM_STATE_FULLSCREEN, or a
Wayland compositor's fullscreen state); on a bare X server, as a kiosk session
runs, nobody answers it and the window keeps its default size (1117×720 on a
1920×1080 screen was measured). So the window is also given its screen's geometry
itself, again whenever that screen changes size (a panel turned to portrait) or
the window moves to another screen, and re-checked every few seconds.
`WindowStaysOnTopHint` is likewise a request to a window manager; without one,
a window mapped later (a stray dialog) would cover the kiosk, so the window is
raised on the same timer (one cheap request to the display server). Under a
Wayland kiosk compositor (cage) the compositor places and sizes the window; the
geometry and the raise are then no-ops Qt ignores.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

CHECK_MS = 2000


class FillScreen(QObject):
    """Keeps ``window`` fullscreen over its screen while ``active``."""

    def __init__(self, window: QWidget, check_ms: int = CHECK_MS) -> None:
        super().__init__(window)
        self._window = window
        self._screen: QScreen | None = None
        self.active = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.keep)

    def start(self) -> None:
        """Show the window over its whole screen and keep it there."""
        self.active = True
        w = self._window
        w.showFullScreen()
        handle = w.windowHandle()
        if handle is not None:
            handle.screenChanged.connect(self._follow_screen)
            self._follow_screen(handle.screen())
        self.fill()
        self._timer.start()

    def stop(self) -> None:
        self.active = False
        self._timer.stop()

    def screen_geometry(self) -> tuple[int, int, int, int] | None:
        screen = self._screen or QGuiApplication.primaryScreen()
        if screen is None:
            return None
        box = screen.geometry()
        return (box.x(), box.y(), box.width(), box.height())

    def fill(self) -> None:
        """Give the window its screen's geometry (if it does not have it already)."""
        if not self.active:
            return
        wanted = self.screen_geometry()
        if wanted is None:
            return
        now = self._window.geometry()
        if (now.x(), now.y(), now.width(), now.height()) != wanted:
            log.info("kiosk window %s → screen %s", now, wanted)
            self._window.setGeometry(*wanted)

    def keep(self) -> None:
        """Still filling the screen, and on top (the timer's work)."""
        if not self.active:
            return
        if not self._window.isFullScreen() and self._window.isVisible():
            self._window.showFullScreen()
        self.fill()
        handle = self._window.windowHandle()
        if handle is not None and QGuiApplication.platformName() == "xcb":
            handle.raise_()

    def _follow_screen(self, screen: QScreen | None) -> None:
        if self._screen is not None:
            self._screen.geometryChanged.disconnect(self._screen_resized)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._screen_resized)
        self.fill()

    def _screen_resized(self, _geometry: object) -> None:
        self.fill()
