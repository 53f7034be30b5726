"""The pinyin keyboard paints and takes taps the first time it opens after a start.

It used to be a black rectangle (blank with the software renderer) that ignored
taps until a hardware key was pressed: the QML root stayed 1 px tall and the panel,
hung from its bottom, was drawn above the view (ui/qml/keyboard.qml)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.touch.flows import colour_count, dark_fraction, keyboard_open, open_appeal_description
from tests.touch.kiosk import Kiosk, sha256, wait_for


@pytest.mark.parametrize("backend", ["rhi", "software"])
def test_first_open_paints_and_typing_ludeng_gives_the_candidate(
    start_kiosk: Callable[..., Kiosk], backend: str
) -> None:
    extra = {"QT_QUICK_BACKEND": "software"} if backend == "software" else {}
    kiosk = start_kiosk(extra_env=extra)
    field = open_appeal_description(kiosk)
    kiosk.tap_rect(field["visible_rect"])
    shown = keyboard_open(kiosk)
    view = next(w for w in shown["widgets"] if w["role"] == "quick")["visible_rect"]
    letters = [k for k in shown["keys"] if k["kind"] == "key" and len(k["text"]) == 1]
    x, y, w, h = view
    for key in letters:  # every key lies inside the keyboard's view, where taps land
        kx, ky, kw, kh = key["rect"]
        assert x <= kx and y <= ky and kx + kw <= x + w and ky + kh <= y + h, (key, view)

    def painted() -> bool:
        image = kiosk.screenshot()
        return dark_fraction(image, view) < 0.9 and colour_count(image, view) > 8

    wait_for("the keyboard painted (not black, not blank)", painted, 30)
    image = kiosk.screenshot()
    q = next(k for k in letters if k["text"] == "q")["rect"]
    assert colour_count(image, q) > 2  # the key's label is drawn on it

    for letter in "ludeng":
        kiosk.tap_key(letter)
    kiosk.tap_key("路灯", kind="candidate")

    def typed() -> bool:
        entry = kiosk.find(role="field", kind="QPlainTextEdit")
        return entry["text_sha256"] == sha256("路灯")

    wait_for("路灯 in the description field", typed, 30)
