"""Kiosk lockdown: fullscreen, frameless, on top; no key leaves the application.

Fullscreen and on top hold without a window manager too (ui/fill_screen.py).

An application-wide event filter swallows the keys a desktop would use to close
or leave the window (Alt+F4, Alt+Tab, Ctrl+Alt+Backspace/Delete where Qt sees
them, Escape, the Super/Meta key, Ctrl+W, Ctrl+Q). The window refuses to close
unless staff mode authorised it (a technician's "exit kiosk"); a stop asked of
the process (SIGTERM from systemd) ends the event loop without closing the window
(mashangban/launch.py), so it needs no authorisation and a citizen has no way to
send one. Keys the display
server or the kernel handle before Qt (a VT switch, SysRq) are out of reach
here: the session configuration has to disable those (docs/staff-mode.md).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from ui.fill_screen import FillScreen

log = logging.getLogger(__name__)

#: Exit status when a technician left the kiosk on purpose (systemd: RestartPreventExitStatus).
EXIT_BY_STAFF = 3

_K = Qt.Key
_ALT = Qt.KeyboardModifier.AltModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_META = Qt.KeyboardModifier.MetaModifier
_ALWAYS = frozenset({_K.Key_Escape, _K.Key_Meta, _K.Key_Super_L, _K.Key_Super_R, _K.Key_Menu})
_WITH_ALT = frozenset({_K.Key_F4, _K.Key_Tab, _K.Key_Backtab, _K.Key_Escape})
_WITH_CTRL = frozenset({_K.Key_W, _K.Key_Q, _K.Key_F4})
_WITH_CTRL_ALT = frozenset({_K.Key_Backspace, _K.Key_Delete})
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


def is_escape_key(event: QKeyEvent) -> bool:
    """Whether this key (with its modifiers) would leave or close the kiosk window."""
    key, mods = event.key(), event.modifiers()
    if key in _ALWAYS or mods & _META:
        return True
    if mods & _CTRL and mods & _ALT and key in _WITH_CTRL_ALT:
        return True
    if mods & _ALT and key in _WITH_ALT:
        return True
    return bool(mods & _CTRL and key in _WITH_CTRL)


class Lockdown(QObject):
    """Locks ``window`` down; ``authorise_exit`` (staff mode only) lets it close."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.exit_authorised = False
        self.swallowed = 0  # keys swallowed so far (tests, diagnostics)
        self.refused_closes = 0
        self._fullscreen = False
        self.filler = FillScreen(window)  # over the whole screen, with or without a WM

    def engage(self, *, show: bool = True) -> None:
        """Frameless, on top, fullscreen; filter keys and the window's close."""
        w = self._window
        was_visible = w.isVisible()  # changing window flags hides a window
        w.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        w.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        w.installEventFilter(self)
        self._fullscreen = show
        if show:
            self.filler.start()
        elif was_visible:
            w.show()
        log.info("kiosk lockdown engaged")

    def release(self) -> None:
        """Stop filtering (after an authorised exit, and at a test's end)."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._window.removeEventFilter(self)
        self.filler.stop()

    def authorise_exit(self) -> None:
        """Called by staff mode only, after a technician chose "exit kiosk" (audited there)."""
        self.exit_authorised = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _KEY_EVENTS and isinstance(event, QKeyEvent) and is_escape_key(event):
            if kind == QEvent.Type.KeyPress:
                self.swallowed += 1
            event.accept()
            return True
        if kind == QEvent.Type.Close and obj is self._window and not self.exit_authorised:
            self.refused_closes += 1
            log.warning("window close refused: only staff mode may leave the kiosk")
            event.ignore()
            return True
        # Minimised or un-maximised from outside: back to fullscreen.
        changed = kind == QEvent.Type.WindowStateChange and obj is self._window
        wanted = self._fullscreen and not self.exit_authorised
        if changed and wanted and not self._window.isFullScreen():
            self._window.showFullScreen()
            self.filler.fill()
        return False
