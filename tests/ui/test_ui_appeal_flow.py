"""The whole appeal, as a citizen does it: Home → six steps → receipt, with a
sealed, confirmed row in the store and the receipt printed."""

from __future__ import annotations

from typing import Any

from conftest import commit_text
from sqlalchemy import select

from terminal.checkdigits import gb11643_check_digit
from terminal.store.models import Submission
from tests.terminal.core.helpers import open_payload
from ui.screens.appeal.wizard import AppealWizard
from ui.screens.receipt import ReceiptScreen

ID17 = "53010219900307123"
ID_NUMBER = ID17 + gb11643_check_digit(ID17)


def _walk_to_review(window: Any) -> AppealWizard:
    window.home.appeal.click()
    wizard = window.current()
    assert isinstance(wizard, AppealWizard)
    assert wizard.counter.text() == "Step 1 of 6"
    # 1 category: drill into 城市管理 and take 道路设施
    wizard.next.click()
    assert wizard.problem.text(), "Next without a topic must say what is missing"
    category = wizard.steps[0]
    category.choices.buttons["urban"].click()
    category.choices.buttons["urban.road"].click()
    wizard.next.click()
    # 2 story: Chinese text through the input method, and a photo
    story = wizard.steps[1]
    assert wizard.index == 1
    commit_text(story.text, "路灯坏了一个星期")
    story.photo.click()
    assert len(wizard.state.photos) == 1
    wizard.next.click()
    # 3 place: five levels down, and an address
    place = wizard.steps[2]
    for code in ("530000", "530100", "530102", "530102001", "530102001001"):
        place.picker.choices.buttons[code].click()
    assert place.picker.complete
    commit_text(place.address.edit, "幸福路12号")
    wizard.next.click()
    # 4 who: typed details on the keypad, with live checks
    who = wizard.steps[3]
    who.mode_buttons["typed"].click()
    commit_text(who.name.edit, "张三")
    who.id_number.touched.emit(who.id_number)
    for ch in ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1"):
        who.keypad.press(ch)
    assert who.id_number.verdict() is False  # wrong check digit is caught as typed
    assert "last character" in who.id_number.message.text()
    who.keypad.press("⌫")
    who.keypad.press(ID_NUMBER[-1])
    assert who.id_number.verdict() is True
    who.phone.touched.emit(who.phone)
    for ch in "13812345678":
        who.keypad.press(ch)
    assert who.phone.verdict() is True
    wizard.next.click()
    # 5 consent
    assert wizard.index == 4
    wizard.next.click()
    assert wizard.index == 4 and wizard.problem.text()
    wizard.steps[4].agree.click()
    wizard.next.click()
    assert wizard.index == 5
    return wizard


def test_appeal_from_home_to_receipt(window: Any, core: Any, data_dir: Any) -> None:
    wizard = _walk_to_review(window)
    review = wizard.steps[5]
    texts = " ".join(value.text() for _c, value, _b in review.rows)
    assert "138****5678" in texts and "5301**********" in texts
    assert "13812345678" not in texts and ID_NUMBER not in texts
    wizard.next.click()  # Submit

    receipt_screen = window.current()
    assert isinstance(receipt_screen, ReceiptScreen)
    receipt_no = receipt_screen.receipt.receipt_no
    assert receipt_screen.number.text() == receipt_no.replace("-", " ")
    assert receipt_screen.print_state == "printed"
    assert receipt_screen.qr.module_px() >= 2

    with core.store.reader.connect() as conn:
        row = conn.execute(select(Submission).where(Submission.receipt_no == receipt_no)).one()
    assert row.kind == "appeal" and row.code == "urban.road"
    assert row.outbox_state == "pending" and row.print_state == "printed"
    payload = open_payload(data_dir, row.sealed_enc, row.sealed_ct)
    assert payload["description"] == "路灯坏了一个星期"
    assert payload["location"] == {"region_code": "530102001001", "address": "幸福路12号"}
    assert payload["contact"] == {"name": "张三", "id_number": ID_NUMBER, "phone": "13812345678"}
    assert payload["anonymous"] is False and payload["consent_version"]
    assert [a["media_type"] for a in payload["attachments"]] == ["image/jpeg"]
    assert "13812345678" not in row.display_json


