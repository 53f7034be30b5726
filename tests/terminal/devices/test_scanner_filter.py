"""The Qt scan filter with real QKeyEvents whose timestamps the test controls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from terminal.devices.scanner import WedgeSettings
from ui.devices import ScanEventFilter

CODE = "0042-261127-0123-X"


class Keyboard:
    """Sends press/release pairs with a clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 10_000

    def key(
        self,
        target: QWidget,
        char: str,
        *,
        after_ms: int,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        key: Qt.Key | None = None,
        autorepeat: bool = False,
    ) -> None:
        self.now += after_ms
        code = key if key is not None else Qt.Key(ord(char.upper()))
        for kind, at in ((QEvent.Type.KeyPress, self.now), (QEvent.Type.KeyRelease, self.now + 1)):
            event = QKeyEvent(kind, code, modifiers, char, autorepeat)
            event.setTimestamp(at)
            QCoreApplication.sendEvent(target, event)

    def enter(self, target: QWidget, *, after_ms: int) -> None:
        self.key(target, "\r", after_ms=after_ms, key=Qt.Key.Key_Return)

    def type(self, target: QWidget, text: str, *, step_ms: int) -> None:
        for ch in text:
            self.key(target, ch, after_ms=step_ms)


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    window = QWidget()
    window.field = QLineEdit(window)  # type: ignore[attr-defined]
    QVBoxLayout(window).addWidget(window.field)  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    return window


@pytest.fixture
def scan_filter(window: QWidget) -> Iterator[ScanEventFilter]:
    scan_filter = ScanEventFilter(window, WedgeSettings(max_key_interval_ms=35, min_length=8))
    scan_filter.install()
    yield scan_filter
    scan_filter.uninstall()


def field(window: QWidget) -> QLineEdit:
    return window.field  # type: ignore[attr-defined,no-any-return]


def test_scan_is_taken_out_of_the_focused_field(
    qtbot: QtBot, window: QWidget, scan_filter: ScanEventFilter
) -> None:
    keys = Keyboard()
    with qtbot.waitSignal(scan_filter.scanned, timeout=1000) as blocker:
        keys.type(field(window), CODE, step_ms=4)
        keys.enter(field(window), after_ms=4)
    assert blocker.args == [CODE]
    assert field(window).text() == ""
    assert not scan_filter.holding  # nothing left that could leak in later


def test_person_typing_reaches_the_field(
    qtbot: QtBot, window: QWidget, scan_filter: ScanEventFilter
) -> None:
    keys = Keyboard()
    with qtbot.assertNotEmitted(scan_filter.scanned):
        keys.type(field(window), "hi", step_ms=150)
        assert field(window).text() == "h"  # "i" is held until the pause is over
        qtbot.waitUntil(lambda: field(window).text() == "hi", timeout=2000)


def test_enter_after_typing_passes_through(
    qtbot: QtBot, window: QWidget, scan_filter: ScanEventFilter
) -> None:
    keys = Keyboard()
    with (
        qtbot.assertNotEmitted(scan_filter.scanned),
        qtbot.waitSignal(field(window).returnPressed, timeout=1000),
    ):
        keys.type(field(window), "12345", step_ms=5)  # fast but too short for a scan
        keys.enter(field(window), after_ms=5)
    assert field(window).text() == "12345"


def test_capitals_with_shift_still_scan(
    qtbot: QtBot, window: QWidget, scan_filter: ScanEventFilter
) -> None:
    keys = Keyboard()
    shift = Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(scan_filter.scanned, timeout=1000) as blocker:
        for ch in "ABCD1234":
            keys.key(field(window), "", after_ms=2, key=Qt.Key.Key_Shift, modifiers=shift)
            keys.key(
                field(window),
                ch,
                after_ms=2,
                modifiers=shift if ch.isalpha() else Qt.KeyboardModifier.NoModifier,
            )
        keys.enter(field(window), after_ms=3)
    assert blocker.args == ["ABCD1234"]
    assert field(window).text() == ""


def test_control_keys_flush_typing_first(
    qtbot: QtBot, window: QWidget, scan_filter: ScanEventFilter
) -> None:
    keys = Keyboard()
    keys.type(field(window), "ab", step_ms=10)
    assert field(window).text() == ""  # both held: could be a scan
    keys.key(field(window), "\b", after_ms=100, key=Qt.Key.Key_Backspace)
    assert field(window).text() == "a"
    assert not scan_filter.holding


def test_typing_then_a_scan(qtbot: QtBot, window: QWidget, scan_filter: ScanEventFilter) -> None:
    keys = Keyboard()
    with qtbot.waitSignal(scan_filter.scanned, timeout=1000) as blocker:
        keys.type(field(window), "ab", step_ms=200)
        keys.key(field(window), "9", after_ms=500)  # the scan's first key ends "b"
        assert field(window).text() == "ab"
        keys.type(field(window), "8765432", step_ms=3)
        keys.enter(field(window), after_ms=3)
    assert blocker.args == ["98765432"]
    assert field(window).text() == "ab"


def test_other_windows_are_not_touched(
    qtbot: QtBot, window: QWidget, scan_filter: ScanEventFilter
) -> None:
    other = QLineEdit()
    qtbot.addWidget(other)
    keys = Keyboard()
    with qtbot.assertNotEmitted(scan_filter.scanned):
        keys.type(other, CODE, step_ms=3)
        keys.enter(other, after_ms=3)
    assert other.text() == CODE  # at once: nothing held
    assert not scan_filter.holding


def test_scan_without_a_focused_field_reaches_the_window(
    qtbot: QtBot, window: QWidget, scan_filter: ScanEventFilter
) -> None:
    keys = Keyboard()
    with qtbot.waitSignal(scan_filter.scanned, timeout=1000) as blocker:
        keys.type(window, "HELLO-WORLD", step_ms=2)
        keys.enter(window, after_ms=2)
    assert blocker.args == ["HELLO-WORLD"]


def test_autorepeat_is_a_person(
    qtbot: QtBot, window: QWidget, scan_filter: ScanEventFilter
) -> None:
    keys = Keyboard()
    keys.key(field(window), "z", after_ms=0)
    for _ in range(3):
        keys.key(field(window), "z", after_ms=30, autorepeat=True)
    assert field(window).text() == "zzzz"


def test_uninstall_hands_held_keys_on(qtbot: QtBot, window: QWidget) -> None:
    scan_filter = ScanEventFilter(window)
    scan_filter.install()
    keys = Keyboard()
    keys.type(field(window), "q", step_ms=0)
    assert field(window).text() == ""
    scan_filter.uninstall()
    assert field(window).text() == "q"
    keys.type(field(window), "r", step_ms=0)
    assert field(window).text() == "qr"  # no longer filtered


def test_synthetic_keys_without_timestamps_pass_straight_through(
    qtbot: QtBot, window: QWidget, scan_filter: ScanEventFilter
) -> None:
    # QTest (and the on-screen keyboard) send key events with timestamp 0.
    with (
        qtbot.assertNotEmitted(scan_filter.scanned),
        qtbot.waitSignal(field(window).returnPressed, timeout=1000),
    ):
        qtbot.keyClicks(field(window), "119901198503121230")
        assert field(window).text() == "119901198503121230"  # at once, nothing held
        qtbot.keyClick(field(window), Qt.Key.Key_Return)
    assert not scan_filter.holding
