"""The ID card fills the applicant on service-item forms; 亲友代办 records the agent
beside the applicant in the sealed payload; both are masked on screen and in review."""

from __future__ import annotations

import json
from typing import Any

from conftest import commit_text
from PySide6.QtWidgets import QLabel
from test_services_flow import ID_NUMBER, MOBILE, sealed, start_certificate, type_keys

from terminal.devices.idcard.simulator import DEMO_CARDS_FILE, SimulatedCondition
from terminal.masking import mask_id_number
from ui.screens.receipt import ReceiptScreen
from ui.screens.services.person_page import PersonPage
from ui.screens.services.review import ReviewPage

CARDS = json.loads(DEMO_CARDS_FILE.read_text(encoding="utf-8"))["cards"]
ELDER, YOUNG = CARDS[3], CARDS[0]  # 赵敏 (born 1960), 张三 (born 1985)


def to_applicant_page(window: Any) -> Any:
    app = start_certificate(window)
    app.page.editors["purpose"].choices.buttons["employment"].click()
    type_keys(app.page, "copies", "2")
    app.next.click()
    type_keys(app.page, "mobile", MOBILE)
    app.next.click()
    assert isinstance(app.page, PersonPage) and app.page.role == "applicant"
    return app


def present(window: Any, card: int) -> None:
    window.ctx.devices.card_reader.adapter.set_condition(SimulatedCondition.CARD, card)


def shown_text(page: Any) -> str:
    return " ".join(w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page))


def test_the_card_fills_the_applicant_masked(window: Any, core: Any, data_dir: Any) -> None:
    app = to_applicant_page(window)
    present(window, 0)
    app.page.read_card.click()
    page = app.page
    assert page.from_card and not page.editors["name"].isVisibleTo(page)
    assert YOUNG["name"] not in shown_text(page) and YOUNG["id_number"] not in shown_text(page)
    assert mask_id_number(YOUNG["id_number"]) in page.card_status.text()
    assert not window.elderly_offer.overlay.isVisible()  # born 1985
    app.next.click()
    assert isinstance(app.page, ReviewPage)
    assert app.page.values["name"] == "张*" and app.page.values["id_number"] != YOUNG["id_number"]
    app.page.consent.click()
    app.next.click()
    receipt = window.current()
    assert isinstance(receipt, ReceiptScreen)
    _row, payload = sealed(core, data_dir, receipt.receipt.receipt_no)
    assert payload["applicant"] == {
        "name": YOUNG["name"],
        "id_number": YOUNG["id_number"],
        "phone": MOBILE,
    }
    assert "agent" not in payload


def test_filing_for_a_family_member_records_both(window: Any, core: Any, data_dir: Any) -> None:
    app = to_applicant_page(window)
    app.page.family.click()  # 亲友代办
    assert "of 5" in app.step_label.text()  # the agent's page is one more
    present(window, 3)  # the family member's card: 赵敏, 66
    app.page.read_card.click()
    assert not window.elderly_offer.overlay.isVisible()  # not the person at the screen
    app.next.click()
    agent_page = app.page
    assert isinstance(agent_page, PersonPage) and agent_page.role == "agent"
    assert not agent_page.family.isVisible()
    commit_text(agent_page.editors["name"].edit, "李四")  # the agent types
    type_keys(agent_page, "id_number", ID_NUMBER)
    app.next.click()
    review = app.page
    assert isinstance(review, ReviewPage)
    assert review.values["name"] == "赵*" and review.values["agent.name"] == "李*"
    assert review.values["agent.id_number"] == mask_id_number(ID_NUMBER)
    assert ELDER["name"] not in shown_text(review) and "李四" not in shown_text(review)
    review.consent.click()
    app.next.click()
    receipt = window.current()
    assert isinstance(receipt, ReceiptScreen)
    _row, payload = sealed(core, data_dir, receipt.receipt.receipt_no)
    assert payload["applicant"]["name"] == ELDER["name"]
    assert payload["applicant"]["id_number"] == ELDER["id_number"]
    assert payload["agent"] == {"name": "李四", "id_number": ID_NUMBER}


def test_the_agents_own_card_may_offer_large_text(window: Any) -> None:
    app = to_applicant_page(window)
    app.page.family.click()
    commit_text(app.page.editors["name"].edit, "张三")
    type_keys(app.page, "id_number", ID_NUMBER)
    app.next.click()
    present(window, 3)  # the agent at the screen is 66
    app.page.read_card.click()
    assert window.elderly_offer.overlay.isVisible() and not window.ctx.theme.elderly


def test_type_instead_clears_what_the_card_gave(window: Any) -> None:
    app = to_applicant_page(window)
    present(window, 0)
    app.page.read_card.click()
    app.page.type_instead.click()
    assert app.applicant.raw_value("name") is None and app.page.editors["name"].isVisibleTo(
        app.page
    )
