"""Taps that reach a screen, shared by the touch tests (texts as the kiosk shows them
in its default language, Chinese)."""

from __future__ import annotations

from typing import Any

from PIL import Image

from tests.touch.kiosk import Kiosk, wait_for


def open_appeal_description(kiosk: Kiosk) -> dict[str, Any]:
    """Home → 我要反映诉求 → 城市管理 → 道路设施损坏 → 下一步: the description field
    (its map entry; not tapped yet)."""
    kiosk.tap_widget(role="button", text_has="反映诉求")
    kiosk.tap_widget(role="button", text_has="城市管理")
    kiosk.tap_widget(role="button", text="道路设施损坏")
    kiosk.tap_widget(role="button", text="下一步")
    return kiosk.find("the description field", role="field", kind="QPlainTextEdit")


def keyboard_open(kiosk: Kiosk) -> dict[str, Any]:
    """Wait until the on-screen keyboard is shown with its letter keys; its map."""

    def ready() -> dict[str, Any] | None:
        m = kiosk.screen_map()
        letters = {k["text"] for k in m["keys"] if k["kind"] == "key"}
        views = [w for w in m["widgets"] if w["role"] == "quick"]
        tall = bool(views) and views[0]["visible_rect"][3] > 100  # sized to its panel
        return m if m["keyboard"]["visible"] and tall and set("qwertyuiop") <= letters else None

    return wait_for("the keyboard with its letter keys, sized to them", ready)


def dark_fraction(image: Image.Image, rect: list[int]) -> float:
    """The share of near-black pixels inside ``rect`` (x, y, w, h) of ``image``."""
    x, y, w, h = rect
    grey = image.crop((x, y, x + w, y + h)).convert("L")
    counts = grey.histogram()
    return sum(counts[:12]) / max(1, sum(counts))


def colour_count(image: Image.Image, rect: list[int]) -> int:
    x, y, w, h = rect
    small = image.crop((x, y, x + w, y + h)).resize((max(1, w // 4), max(1, h // 4)))
    return len(small.getcolors(small.width * small.height) or [])