def test_back_never_loses_entries(window: Any) -> None:
    wizard = _walk_to_review(window)
    for _ in range(5):
        window.top_bar.back.click()
    assert wizard.index == 0
    assert wizard.steps[0].choices.buttons["urban.road"].isChecked()
    for _ in range(5):
        wizard.next.click()
    assert wizard.index == 5
    assert wizard.steps[1].text.toPlainText() == "路灯坏了一个星期"
    # Kept in the state; off the screen once the who step is left (issue 11), back
    # in its field on return to it.
    assert wizard.state.phone == "13812345678" and wizard.steps[3].phone.text() == ""
    assert wizard.state.region_code == "530102001001"
    wizard.go_to(3)
    assert wizard.steps[3].phone.text() == "13812345678"


def test_confirm_error_keeps_everything(window: Any, core: Any, monkeypatch: Any) -> None:
    from terminal.submissions.errors import ConfirmError

    wizard = _walk_to_review(window)

    def full(_draft: Any) -> Any:
        raise ConfirmError("disk_full", "test")

    monkeypatch.setattr(core, "confirm", full)
    wizard.next.click()
    assert window.current() is wizard
    assert "storage is full" in wizard.problem.text()
    assert wizard.state.description == "路灯坏了一个星期" and wizard.next.isEnabled()


def test_a_real_refusal_below_the_disk_reserve_keeps_everything(window: Any, core: Any) -> None:
    from terminal.submissions.headroom import Headroom

    wizard = _walk_to_review(window)
    # The real confirm, with a reserve no disk has: refused before anything is written.
    reserve = Headroom(core.paths.root, 2**62, core.confirmer._headroom._alert)
    core.confirmer._headroom = reserve
    wizard.next.click()
    assert window.current() is wizard
    assert "running out of storage" in wizard.problem.text()
    assert wizard.state.description == "路灯坏了一个星期" and wizard.next.isEnabled()
    with core.store.reader.connect() as conn:
        assert conn.execute(select(Submission)).all() == []
        kinds = [k for (k,) in conn.exec_driver_sql("SELECT kind FROM store_events")]
    assert "low_disk" in kinds  # the staff alert


def test_anonymous_appeal_sends_no_contact(window: Any, core: Any, data_dir: Any) -> None:
    window.home.appeal.click()
    wizard = window.current()
    wizard.steps[0].choices.buttons["other"].click()
    wizard.next.click()
    wizard.steps[1].record.click()  # start the (simulated) voice note
    wizard.steps[1].record.click()  # stop
    assert wizard.state.voice_note
    wizard.next.click()
    for code in ("530000", "530100", "530103", "530103001"):  # the demo tree stops here
        wizard.steps[2].picker.choices.buttons[code].click()
    wizard.next.click()
    wizard.steps[3].mode_buttons["anonymous"].click()
    assert "will not be sent" in wizard.steps[3].anon_text.text()
    wizard.next.click()
    wizard.steps[4].agree.click()
    wizard.next.click()
    wizard.next.click()
    receipt = window.current()
    assert isinstance(receipt, ReceiptScreen)
    with core.store.reader.connect() as conn:
        row = conn.execute(
            select(Submission).where(Submission.receipt_no == receipt.receipt.receipt_no)
        ).one()
    payload = open_payload(data_dir, row.sealed_enc, row.sealed_ct)
    assert payload["anonymous"] is True and payload["contact"] is None
    assert payload["wants_reply"] is False
    assert [a["media_type"] for a in payload["attachments"]] == ["audio/wav"]
