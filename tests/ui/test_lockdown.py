"""Lockdown: keys that would leave the kiosk are swallowed, and the window refuses to
close unless a technician's "exit kiosk" in staff mode authorised it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from staffkit import audit_rows, signed_in

from ui.lockdown import EXIT_BY_STAFF, Lockdown
from ui.screens.lookup import LookupScreen

K, M = Qt.Key, Qt.KeyboardModifier


@pytest.fixture
def locked(window: Any) -> Iterator[Lockdown]:
    lockdown = Lockdown(window)
    window.staff.lockdown = lockdown
    lockdown.engage(show=False)  # offscreen: the flags and filters, not a real fullscreen
    yield lockdown
    lockdown.release()


def _press(target: Any, key: Qt.Key, mods: Qt.KeyboardModifier = M.NoModifier) -> bool:
    event = QKeyEvent(QEvent.Type.KeyPress, key, mods)
    QApplication.sendEvent(target, event)
    return event.isAccepted()


class KeyRecorder(QObject):
    """Counts the key presses that reach the object it watches."""

    def __init__(self, target: QObject) -> None:
        super().__init__(target)
        self.keys: list[int] = []
        target.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.keys.append(event.key())  # type: ignore[attr-defined]
        return False


LEAVING_KEYS = [
    (K.Key_F4, M.AltModifier),
    (K.Key_Tab, M.AltModifier),
    (K.Key_Escape, M.NoModifier),
    (K.Key_Backspace, M.ControlModifier | M.AltModifier),
    (K.Key_Delete, M.ControlModifier | M.AltModifier),
    (K.Key_Super_L, M.NoModifier),
    (K.Key_Meta, M.MetaModifier),
    (K.Key_W, M.ControlModifier),
    (K.Key_Q, M.ControlModifier),
]


@pytest.mark.parametrize(("key", "mods"), LEAVING_KEYS)
def test_leaving_keys_are_swallowed(window: Any, locked: Lockdown, key: Any, mods: Any) -> None:
    window.push(LookupScreen(window.ctx))
    recorder = KeyRecorder(window)
    _press(window, key, mods)
    assert locked.swallowed == 1
    assert recorder.keys == []  # never reached the window
    assert isinstance(window.current(), LookupScreen)  # Escape did not go back either


def test_the_same_keys_reach_the_window_without_lockdown(window: Any) -> None:
    """The control: without the lockdown each of those keys does arrive."""
    recorder = KeyRecorder(window)
    for key, mods in LEAVING_KEYS:
        _press(window, key, mods)
    assert len(recorder.keys) == len(LEAVING_KEYS)


def test_ordinary_typing_still_works(window: Any, locked: Lockdown) -> None:
    edit = QLineEdit(window)
    edit.setFocus()
    QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, K.Key_A, M.NoModifier, "a"))
    assert edit.text() == "a" and locked.swallowed == 0


def test_window_flags_are_kiosk_flags(window: Any, locked: Lockdown) -> None:
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint


def test_close_is_refused_until_a_technician_exits(
    qtbot: Any, window: Any, core: Any, locked: Lockdown, monkeypatch: Any
) -> None:
    window.show()
    assert window.close() is False
    assert window.isVisible() and locked.refused_closes == 1
    codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: codes.append(code)))
    screen = signed_in(qtbot, window, core, role="clerk")
    assert not screen.exit_kiosk.isVisible()
    window.staff.exit_kiosk()  # a clerk cannot
    assert codes == [] and not locked.exit_authorised
    window.staff.end()


def test_technician_exit_kiosk_is_audited_and_authorised(
    qtbot: Any, window: Any, core: Any, locked: Lockdown, monkeypatch: Any
) -> None:
    codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: codes.append(code)))
    screen = signed_in(qtbot, window, core, role="technician")
    assert screen.exit_kiosk.isVisible()
    screen.exit_kiosk.click()
    assert codes == [EXIT_BY_STAFF]
    assert locked.exit_authorised
    assert len(audit_rows(core, "exit_kiosk")) == 1
    assert audit_rows(core, "logout") == []
    assert window.close() is True
