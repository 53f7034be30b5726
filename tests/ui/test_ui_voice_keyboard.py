"""Voice guidance and the embedded pinyin keyboard."""

from __future__ import annotations

import os
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication

from ui.voice import VoiceGuide, spoken_receipt_number


def test_each_screen_is_announced_and_can_be_repeated_or_muted(window: Any) -> None:
    voice = window.ctx.voice
    window.home.appeal.click()
    assert voice.last_text.startswith("Step 1 of 6 What is it about?")
    assert "topic" in voice.last_text
    window.current().steps[0].choices.buttons["other"].click()
    window.current().next.click()
    assert "What happened?" in voice.last_text
    count = len(voice.spoken)
    window.top_bar.repeat.click()
    assert len(voice.spoken) == count + 1 and voice.spoken[-1] == voice.spoken[-2]
    window.top_bar.mute.click()
    assert voice.muted and window.top_bar.mute.text() == "Sound: off"


def test_receipt_numbers_are_spoken_one_character_at_a_time() -> None:
    assert spoken_receipt_number("0042-261127-0001-X", "zh_CN") == (
        "零 零 四 二，二 六 一 一 二 七，零 零 零 一，叉"
    )
    assert spoken_receipt_number("0042-261127-0001-8", "en").startswith("0 0 4 2, 2 6")


def test_a_stuck_engine_is_stopped_and_then_switched_off(qtbot: Any) -> None:
    voice = VoiceGuide("mock", enabled=True)
    voice._guard.setInterval(1)
    for _ in range(2):
        voice._on_stuck()
    assert not voice.available
    voice.say("还能说话吗")  # never blocks, never raises
    assert voice.last_text == "还能说话吗"


@pytest.mark.no_qt_log
def test_pinyin_keyboard_docks_for_text_and_stays_down_for_digits(
    qtbot: Any, core: Any, devices: Any
) -> None:
    if os.environ.get("QT_IM_MODULE") != "qtvirtualkeyboard":
        pytest.skip("needs QT_IM_MODULE=qtvirtualkeyboard before the QApplication exists")
    from ui.catalog_fallback import FALLBACK_CATALOG
    from ui.kiosk import build_kiosk

    window = build_kiosk(
        core,
        devices,
        synchronous=True,
        keyboard=True,
        voice_engine="mock",
        catalog=FALLBACK_CATALOG,
    )
    window.resize(1920, 1080)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.keyboard.loaded, timeout=10_000)
        window.home.appeal.click()
        wizard = window.current()
        wizard.steps[0].choices.buttons["other"].click()
        wizard.next.click()
        window.keyboard._focus_changed(None, wizard.steps[1].text)
        qtbot.waitUntil(lambda: window.keyboard.isVisible(), timeout=5000)
        assert window.keyboard.view.height() > 200
        who = wizard.steps[3]
        window.keyboard._focus_changed(None, who.phone.edit)
        qtbot.waitUntil(lambda: not window.keyboard.isVisible(), timeout=5000)
        assert not QGuiApplication.inputMethod().isVisible()
    finally:
        window.shutdown()
        window.close()
