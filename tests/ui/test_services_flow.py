"""Service items, as a citizen uses them: theme → item guide → form → review →
receipt, and the appointment request for an item that needs a visit. The sealed
payloads are opened with the demo platform key and checked field by field."""

from __future__ import annotations

from typing import Any

from conftest import commit_text
from sqlalchemy import select

from terminal.checkdigits import gb11643_check_digit
from terminal.masking import mask_id_number
from terminal.store.models import Submission
from tests.terminal.core.helpers import open_payload
from ui.screens.receipt import ReceiptScreen
from ui.screens.services.application import ApplicationScreen
from ui.screens.services.appointment import AppointmentScreen
from ui.screens.services.item_detail import ItemDetailScreen
from ui.screens.services.review import ReviewPage
from ui.screens.services.theme import ThemeScreen

ID17 = "53010219900307123"
ID_NUMBER = ID17 + gb11643_check_digit(ID17)
MOBILE = "13812345678"


def open_item(window: Any, theme: str, item: str) -> ItemDetailScreen:
    window.home.theme_buttons[theme].click()
    screen = window.current()
    assert isinstance(screen, ThemeScreen)
    screen.items.cards[item].click()
    detail = window.current()
    assert isinstance(detail, ItemDetailScreen) and detail.item.code == item
    return detail


def type_keys(page: Any, key: str, text: str) -> None:
    """Touch the field, then type on the page's numeric keypad."""
    editor = page.editors[key]
    editor.touched.emit(editor)
    for ch in text:
        page.keypad.press(ch)


def start_certificate(window: Any) -> ApplicationScreen:
    detail = open_item(window, "social_insurance", "hrss.contribution_proof")
    assert detail.apply.isVisible() and not detail.appointment.isVisible()
    assert "Free" in detail.sections["fee"][1].text()
    detail.apply.click()
    app = window.current()
    assert isinstance(app, ApplicationScreen)
    return app


def fill_certificate(app: ApplicationScreen) -> None:
    app.page.editors["purpose"].choices.buttons["employment"].click()
    type_keys(app.page, "copies", "2")
    app.next.click()
    type_keys(app.page, "mobile", MOBILE)
    app.next.click()
    commit_text(app.page.editors["name"].edit, "张三")
    type_keys(app.page, "id_number", ID_NUMBER)
    app.next.click()


def sealed(core: Any, data_dir: Any, receipt_no: str) -> tuple[Any, dict[str, Any]]:
    with core.store.reader.connect() as conn:
        row = conn.execute(select(Submission).where(Submission.receipt_no == receipt_no)).one()
    return row, open_payload(data_dir, row.sealed_enc, row.sealed_ct)


def test_theme_tile_to_receipt_for_an_application(window: Any, core: Any, data_dir: Any) -> None:
    app = start_certificate(window)
    fill_certificate(app)
    assert isinstance(app.page, ReviewPage)
    assert app.page.values["mobile"] == "138****5678"
    assert app.page.values["id_number"] == mask_id_number(ID_NUMBER) != ID_NUMBER
    assert not app.next.isEnabled(), "Submit waits for consent"
    app.page.consent.click()
    app.next.click()
    receipt = window.current()
    assert isinstance(receipt, ReceiptScreen)
    row, payload = sealed(core, data_dir, receipt.receipt.receipt_no)
    assert row.kind == "application" and row.code == "hrss.contribution_proof"
    assert row.catalog_version == window.ctx.catalog.version
    assert payload["item_code"] == "hrss.contribution_proof"
    assert payload["form_version"] == window.ctx.catalog.catalog.form("certificate").version
    assert payload["fields"] == {"purpose": "employment", "copies": 2, "mobile": MOBILE}
    assert payload["applicant"] == {"name": "张三", "id_number": ID_NUMBER, "phone": MOBILE}
    assert "appointment" not in payload


def test_item_needing_a_visit_queues_an_appointment_request(
    window: Any, core: Any, data_dir: Any
) -> None:
    detail = open_item(window, "social_insurance", "hrss.employee_enrol")
    assert not detail.apply.isVisible() and detail.appointment.isVisible()
    detail.appointment.click()
    booking = window.current()
    assert isinstance(booking, AppointmentScreen)
    booking.next.click()
    assert booking.index == 0 and booking.problem.text(), "a day and slot are needed"
    assert len(booking.days) == 14 and all(d.weekday() < 5 for d in booking.days)
    day = booking.days[2]
    booking.day_list.buttons[day.isoformat()].click()
    booking.slot_list.buttons["pm"].click()
    booking.next.click()
    commit_text(booking.page.editors["name"].edit, "李四")
    type_keys(booking.page, "id_number", ID_NUMBER)
    type_keys(booking.page, "mobile", MOBILE)
    booking.next.click()
    assert booking.index == 2 and not booking.next.isEnabled()
    booking.consent.click()
    booking.next.click()
    receipt = window.current()
    assert isinstance(receipt, ReceiptScreen)
    row, payload = sealed(core, data_dir, receipt.receipt.receipt_no)
    assert row.kind == "application" and row.code == "hrss.employee_enrol"
    assert payload["appointment"] == {
        "date": day.isoformat(),
        "slot": "pm",
        "hall_code": core.config.terminal.branch_code,
    }
    assert payload["applicant"] == {"name": "李四", "id_number": ID_NUMBER, "phone": MOBILE}


