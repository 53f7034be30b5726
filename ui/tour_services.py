"""Scenes of the service-item screens (part of ui/tour.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from terminal.checkdigits import gb11643_check_digit

ID17 = "53010219900307123"


def _commit(widget: Any, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _type(page: Any, key: str, text: str) -> None:
    editor = page.editors[key]
    editor.touched.emit(editor)
    for ch in text:
        page.keypad.press(ch)


def detail(w: Any, theme: str = "id_card", item: str = "police.id_card.reissue") -> None:
    w.home.theme_buttons[theme].click()
    w.current().items.cards[item].click()


def form(w: Any, upto: int) -> None:
    detail(w)
    w.current().apply.click()
    app = w.current()
    app.page.editors["reason"].choices.buttons["lost"].click()
    if upto == 0:
        return
    app.page.editors["lost_date"].today.click()
    app.next.click()
    app.page.editors["photo_receipt"].take.click()
    app.next.click()
    app.page.editors["delivery"].choices.buttons["post" if upto == 1 else "collect"].click()
    app.next.click()
    if upto == 1:
        for code in ("530000", "530100", "530102"):
            app.page.editors["post_region"].picker.choices.buttons[code].click()
        return
    app.index = len(app.pages()) - 2  # skip to the mobile page for the pictures
    app._show()
    _type(app.page, "mobile", "13812345678")
    app.next.click()
    _commit(app.page.editors["name"].edit, "张三")
    if upto == 2:
        _type(app.page, "id_number", ID17 + "0" if gb11643_check_digit(ID17) != "0" else "1")
        app.next.click()
        return
    _type(app.page, "id_number", ID17 + gb11643_check_digit(ID17))
    app.index = len(app.pages())
    app._show()


def search(w: Any) -> None:
    w.home.search.click()
    for ch in "sb":
        w.current().keypad.press(ch)
    for _ in range(3):  # the result cards settle their wrapped height in a second pass
        QApplication.processEvents()


def booking(w: Any) -> None:
    detail(w, "social_insurance", "hrss.employee_enrol")
    w.current().appointment.click()
    screen = w.current()
    screen.day_list.buttons[screen.days[1].isoformat()].click()
    screen.slot_list.buttons["am"].click()


SERVICE_SCENES: dict[str, Callable[[Any], None]] = {
    "service-detail": detail,
    "service-search": search,
    "service-form-choice": lambda w: form(w, 0),
    "service-form-region": lambda w: form(w, 1),
    "service-form-id-wrong": lambda w: form(w, 2),
    "service-review": lambda w: form(w, 3),
    "service-book": booking,
}
