"""An event filter that takes keyboard-wedge scans out of the keystroke stream.

Install it for a window (or any widget) and connect ``scanned``: a scan's
keystrokes never reach the focused field, and a person's typing still does,
delayed by a fraction of a second while the filter waits to see whether the
keys keep coming at scanner speed. The decision is `WedgeClassifier`'s, by
the key events' own timestamps.

Key events that carry no timestamp were not made by a keyboard device (the
on-screen keyboard, QTest in UI tests): they pass straight through.

The filter sits on the application because key events go to the focused
child, not to the window; it only touches events for the watched widget and
its descendants in the same window.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from terminal.devices.scanner.wedge import Scanned, WedgeClassifier, WedgeResult, WedgeSettings

_MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
)
_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


@dataclass(frozen=True, eq=False)  # identity: two presses of "a" are two keys
class _HeldKey:
    """What is needed to replay a held key press to the widget it was meant for."""

    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScanEventFilter(QObject):
    """Emits ``scanned(code)`` for each wedge scan typed into ``watched``."""

    scanned = Signal(str)

    def __init__(
        self,
        watched: QWidget,
        settings: WedgeSettings | None = None,
        *,
        release_after_ms: int | None = None,
    ) -> None:
        super().__init__(watched)
        self._watched = watched
        self._classifier = WedgeClassifier(settings)
        interval = self._classifier.settings.max_key_interval_ms
        # Longer than the key interval: a busy GUI thread may deliver a
        # scanner's queued keys a little late.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(release_after_ms or max(3 * interval, 100))
        self._timer.timeout.connect(self._on_silence)
        self._swallowed_releases: dict[int, int] = {}
        self._replaying = False
        self._installed = False

    @property
    def holding(self) -> bool:
        """Whether keys are held back, waiting to see if a scan is under way."""
        return self._classifier.holding

    def install(self) -> None:
        """Start filtering; the filter removes itself when ``watched`` is destroyed."""
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        """Stop filtering; keys still held are handed on as typing."""
        self._hand_on(self._classifier.expire())
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not (isinstance(obj, QWidget) and self._watches(obj)):
            return False
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.KeyRelease:
            return self._swallow_release(event.key())
        return self._on_press(obj, event)

    def _watches(self, widget: QWidget) -> bool:
        return widget is self._watched or self._watched.isAncestorOf(widget)

    def _on_press(self, receiver: QWidget, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False  # Shift for capitals: neither a character nor a pause
        text = "\n" if key in _ENTER_KEYS else event.text()
        synthetic = event.timestamp() == 0  # virtual keyboard, QTest: not a device
        control = not text or (not text.isprintable() and text != "\n")
        if synthetic or event.isAutoRepeat() or control:
            # A held-down key or a control key (arrows, Backspace, Tab): a person.
            self._hand_on(self._classifier.expire())
            return False
        held = _HeldKey(receiver, key, event.modifiers(), event.text())
        results = self._classifier.feed(text, event.timestamp(), held)
        passes_now = any(held in r.items for r in results if not isinstance(r, Scanned))
        self._hand_on(results, skip=held)
        if passes_now:
            return False  # Enter after typing: let this very event through
        self._swallowed_releases[key] = self._swallowed_releases.get(key, 0) + 1
        if self._classifier.holding:
            self._timer.start()
        return True

    def _swallow_release(self, key: int) -> bool:
        count = self._swallowed_releases.get(key, 0)
        if not count:
            return False
        if count == 1:
            del self._swallowed_releases[key]
        else:
            self._swallowed_releases[key] = count - 1
        return True

    def _on_silence(self) -> None:
        self._hand_on(self._classifier.expire())

    def _hand_on(self, results: list[WedgeResult], skip: _HeldKey | None = None) -> None:
        for result in results:
            if isinstance(result, Scanned):
                self.scanned.emit(result.text)
                continue
            for item in result.items:
                if item is not skip and isinstance(item, _HeldKey):
                    self._replay(item)
        if not self._classifier.holding:
            self._timer.stop()

    def _replay(self, held: _HeldKey) -> None:
        if not shiboken6.isValid(held.receiver):
            return  # the field went away meanwhile (screen changed)
        self._replaying = True
        try:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, held.key, held.modifiers, held.text)
                QCoreApplication.sendEvent(held.receiver, event)
        finally:
            self._replaying = False