def test_wrong_id_check_digit_blocks_next_with_a_plain_message(window: Any) -> None:
    app = start_certificate(window)
    app.page.editors["purpose"].choices.buttons["employment"].click()
    type_keys(app.page, "copies", "1")
    app.next.click()
    type_keys(app.page, "mobile", MOBILE)
    app.next.click()
    commit_text(app.page.editors["name"].edit, "张三")
    wrong = ID17 + ("0" if ID_NUMBER[-1] != "0" else "1")
    type_keys(app.page, "id_number", wrong)
    message = app.page.editors["id_number"].message.text()
    expected = app.applicant.problems("id_number")[0]
    assert expected.code == "id_number.check_digit" and message == expected.message.en
    app.next.click()
    assert app.index == 2, "Next must not leave the page"
    assert app.problem.text() == "Please correct what is marked in red first."


def test_relevance_shows_and_hides_a_field(window: Any) -> None:
    app = start_certificate(window)
    assert "purpose_other" not in app.page.editors
    app.page.editors["purpose"].choices.buttons["other"].click()
    assert "purpose_other" in app.page.editors and app.page.editors["purpose_other"].isVisible()
    app.page.editors["purpose"].choices.buttons["school"].click()
    assert "purpose_other" not in app.page.editors


def test_back_keeps_what_was_entered(window: Any) -> None:
    app = start_certificate(window)
    app.page.editors["purpose"].choices.buttons["travel"].click()
    type_keys(app.page, "copies", "3")
    app.next.click()
    type_keys(app.page, "mobile", MOBILE)
    window.back()  # the top bar's Back goes to the previous page, not out
    assert window.current() is app and app.index == 0
    assert app.page.editors["purpose"].choices.buttons["travel"].isChecked()
    assert app.page.editors["copies"].edit.text() == "3"
    app.next.click()
    assert app.page.editors["mobile"].edit.text() == MOBILE


def test_idle_timeout_clears_the_form(window: Any) -> None:
    app = start_certificate(window)
    app.page.editors["purpose"].choices.buttons["travel"].click()
    type_keys(app.page, "copies", "3")
    assert app.has_entries()
    window.end_session()
    assert window.current() is window.home
    assert app.session.raw_value("purpose") is None and app.session.raw_value("copies") is None
    assert not app.has_entries()


def test_photo_field_takes_a_picture_from_the_camera(window: Any) -> None:
    detail = open_item(window, "id_card", "police.id_card.reissue")
    detail.apply.click()
    app = window.current()
    app.page.editors["reason"].choices.buttons["expiry"].click()
    app.next.click()
    photo = app.page.editors["photo_receipt"]
    photo.take.click()
    refs = app.session.value("photo_receipt")
    assert len(refs) == 1 and refs[0].sha256 in app.photos and photo.strip.count == 1


def test_checklist_printer_failure_says_so_plainly(window: Any) -> None:
    from terminal.devices.state import DeviceStatus

    detail = open_item(window, "social_insurance", "hrss.employee_enrol")
    detail.print_list.click()
    assert "Printed" in detail.print_status.text()
    window.ctx.devices.printer.set_fault(DeviceStatus.PAPER_OUT)
    detail.print_list.click()
    assert "printer is not working" in detail.print_status.text()


def test_a_failed_save_keeps_the_request_and_says_why(
    window: Any, core: Any, monkeypatch: Any
) -> None:
    from terminal.submissions.errors import ConfirmError

    def full(_draft: Any) -> Any:
        raise ConfirmError("disk_full", "test")

    monkeypatch.setattr(core, "confirm", full)
    app = start_certificate(window)
    fill_certificate(app)
    app.page.consent.click()
    app.next.click()
    assert window.current() is app and "storage is full" in app.problem.text()
    assert app.next.isEnabled() and app.previous.isEnabled() and not app.submitting
    assert app.session.value("copies") == 2

    window.go_home()
    open_item(window, "social_insurance", "hrss.employee_enrol").appointment.click()
    booking = window.current()
    booking.day_list.buttons[booking.days[0].isoformat()].click()
    booking.slot_list.buttons["am"].click()
    booking.next.click()
    commit_text(booking.page.editors["name"].edit, "李四")
    type_keys(booking.page, "id_number", ID_NUMBER)
    type_keys(booking.page, "mobile", MOBILE)
    booking.next.click()
    booking.consent.click()
    window.ctx.voice.spoken.clear()  # the application's message was the same words
    booking.next.click()
    assert window.current() is booking and "storage is full" in booking.problem.text()
    assert booking.problem.text() in window.ctx.voice.spoken  # said, as on every screen
    assert booking.next.isEnabled() and booking.contact.value("name") == "李四"
