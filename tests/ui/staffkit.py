"""Helpers for the staff-mode UI tests: accounts, the corner gesture, signing in."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from terminal.staff.directory import StaffDirectory
from ui.staff.outbox_screen import OutboxScreen
from ui.staff.sign_in import SignInScreen

PIN = "482916"
TECH_PIN = "730184"


def add_staff(core: Any, staff_id: str = "S001", role: str = "clerk", pin: str = PIN) -> None:
    StaffDirectory.for_core(core).add(staff_id, "王敏", role, pin, actor="technician:cli")


def audit_rows(core: Any, action: str) -> list[SimpleNamespace]:
    """The audit records of ``action`` (actor, result, detail as a dict), oldest first."""
    rows = StaffDirectory.for_core(core).audit.records()
    return [
        SimpleNamespace(actor=r.actor, result=r.result, detail=json.loads(r.detail))
        for r in rows
        if r.action == action
    ]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def corner_tap(
    qtbot: Any, window: Any, clock: FakeClock | None = None, step: float = 0.2, at: Any = None
) -> None:
    """A real press on whatever widget is at ``at`` (the window's top-right corner)."""
    pos = at or QPoint(window.width() - 10, 10)
    target: QWidget = window.childAt(pos) or window
    if clock is not None:
        clock.now += step
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, pos))


def sign_in(qtbot: Any, window: Any, staff_id: str = "S001", pin: str = PIN) -> Any:
    """Gesture, then type id and PIN on the keypad and press Sign in; the screen after."""
    if not isinstance(window.current(), SignInScreen):
        for _ in range(5):
            corner_tap(qtbot, window)
    screen = window.current()
    assert isinstance(screen, SignInScreen)
    type_and_submit(screen, staff_id, pin)
    return window.current()


def type_and_submit(screen: SignInScreen, staff_id: str, pin: str) -> None:
    screen.staff_id.set_text(staff_id)
    screen.pin.touched.emit(screen.pin)
    for digit in pin:
        screen.keypad.press(digit)
    assert screen.sign_in.isEnabled()
    screen.sign_in.click()


def signed_in(qtbot: Any, window: Any, core: Any, role: str = "clerk") -> OutboxScreen:
    add_staff(core, role=role)
    screen = sign_in(qtbot, window)
    assert isinstance(screen, OutboxScreen)
    return screen
