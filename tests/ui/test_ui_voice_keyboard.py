"""Voice guidance and the embedded pinyin keyboard."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def test_pinyin_keyboard_types_nihao_and_stays_down_for_digits(tmp_path: Path) -> None:
    """The real keyboard in a real kiosk window, in its own process: QT_IM_MODULE must be
    set before a QApplication exists, and pytest's exists already (keyboard_probe.py)."""
    probe = Path(__file__).with_name("keyboard_probe.py")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASHANGBAN_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg")
    done = subprocess.run(
        [sys.executable, str(probe), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["loaded"] and result["focused"] and result["keyboard_shown"]
    assert result["preedit"] == "ni hao" and result["candidates"] > 0
    assert result["text"] == "你好"
    assert result["digits_focused"] and not result["keyboard_after_digits"]
