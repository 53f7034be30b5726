"""呼叫工作人员: the help screen keeps the citizen's place, the call is audited in the
store and rides in the next heartbeat (time and screen only)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from conftest import commit_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from staffkit import add_staff, sign_in

from sync.heartbeat import HeartbeatSender
from terminal.audit.trail import AuditTrail
from ui.help_call import screen_name
from ui.screens.help import HelpScreen
from ui.screens.home import HomeScreen
from ui.theme import MIN_TARGET_PX

DESCRIPTION = "路灯坏了三天，晚上很黑"


def tap(window: Any, widget: Any) -> None:
    """A press and release at the widget's centre, sent to the window as a pointer would."""
    pos: QPoint = widget.mapTo(window, widget.rect().center())
    QTest.mouseClick(
        window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
    )


def audit_rows(core: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """The audit log as the store file holds it (actor, action, detail)."""
    conn = sqlite3.connect(core.paths.store_file)
    try:
        rows = conn.execute("SELECT actor, action, detail FROM audit_log ORDER BY seq").fetchall()
    finally:
        conn.close()
    return [(actor, action, json.loads(detail)) for actor, action, detail in rows]


def story_step(window: Any) -> Any:
    window.home.appeal.click()
    wizard = window.current()
    wizard.steps[0].choices.buttons["other"].click()
    wizard.next.click()
    commit_text(wizard.steps[1].text, DESCRIPTION)
    return wizard


def test_call_staff_keeps_the_place_and_is_audited(window: Any, core: Any, qtbot: Any) -> None:
    wizard = story_step(window)
    button = window.top_bar.help
    assert button.isVisible() and button.text() == "Call staff"
    assert button.width() >= MIN_TARGET_PX and button.height() >= MIN_TARGET_PX
    tap(window, button)
    help_screen = window.current()
    assert isinstance(help_screen, HelpScreen)
    assert window.screens[-2] is wizard and wizard.index == 1
    assert help_screen.heading.text() == "Staff are on the way"
    assert not button.isEnabled()  # one call at a time
    assert window.help_desk.chimes == 1
    assert not window.idle.enabled  # waiting for staff is not walking away

    assert audit_rows(core) == [("citizen", "help_call", {"screen": "appeal_wizard.story"})]
    beat = HeartbeatSender(None, core.store, "1.0", audit=AuditTrail.for_core(core)).build()  # type: ignore[arg-type]
    assert [(c.screen, c.seq) for c in beat.help_calls] == [("appeal_wizard.story", 1)]
    assert DESCRIPTION not in beat.model_dump_json()

    tap(window, help_screen.return_button)
    assert window.current() is wizard and wizard.index == 1
    assert wizard.steps[1].text.toPlainText() == DESCRIPTION  # exactly where they were
    assert window.idle.enabled and button.isEnabled()
    assert window.help_desk.waiting is None


def test_call_staff_from_home_and_a_clerk_answers(window: Any, core: Any, qtbot: Any) -> None:
    add_staff(core)
    tap(window, window.top_bar.help)
    assert isinstance(window.current(), HelpScreen)
    sign_in(qtbot, window)
    band = window.staff.band
    assert band.help_note.isVisible() and "home" in band.help_note.text()
    assert [a for _, a, _ in audit_rows(core)][-1] == "help_answered"
    window.staff.end("exit")
    assert window.screens == [window.home] and not band.help_note.isVisible()
    assert window.top_bar.help.isVisible()


def test_an_unanswered_call_ends_the_session_after_its_wait(window: Any, qtbot: Any) -> None:
    wizard = story_step(window)
    window.help_desk.wait_timer.setInterval(200)
    tap(window, window.top_bar.help)
    qtbot.waitUntil(lambda: isinstance(window.current(), HomeScreen), timeout=30_000)
    assert wizard.state.description == ""


def test_screen_names_say_where_never_what(window: Any) -> None:
    assert screen_name(window.home) == "home"
    wizard = story_step(window)
    assert screen_name(wizard) == "appeal_wizard.story"
