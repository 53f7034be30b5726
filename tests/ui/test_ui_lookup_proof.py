"""Progress lookup needs the receipt's query code (查询码) or its QR: plain words for a
wrong code, a wrong check digit, a missing code and too many tries; the answer and its
banner in view after 查询 in every layout (elderly mode included), with no scrolling."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import _close, _window
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from test_ui_i18n_layout import LAYOUTS, _layout_id

from terminal.runtime import receipt_for
from terminal.submissions.lookup import MAX_FAILURES
from tests.terminal.core.helpers import appeal
from ui.screens.lookup import LookupScreen


def _lookup(window: Any, number: str, code: str = "") -> LookupScreen:
    window.go_home()
    window.home.lookup.click()
    screen = window.current()
    assert isinstance(screen, LookupScreen)
    for ch in number.replace("-", "") + code:  # the keypad moves on to the code by itself
        screen.entry.keypad.press(ch)
    screen.lookup.click()
    return screen


def _receipt(core: Any) -> tuple[str, str]:
    number = core.confirm(appeal()).receipt_no
    return number, receipt_for(core, number, online=False).query_code


def _other(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_a_wrong_code_and_a_wrong_check_digit_say_different_things(window: Any, core: Any):
    number, code = _receipt(core)
    wrong_code = _lookup(window, number, _other(code)).result
    assert wrong_code.property("role") == "banner"
    assert "query code does not match" in wrong_code.text() and "check" in wrong_code.text()
    said_for_code = wrong_code.text()
    digits = number.replace("-", "")
    bad_check = digits[:-1] + ("1" if digits[-1] != "1" else "2")
    wrong_check = _lookup(window, bad_check, code).result
    assert "last character does not match" in wrong_check.text()
    assert wrong_check.text() != said_for_code
    missing = _lookup(window, number).result
    assert "6-digit query code" in missing.text() and missing.property("role") == "banner"


def test_the_right_code_or_our_qr_shows_the_progress(window: Any, core: Any):
    number, code = _receipt(core)
    found = _lookup(window, number, code).result
    assert number in found.text() and "waiting to be forwarded" in found.text()
    assert found.property("role") == "notice"
    window.go_home()
    window.home.lookup.click()
    screen = window.current()
    screen.scanned(receipt_for(core, number, online=False).qr_payload)
    assert number in screen.result.text() and "waiting" in screen.result.text()


def test_a_scanned_bare_number_asks_for_its_code(window: Any, core: Any):
    number, code = _receipt(core)
    window.home.lookup.click()
    screen = window.current()
    screen.scanned(number)
    assert screen.entry.keypad.target is screen.code.edit and not screen.result.isVisible()
    for ch in code:
        screen.entry.keypad.press(ch)
    screen.lookup.click()
    assert "waiting to be forwarded" in screen.result.text()


def test_too_many_wrong_codes_lock_the_lookup_even_after_leaving_the_screen(window: Any, core: Any):
    number, code = _receipt(core)
    for _ in range(MAX_FAILURES - 1):
        assert "does not match" in _lookup(window, number, _other(code)).result.text()
    locked = _lookup(window, number, _other(code)).result.text()
    assert "Too many tries" in locked and "wait" in locked and "staff" in locked
    again = _lookup(window, number, code).result.text()  # a new screen, the right code
    assert "Too many tries" in again and "waiting to be forwarded" not in again


def _in_view(window: QWidget, widget: QWidget) -> list[str]:
    """Why ``widget`` is not wholly visible in the window without scrolling ([] if it is)."""
    problems = []
    if not widget.isVisible():
        problems.append("hidden")
    area = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    if not window.rect().contains(area):
        problems.append(f"{area} outside {window.rect()}")
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            problems.append("inside a scroll area")
        parent = parent.parentWidget()
    if widget.heightForWidth(widget.width()) > widget.height() + 2:
        problems.append(f"text needs {widget.heightForWidth(widget.width())} > {widget.height()}")
    return problems


@pytest.mark.parametrize("layout", LAYOUTS, ids=_layout_id)
def test_the_answer_and_its_banner_are_in_view_after_looking_up(
    qtbot: Any, core: Any, devices: Any, layout: tuple[str, tuple[int, int], bool]
):
    locale, size, elderly = layout
    window = _window(core, devices, synchronous=True)
    try:
        window.ctx.languages.set_locale(locale)
        window.resize(*size)
        window.set_elderly(elderly)
        number, code = _receipt(core)
        for typed, role in ((_other(code), "banner"), (code, "notice")):
            screen = _lookup(window, number, typed)
            QApplication.processEvents()
            assert screen.result.property("role") == role
            assert _in_view(window, screen.result) == [], (typed, screen.result.text())
            assert _in_view(window, screen.lookup) == []
            assert (window.width(), window.height()) == size
    finally:
        _close(window)
