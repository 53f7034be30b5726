"""The context's changing part (`SessionState`, with signals), the offline sync link
used when a kiosk has no sync, and staff mode driven through what it is given."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from conftest import _close, _window
from staffkit import add_staff, audit_rows
from syncfake import FakeBridge, attached

from sync.protocol.schemas import ReceiptLookupRequest
from sync.status import SyncStatus
from terminal.receipts.number import ReceiptNumber
from ui.late_sync import LateSync
from ui.screens.base import Screen
from ui.screens.lookup import LookupScreen
from ui.session import SessionState
from ui.staff.mode import StaffMode
from ui.staff.outbox_screen import OutboxScreen
from ui.staff.status_screen import StatusScreen
from ui.sync_link import OfflineSync, SyncLink


def test_session_signals_each_change_once(qapp: Any) -> None:
    session = SessionState()
    online: list[bool] = []
    staff: list[str] = []
    session.online_changed.connect(online.append)
    session.staff_changed.connect(staff.append)
    assert (session.online, session.staff_id, session.assisted) == (False, None, False)
    session.online = False  # no change: no signal
    session.set_online(True)
    session.online = True
    session.online = False
    assert online == [True, False]
    session.staff_id = "S001"
    assert session.assisted and session.staff_id == "S001"
    session.staff_id = "S001"
    session.staff_id = None
    session.staff_id = None
    assert staff == ["S001", ""] and not session.assisted


def test_offline_sync_is_a_link_that_never_goes_online(qapp: Any) -> None:
    link: SyncLink = OfflineSync()  # mypy checks the protocol; the test the behaviour
    assert (link.available, link.online, link.last_sync_at, link.error) == (False, False, "", "")
    link.kick()  # nothing to send to: no error
    with pytest.raises(ConnectionError):
        link.lookup_receipt(
            ReceiptLookupRequest(receipt_no="0042-261127-0001-8", query_code="123456")
        )


def test_late_sync_reports_connecting_then_the_bridge_state(qapp: Any) -> None:
    late = LateSync()
    link: SyncLink = late  # the kiosk's link (mypy checks the protocol)
    assert (link.available, link.online, link.last_sync_at, link.error) == (True, None, "", "")
    late.attach(FakeBridge(SyncStatus(online=False, error="tls", version=2)))  # type: ignore[arg-type]
    assert (late.online, late.error) == (False, "tls")


def test_a_kiosk_without_sync_is_offline_and_says_so(qtbot: Any, window: Any) -> None:
    ctx = window.ctx
    assert isinstance(ctx.sync, OfflineSync)
    assert not ctx.session.online
    assert "Offline" in window.strip.network.text()  # not "Connecting…": nothing is coming
    other = ReceiptNumber.issue("0777", date(2026, 11, 27), 5).format()
    window.home.lookup.click()
    screen = window.current()
    assert isinstance(screen, LookupScreen)
    for ch in other.replace("-", "") + "123456":  # the number, then its query code
        screen.entry.keypad.press(ch)
    screen.lookup.click()  # central is not asked (it would raise)
    assert "not on this terminal" in screen.result.text()


def test_the_context_is_fixed(window: Any) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        window.ctx.sync = OfflineSync()


def test_online_lookup_asks_central_through_the_link(qtbot: Any, core: Any, devices: Any) -> None:
    bridge = FakeBridge()
    asked: list[ReceiptLookupRequest] = []

    def lookup(request: ReceiptLookupRequest) -> dict[str, Any]:
        asked.append(request)
        case = {"status": "accepted", "status_text": {"en": "Accepted", "zh_CN": "已受理"}}
        return {"outcome": "found", "case": case}

    bridge.lookup_receipt = lookup  # type: ignore[method-assign]
    window = _window(core, devices, synchronous=True, sync=attached(bridge))
    try:
        assert window.ctx.session.online  # the bridge's state, replayed at attach
        other = ReceiptNumber.issue("0777", date(2026, 11, 27), 5).format()
        window.home.lookup.click()
        screen = window.current()
        assert isinstance(screen, LookupScreen)
        for ch in other.replace("-", "") + "654321":
            screen.entry.keypad.press(ch)
        screen.lookup.click()
        assert asked == [ReceiptLookupRequest(receipt_no=other, query_code="654321")]
        assert "Accepted" in screen.result.text()
    finally:
        _close(window)


def test_the_status_screen_follows_the_session(qtbot: Any, core: Any, devices: Any) -> None:
    bridge = FakeBridge()
    window = _window(core, devices, synchronous=True, sync=attached(bridge))
    try:
        screen = StatusScreen(window.ctx, window.staff)
        window.push(screen)
        assert "Online" in screen.network.text()
        bridge.online_changed.emit(False)
        assert not window.ctx.session.online and "Offline" in screen.network.text()
    finally:
        _close(window)


class Host:
    """What staff mode acts on, recorded (the window in kiosk use)."""

    def __init__(self, home: Screen) -> None:
        self.stack = [home]
        self.ended = 0

    def current(self) -> Screen:
        return self.stack[-1]

    def push(self, screen: Screen) -> None:
        self.stack.append(screen)

    def replace(self, screen: Screen) -> None:
        if len(self.stack) > 1:  # Home stays, as in the window
            self.stack.pop().deleteLater()
        self.stack.append(screen)

    def go_home(self, *, discard: bool = True) -> None:
        for screen in self.stack[1:]:
            screen.deleteLater()  # as the window's navigator discards them
        del self.stack[1:]

    def back(self) -> None:
        self.stack.pop().deleteLater()

    def end_session(self) -> None:
        self.ended += 1
        self.go_home()


class Idle:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def suspend(self) -> None:
        self.calls.append("suspend")

    def resume(self) -> None:
        self.calls.append("resume")


def test_staff_mode_works_through_what_it_is_given(qtbot: Any, window: Any, core: Any) -> None:
    add_staff(core)
    host, idle = Host(window.home), Idle()
    staff = StaffMode(window.ctx, host, idle)
    try:
        staff.begin("S001", "clerk")
        assert idle.calls == ["suspend"] and window.ctx.session.staff_id == "S001"
        assert isinstance(host.current(), OutboxScreen)
        assert staff.idle_timer.isActive()
        staff.end("exit")
        assert idle.calls == ["suspend", "resume"] and host.ended == 1
        assert window.ctx.session.staff_id is None and not staff.idle_timer.isActive()
        assert [r.detail for r in audit_rows(core, "logout")] == [{"reason": "exit"}]
    finally:
        staff.close()
        host.go_home()
        staff.band.deleteLater()  # the window would own it; here nobody does
