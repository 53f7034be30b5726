"""Staff screens: outbox (oldest first, ages, central's reason), reprint, send now,
devices and network, diagnostics with enrolment, and assisted submissions."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import select
from staffkit import audit_rows, signed_in
from syncfake import FakeBridge, attached

from sync.protocol.times import rfc3339
from terminal.devices.state import DeviceStatus
from terminal.store.models import Submission
from terminal.submissions.lifecycle import OutboxState, transition
from tests.terminal.core.helpers import appeal
from ui.staff.diagnostics import DiagnosticsScreen
from ui.staff.status_screen import StatusScreen


@pytest.fixture
def config(config: Any) -> Any:
    """The enrolment test types the plain http:// URL of a central on loopback, which
    only ``sync.allow_http_loopback = true`` accepts (production: https:// only)."""
    return dataclasses.replace(
        config, sync=dataclasses.replace(config.sync, allow_http_loopback=True)
    )


def _row(core: Any, receipt_no: str) -> Any:
    with core.store.reader.connect() as conn:
        return conn.execute(select(Submission).where(Submission.receipt_no == receipt_no)).one()


def _submit(core: Any, hours_ago: float, *, printed: bool = False) -> Any:
    confirmed = core.confirm(appeal())
    at = rfc3339(datetime.now(UTC) - timedelta(hours=hours_ago))
    state = "printed" if printed else "unprinted"
    core.store.writer.run(
        lambda c: c.execute(
            "UPDATE submissions SET created_at = ?, print_state = ? WHERE id = ?",
            (at, state, confirmed.submission_id),
        )
    )
    return confirmed


def _move(core: Any, confirmed: Any, target: OutboxState, **kw: Any) -> None:
    now = rfc3339(datetime.now(UTC))
    core.store.writer.run(lambda c: transition(c, [confirmed.submission_id], target, now=now, **kw))


def _texts(widget: Any) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_outbox_lists_waiting_refused_and_unprinted_oldest_first(
    qtbot: Any, window: Any, core: Any
) -> None:
    sent = _submit(core, 30, printed=True)
    _move(core, sent, OutboxState.UPLOADING)
    _move(core, sent, OutboxState.SYNCED, case_id="C-1")  # sent and printed: not listed
    refused = _submit(core, 3.2, printed=True)
    _move(core, refused, OutboxState.UPLOADING)
    _move(core, refused, OutboxState.REJECTED, error_code="bad_region", error_detail="unknown")
    waiting = _submit(core, 26, printed=True)
    unprinted = _submit(core, 0.5)
    screen = signed_in(qtbot, window, core)
    order = [r.receipt_no for r in screen.rows]
    assert order == [waiting.receipt_no, refused.receipt_no, unprinted.receipt_no]
    text = _texts(screen.list)
    assert sent.receipt_no not in text
    assert "1 d 2 h" in text and "3 h 12 min" in text and "30 min" in text
    assert "Central's reason: bad_region — unknown" in text
    assert "receipt not printed" in text
    assert set(screen.reprint_buttons) == {unprinted.receipt_no}
    assert "路灯" not in text and "幸福路" not in text  # nothing of the content
    assert screen.scroller.viewport() is not None


def test_reprint_prints_marks_printed_and_audits(qtbot: Any, window: Any, core: Any) -> None:
    confirmed = _submit(core, 1)
    screen = signed_in(qtbot, window, core)
    printer = window.ctx.devices.printer
    printer.set_fault(DeviceStatus.PAPER_OUT)
    screen.reprint_buttons[confirmed.receipt_no].click()
    assert _row(core, confirmed.receipt_no).print_state == "unprinted"
    assert "did not print" in screen.message.text()
    printer.clear()
    screen.reprint_buttons[confirmed.receipt_no].click()
    assert _row(core, confirmed.receipt_no).print_state == "printed"
    assert printer.paths_for(confirmed.receipt_no)[1].exists()
    reprints = audit_rows(core, "reprint")
    assert [(r.actor, r.result, r.detail) for r in reprints] == [
        ("S001", "failed", {"receipt_no": confirmed.receipt_no}),
        ("S001", "ok", {"receipt_no": confirmed.receipt_no}),
    ]
    assert confirmed.receipt_no not in screen.reprint_buttons  # the list was refreshed


def test_send_now_kicks_sync_and_is_audited(qtbot: Any, core: Any, devices: Any) -> None:
    from conftest import _close, _window

    bridge = FakeBridge()
    window = _window(core, devices, synchronous=True, sync=attached(bridge))
    try:
        screen = signed_in(qtbot, window, core)
        before = bridge.kicks
        screen.send_now.click()
        assert bridge.kicks == before + 1
        assert [(r.actor, r.result) for r in audit_rows(core, "force_sync")] == [("S001", "ok")]
        assert "Sending now" in screen.message.text()
    finally:
        window.staff.end()
        _close(window)


def test_send_now_without_sync_says_so_and_audits_failure(
    qtbot: Any, window: Any, core: Any
) -> None:
    screen = signed_in(qtbot, window, core)
    screen.send_now.click()
    assert [r.result for r in audit_rows(core, "force_sync")] == ["failed"]
    assert "not running" in screen.message.text()


def test_devices_and_network_in_plain_words(qtbot: Any, window: Any, core: Any) -> None:
    screen = signed_in(qtbot, window, core)
    window.ctx.devices.printer.set_fault(DeviceStatus.PAPER_OUT)
    screen.status.click()
    status = window.current()
    assert isinstance(status, StatusScreen)
    names = [c.name for c in status.devices.checks]
    assert "printer" in " ".join(names).lower()
    text = status.devices.texts()
    assert "Look at this" in text or "Not working" in text
    assert "→" in text  # advice for the printer
    assert "Sync is not running" in status.network.text()
    assert "Waiting to send: 0" in status.sync_line.text()
    assert "Load a new 80 mm paper roll" in text
    window.top_bar.language.click()  # the clerk reads it in Chinese
    chinese = status.devices.texts()
    assert "小票打印机" in chinese and "请装入新的 80 毫米纸卷" in chinese
    assert "paper_out" in chinese  # the driver's own words stay, for the technician


def test_diagnostics_shows_the_doctor_checks(qtbot: Any, window: Any, core: Any) -> None:
    screen = signed_in(qtbot, window, core)
    screen.diagnostics.click()
    diag = window.current()
    assert isinstance(diag, DiagnosticsScreen)
    names = {c.name for c in diag.checks.checks}
    assert {"disk", "store integrity", "staff", "audit trail"} <= names
    assert any("printer" in n.lower() for n in names)
    text = diag.checks.texts()
    assert "OK · disk" in text
    assert diag.verdict.text() in (
        "Healthy.",
        "Working, but look at the warnings below.",
        "Not healthy: see what to do below.",
    )


def test_enrolment_refusal_is_plain_and_audited(qtbot: Any, window: Any, core: Any) -> None:
    screen = signed_in(qtbot, window, core, role="technician")
    screen.diagnostics.click()
    diag = window.current()
    diag.server.set_text("http://192.0.2.1")  # plain http off loopback: refused
    diag.code.set_text("ABC123")
    assert diag.enrol.isEnabled()
    diag.enrol.click()
    assert diag.code.text() == ""
    assert "https://" in diag.enrol_result.text()
    rows = audit_rows(core, "enrolment")
    assert [(r.actor, r.result, r.detail) for r in rows] == [
        ("S001", "failed", {"outcome": "bad_url"})
    ]


def test_assisted_appeal_records_channel_and_staff_id(qtbot: Any, window: Any, core: Any) -> None:
    from test_ui_receipt_lookup_rating import _submit_via_ui

    signed_in(qtbot, window, core)
    window.go_home(discard=False)  # the clerk hands the screen to the citizen, staff mode on
    receipt = _submit_via_ui(window)
    row = _row(core, receipt.receipt.receipt_no)
    assert (row.channel, row.staff_id) == ("assisted", "S001")
    window.staff.end()
    second = _submit_via_ui(window)  # citizen alone: an ordinary kiosk submission
    row = _row(core, second.receipt.receipt_no)
    assert (row.channel, row.staff_id) == ("kiosk", None)


def test_enrolment_with_a_real_central_then_the_code_is_spent(
    qtbot: Any, window: Any, core: Any, tmp_path: Any
) -> None:
    from mashangban.embedded_central import EmbeddedCentral

    screen = signed_in(qtbot, window, core, role="technician")
    screen.diagnostics.click()
    diag = window.current()
    with EmbeddedCentral(tmp_path / "central", start_timeout_s=60) as central:
        code = central.enrollment_code()
        for _ in range(2):
            diag.server.set_text(central.url)
            diag.code.set_text(code)
            diag.enrol.click()
            if _ == 0:
                assert diag.outcome is not None and diag.outcome.ok, diag.outcome
                assert "Enrolled as terminal" in diag.enrol_result.text()
                assert core.identity is not None and not core.identity.demo
    assert "already used" in diag.enrol_result.text()
    rows = audit_rows(core, "enrolment")
    assert [(r.result, r.detail["outcome"]) for r in rows] == [
        ("ok", "enrolled"),
        ("failed", "code_used"),
    ]
    assert code not in str([r.detail for r in rows])  # the code is never audited


def test_an_assisted_rating_is_recorded_like_any_assisted_submission(
    qtbot: Any, window: Any, core: Any
) -> None:
    """Every submission goes through one confirm path, so ratings are stamped too."""
    from test_ui_receipt_lookup_rating import _row

    from tests.terminal.core.helpers import appeal

    target = core.confirm(appeal()).receipt_no
    signed_in(qtbot, window, core)
    window.go_home(discard=False)
    window.home.rating.click()
    screen = window.current()
    for ch in target.replace("-", ""):
        screen.entry.keypad.press(ch)
    screen.next.click()
    screen.score_buttons[5].click()
    screen.next.click()
    row = _row(core, window.current().receipt.receipt_no)
    assert (row.kind, row.channel, row.staff_id) == ("rating", "assisted", "S001")


def test_status_lists_submissions_held_back_for_damage(qtbot: Any, window: Any, core: Any) -> None:
    receipt = core.confirm(appeal()).receipt_no
    core.store.writer.run(
        lambda c: c.execute("UPDATE submissions SET integrity_error = 'payload-damaged'")
    )
    screen = signed_in(qtbot, window, core)
    screen.status.click()
    status = window.current()
    assert isinstance(status, StatusScreen)
    qtbot.waitUntil(lambda: receipt in status.store_line.text())
    assert "Held back, damaged (1)" in status.store_line.text()
    window.top_bar.language.click()
    assert "已损坏、暂不发送（1 件）" in status.store_line.text()
