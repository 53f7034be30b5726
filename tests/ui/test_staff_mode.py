"""Staff mode: the hidden gesture, PIN sign-in and lockout, the band, its own idle timeout."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint
from staffkit import PIN, FakeClock, add_staff, audit_rows, corner_tap, sign_in, type_and_submit

from terminal.staff.directory import StaffDirectory
from ui.screens.appeal.wizard import AppealWizard
from ui.screens.home import HomeScreen
from ui.staff.outbox_screen import OutboxScreen
from ui.staff.sign_in import SignInScreen


def test_five_corner_taps_open_the_pin_screen_and_touch_nothing_underneath(
    qtbot: Any, window: Any
) -> None:
    muted = window.top_bar.mute.isChecked()
    clock = FakeClock()
    window.gesture.clock = clock
    for _ in range(5):
        corner_tap(qtbot, window, clock)
    assert isinstance(window.current(), SignInScreen)
    assert window.top_bar.mute.isChecked() == muted  # the button in the corner was not pressed
    assert not window.staff.band.isVisible()


def test_four_taps_or_slow_taps_do_not_open_it(qtbot: Any, window: Any) -> None:
    clock = FakeClock()
    window.gesture.clock = clock
    for _ in range(4):
        corner_tap(qtbot, window, clock)
    assert isinstance(window.current(), HomeScreen)
    clock.now += 5  # the four taps are forgotten
    for _ in range(5):
        corner_tap(qtbot, window, clock, step=0.9)  # 5 taps over 4.5 s: never 5 within 3 s
    assert isinstance(window.current(), HomeScreen)


def test_taps_elsewhere_do_not_count(qtbot: Any, window: Any) -> None:
    for at in (QPoint(10, 10), QPoint(window.width() - 10, window.height() - 10)):
        for _ in range(5):
            corner_tap(qtbot, window, at=at)
    assert isinstance(window.current(), HomeScreen)


def test_good_pin_shows_band_and_outbox_and_is_audited(qtbot: Any, window: Any, core: Any) -> None:
    add_staff(core)
    screen = sign_in(qtbot, window)
    assert isinstance(screen, OutboxScreen)
    assert window.staff.band.isVisible()
    assert window.staff.band.text.text() == "staff mode · 工作人员模式 · S001"
    assert window.ctx.session.staff_id == "S001"
    assert [r.actor for r in audit_rows(core, "login")] == ["S001"]
    assert window.staff.band.exit.height() >= 60


def test_wrong_pins_show_tries_left_then_lock(qtbot: Any, window: Any, core: Any) -> None:
    add_staff(core)
    screen = sign_in(qtbot, window, pin="000111")
    assert isinstance(screen, SignInScreen)
    assert "Wrong PIN" in screen.message.text() and "4" in screen.message.text()
    assert screen.pin.edit.text() == ""  # never left on screen
    for _ in range(4):
        type_and_submit(screen, "S001", "000111")
    assert "locked until" in screen.message.text()
    until = StaffDirectory.for_core(core).get("S001").locked_until
    assert until is not None
    # even the right PIN is refused while locked, with the same words
    type_and_submit(screen, "S001", PIN)
    assert isinstance(window.current(), SignInScreen)
    assert "locked until" in screen.message.text()
    assert not window.staff.active


def test_unknown_and_disabled_ids_get_the_same_message(qtbot: Any, window: Any, core: Any) -> None:
    add_staff(core, "S002")
    StaffDirectory.for_core(core).disable("S002", actor="technician:cli")
    screen = sign_in(qtbot, window, "S999", PIN)
    unknown = screen.message.text()
    type_and_submit(screen, "S002", PIN)
    assert screen.message.text() == unknown
    assert "cannot sign in" in unknown


def test_staff_idle_timeout_returns_home_and_audits_logout(
    qtbot: Any, window: Any, core: Any
) -> None:
    add_staff(core)
    sign_in(qtbot, window)
    window.go_home(discard=False)
    window.home.appeal.click()  # a clerk helps a citizen: citizen idle does not apply
    assert isinstance(window.current(), AppealWizard)
    assert not window.idle.enabled
    window.staff.idle_timer.setInterval(50)
    window.staff.idle_timer.start()
    qtbot.waitUntil(lambda: not window.staff.active, timeout=2000)
    assert isinstance(window.current(), HomeScreen)
    assert not window.staff.band.isVisible()
    assert window.ctx.session.staff_id is None
    logouts = audit_rows(core, "logout")
    assert [(r.actor, r.detail) for r in logouts] == [("S001", {"reason": "idle"})]
    window.home.appeal.click()
    assert window.idle.enabled  # citizen mode again


def test_exit_button_ends_staff_mode(qtbot: Any, window: Any, core: Any) -> None:
    add_staff(core)
    sign_in(qtbot, window)
    window.staff.band.exit.click()
    assert isinstance(window.current(), HomeScreen)
    assert [r.detail for r in audit_rows(core, "logout")] == [{"reason": "exit"}]
    for _ in range(5):
        corner_tap(qtbot, window)
    assert isinstance(window.current(), SignInScreen)  # a PIN is needed again


def test_shutdown_stops_the_staff_timeout(qtbot: Any, window: Any, core: Any) -> None:
    """A window shut down (at exit) while staff are signed in: their idle timer must not
    fire later and write to a store that is closed by then."""
    add_staff(core)
    sign_in(qtbot, window)
    assert window.staff.idle_timer.isActive()
    window.shutdown()
    assert not window.staff.idle_timer.isActive()
