"""A session's end brings back the branch's defaults; the large-text offer after a card
read that says 60 or older (one tap, never silently)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import _close, _window
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractScrollArea

from terminal.devices.idcard.simulator import SimulatedCondition
from tests.conftest import make_config
from ui.screens.home import HomeScreen
from ui.screens.receipt import ReceiptScreen

ELDER_CARD = 3  # 赵敏, born 1960-01-01 (resources/devices/id_cards.json)
YOUNG_CARD = 0  # 张三, born 1985


def choose_everything(window: Any) -> None:
    """What one citizen may change: language, large text, sound, a scrolled list."""
    window.top_bar.language.click()
    window.top_bar.elderly.click()
    window.top_bar.mute.setChecked(True)
    home_list = window.home.findChildren(QAbstractScrollArea)[0]
    home_list.verticalScrollBar().setMaximum(500)  # a long list scrolled down
    home_list.verticalScrollBar().setValue(300)
    assert window.ctx.languages.locale != "en" and window.ctx.theme.elderly


def assert_branch_defaults(window: Any, *, locale: str, large: bool, muted: bool) -> None:
    assert window.ctx.languages.locale == locale
    assert window.ctx.theme.elderly is large and window.top_bar.elderly.isChecked() is large
    assert window.ctx.voice.muted is muted and window.top_bar.mute.isChecked() is muted
    for area in window.findChildren(QAbstractScrollArea):
        assert area.verticalScrollBar().value() == area.verticalScrollBar().minimum()
    assert not QGuiApplication.inputMethod().isVisible()


def submit_appeal(window: Any, choose: Any = None) -> ReceiptScreen:
    """An appeal to its receipt (the walk reads English); ``choose`` runs on its review."""
    from test_ui_appeal_flow import _walk_to_review

    wizard = _walk_to_review(window)
    if choose is not None:
        choose(window)
    wizard.next.click()
    receipt = window.current()
    assert isinstance(receipt, ReceiptScreen)
    return receipt


def test_done_on_the_receipt_restores_the_branch_defaults(window: Any) -> None:
    receipt = submit_appeal(window, choose_everything)
    receipt.done.click()  # 完成
    assert isinstance(window.current(), HomeScreen)
    assert_branch_defaults(window, locale="en", large=False, muted=False)


def test_idle_reset_restores_the_branch_defaults(window: Any, qtbot: Any) -> None:
    choose_everything(window)
    window.home.lookup.click()
    window.idle.set_durations(50, 60)
    qtbot.waitUntil(lambda: window.screens == [window.home], timeout=30_000)
    assert_branch_defaults(window, locale="en", large=False, muted=False)


def test_home_with_nothing_submitted_keeps_the_citizens_choices(window: Any) -> None:
    window.top_bar.elderly.click()
    window.home.lookup.click()
    window.top_bar.home.click()  # the same citizen, still here
    assert window.ctx.theme.elderly


@pytest.fixture
def large_branch_window(qtbot: Any, data_dir: Any) -> Iterator[Any]:
    """A branch configured for large text, Chinese, voice off by default."""
    from terminal.runtime import start_core
    from ui.peripherals import open_peripherals

    config = make_config(
        data_dir, terminal__code="0042", terminal__locale="zh_CN", ui__large_text=True,
        ui__voice=False, camera__backend="simulator", microphone__backend="simulator",
    )  # fmt: skip
    core = start_core(config, configure_logging=False)
    devices = open_peripherals(config)
    window = _window(core, devices, synchronous=True)
    yield window
    _close(window)
    devices.close()
    core.close()


def test_the_defaults_come_from_the_branch_config(large_branch_window: Any) -> None:
    window = large_branch_window
    assert window.ctx.theme.elderly  # from the first session on
    window.top_bar.language.click()  # this citizen wants English
    receipt = submit_appeal(window, lambda w: w.top_bar.elderly.click())  # and small text
    receipt.done.click()
    # large text turns the voice on, as the Large text button does
    assert_branch_defaults(window, locale="zh_CN", large=True, muted=False)


def read_card_on_who_step(window: Any, card: int) -> Any:
    from test_ui_appeal_flow import _walk_to_review

    wizard = _walk_to_review(window)
    adapter = window.ctx.devices.card_reader.adapter
    adapter.set_condition(SimulatedCondition.CARD, card)
    wizard.go_to(3)
    who = wizard.steps[3]
    who.set_mode("card")
    return who


def test_a_card_of_someone_60_or_older_offers_large_text(window: Any) -> None:
    read_card_on_who_step(window, ELDER_CARD)
    offer = window.elderly_offer.overlay
    assert offer.isVisible() and not window.ctx.theme.elderly  # asked, never switched
    offer.primary.click()  # one tap
    assert window.ctx.theme.elderly and not offer.isVisible()


def test_the_offer_can_be_declined_and_is_not_repeated(window: Any) -> None:
    who = read_card_on_who_step(window, ELDER_CARD)
    offer = window.elderly_offer.overlay
    offer.secondary.click()
    assert not window.ctx.theme.elderly and not offer.isVisible()
    who.start_card_read()  # the same citizen reads the card again
    assert not offer.isVisible()


def test_a_younger_card_offers_nothing(window: Any) -> None:
    read_card_on_who_step(window, YOUNG_CARD)
    assert not window.elderly_offer.overlay.isVisible()
