"""Receipt printing and its fallback, progress lookup, and rating."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from terminal.devices.state import DeviceStatus
from terminal.store.models import Submission
from terminal.submissions.lifecycle import OutboxState, set_central_status, transition
from tests.terminal.core.helpers import appeal, open_payload
from ui.screens.home import HomeScreen
from ui.screens.lookup import LookupScreen
from ui.screens.rating import RatingScreen
from ui.screens.receipt import ReceiptScreen


def _submit_via_ui(window: Any) -> ReceiptScreen:
    from test_ui_appeal_flow import _walk_to_review

    wizard = _walk_to_review(window)
    wizard.next.click()
    screen = window.current()
    assert isinstance(screen, ReceiptScreen)
    return screen


def _row(core: Any, receipt_no: str) -> Any:
    with core.store.reader.connect() as conn:
        return conn.execute(select(Submission).where(Submission.receipt_no == receipt_no)).one()


def test_printer_failure_shows_the_qr_large_and_keeps_the_row_unprinted(
    window: Any, core: Any
) -> None:
    window.ctx.devices.printer.set_fault(DeviceStatus.PAPER_OUT)
    screen = _submit_via_ui(window)
    assert screen.print_state == "failed"
    assert screen.print_status.property("role") == "banner"
    assert "photo" in screen.print_status.text()
    assert screen.large and screen.number_px() > 60  # test_receipt_fallback_size measures it
    assert _row(core, screen.receipt.receipt_no).print_state == "unprinted"
    spoken = " ".join(window.ctx.voice.spoken)
    assert "printer is not working" in spoken


def test_receipt_number_is_read_digit_by_digit_and_screen_times_out(
    window: Any, qtbot: Any
) -> None:
    screen = _submit_via_ui(window)
    qtbot.waitUntil(lambda: "Your receipt number is" in window.ctx.voice.last_text, timeout=2000)
    digits = screen.receipt.receipt_no.split("-")[0]
    assert " ".join(digits) in window.ctx.voice.last_text
    screen._left_s = 1  # the configured 60 s, shortened
    qtbot.waitUntil(lambda: isinstance(window.current(), HomeScreen), timeout=3000)


def _open_lookup(window: Any, typed: str, code: str = "") -> LookupScreen:
    """Type the number and, when given, the query code (the keypad moves to the code
    field by itself after a whole, valid number)."""
    window.home.lookup.click()
    screen = window.current()
    assert isinstance(screen, LookupScreen)
    for ch in typed:
        screen.entry.keypad.press(ch)
    for ch in code:
        screen.entry.keypad.press(ch)
    screen.lookup.click()
    return screen


def _code(core: Any, receipt_no: str) -> str:
    """The query code printed on the receipt."""
    from terminal.runtime import receipt_for

    return receipt_for(core, receipt_no, online=False).query_code


def test_lookup_of_a_queued_receipt(window: Any, core: Any) -> None:
    confirmed = core.confirm(appeal())
    number = confirmed.receipt_no
    screen = _open_lookup(window, number.replace("-", ""), _code(core, number))
    assert "waiting to be forwarded" in screen.result.text()


def test_lookup_shows_central_status_and_time(window: Any, core: Any) -> None:
    confirmed = core.confirm(appeal())

    def sync_and_status(conn: Any) -> None:
        now = "2026-11-27T02:00:00Z"
        transition(conn, [confirmed.submission_id], OutboxState.UPLOADING, now=now)
        transition(conn, [confirmed.submission_id], OutboxState.SYNCED, now=now, case_id="C1")
        set_central_status(
            conn,
            receipt_no=confirmed.receipt_no,
            status="in_progress",
            status_text_json=json.dumps({"zh_CN": "办理中", "en": "In progress"}),
            updated_at="2026-11-27T03:04:00Z",
        )

    core.store.writer.run(sync_and_status)
    screen = _open_lookup(window, confirmed.receipt_no, _code(core, confirmed.receipt_no))
    text = screen.result.text()
    assert "Status: In progress" in text and "Last updated: 2026-11-27 11:04" in text


def test_lookup_says_what_is_wrong_with_a_number(window: Any, core: Any) -> None:
    confirmed = core.confirm(appeal())
    good = confirmed.receipt_no.replace("-", "")
    wrong = good[:-1] + ("1" if good[-1] != "1" else "2")
    screen = _open_lookup(window, wrong)
    assert "last character does not match" in screen.result.text()
    assert screen.result.property("role") == "banner"
    screen.entry.keypad.press("clear")
    for ch in "0042":
        screen.entry.keypad.press(ch)
    screen.lookup.click()
    assert "15 characters" in screen.result.text()


def test_lookup_of_another_terminals_receipt_offline(window: Any) -> None:
    from datetime import date

    from terminal.receipts.number import ReceiptNumber

    other = ReceiptNumber.issue("0777", date(2026, 11, 27), 5).format()
    screen = _open_lookup(window, other, "123456")
    assert "not on this terminal" in screen.result.text()


def test_lookup_by_scanning_our_receipt_qr(window: Any, core: Any) -> None:
    from terminal.runtime import receipt_for

    confirmed = core.confirm(appeal())
    url = receipt_for(core, confirmed.receipt_no, online=False).qr_payload
    window.home.lookup.click()
    screen = window.current()
    screen.scanned(url)
    assert confirmed.receipt_no in screen.result.text()


def test_rating_has_no_preselection_and_asks_reasons_for_low_scores(
    window: Any, core: Any, data_dir: Any
) -> None:
    target = core.confirm(appeal()).receipt_no
    window.home.rating.click()
    screen = window.current()
    assert isinstance(screen, RatingScreen)
    for ch in target.replace("-", ""):
        screen.entry.keypad.press(ch)
    screen.next.click()
    assert not any(b.isChecked() for b in screen.score_buttons.values())
    assert not screen.reasons.isVisibleTo(screen)
    screen.next.click()
    assert "five answers" in screen.problem.text()
    screen.score_buttons[5].click()
    assert not screen.reasons.isVisibleTo(screen)
    screen.score_buttons[1].click()
    assert screen.reasons.isVisibleTo(screen)
    screen.reasons.buttons["slow"].click()
    screen.reasons.buttons["not_solved"].click()
    screen.next.click()
    receipt = window.current()
    assert isinstance(receipt, ReceiptScreen) and receipt.receipt.kind == "rating"
    assert not receipt.will_print
    row = _row(core, receipt.receipt.receipt_no)
    assert row.kind == "rating" and row.outbox_state == "pending"
    payload = open_payload(data_dir, row.sealed_enc, row.sealed_ct)
    assert payload["target_receipt_no"] == target and payload["score"] == 1
    assert payload["reasons"] == ["slow", "not_solved"] and payload["comment"] == ""


def test_rating_rejects_a_mistyped_receipt(window: Any) -> None:
    window.home.rating.click()
    screen = window.current()
    for ch in "12345":
        screen.entry.keypad.press(ch)
    screen.next.click()
    assert "15 characters" in screen.problem.text()
    assert screen.pages.currentWidget() is screen.entry_frame


def test_rating_shows_the_receipt_and_reasons_of_one_height(
    window: Any, core: Any, qtbot: Any
) -> None:
    target = core.confirm(appeal()).receipt_no
    window.home.rating.click()
    screen = window.current()
    for ch in target.replace("-", ""):
        screen.entry.keypad.press(ch)
    screen.next.click()
    assert target in screen.target_label.text() and screen.target_label.isVisible()
    screen.score_buttons[1].click()
    for size in ((1080, 1920), (1920, 1080), (1080, 1920)):  # the columns change twice
        window.resize(*size)
        portrait = size[1] > size[0]
        qtbot.waitUntil(lambda p=portrait: window.portrait == p)
        QApplication.processEvents()
        heights = {code: b.height() for code, b in screen.reasons.buttons.items()}
        assert max(heights.values()) - min(heights.values()) <= 2, heights
        bottom = screen.reasons.buttons["other"].geometry().bottom()
        assert bottom <= screen.reasons.viewport().height()  # every reason shows, unscrolled
