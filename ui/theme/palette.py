"""Colours of the touch theme, normal and high-contrast (elderly mode).

Every text/background pair used by the style sheet is listed in `TEXT_PAIRS`
(≥ 4.5:1, kiosk-ux.md) and every boundary, focus and selection colour against
what it sits next to in `NON_TEXT_PAIRS` (≥ 3:1, WCAG 1.4.11), so that a test can
check both palettes; tests/ui/test_theme_contrast.py also reads the generated
style sheet and checks every colour pair it draws.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Palette:
    """Named colours; the style sheet refers to nothing else."""

    window: str
    surface: str
    text: str
    muted: str
    placeholder: str  # the hint in an empty field: lighter than text, still ≥ 4.5:1
    primary: str
    primary_text: str
    primary_pressed: str
    secondary_border: str
    secondary_text: str
    selected: str
    selected_text: str
    danger: str
    danger_text: str
    ok: str
    ok_text: str
    strip: str
    strip_text: str
    strip_alert: str
    disabled: str
    disabled_text: str
    border_px: int


NORMAL = Palette(
    window="#f3f5f9",
    surface="#ffffff",
    text="#1a1a1a",
    muted="#4a4f57",
    placeholder="#646b75",
    primary="#0b4fa8",
    primary_text="#ffffff",
    primary_pressed="#083a7c",
    secondary_border="#0b4fa8",
    secondary_text="#0b3d91",
    selected="#e1ecfb",
    selected_text="#0a2f6b",
    danger="#a8231b",
    danger_text="#ffffff",
    ok="#1c6b33",
    ok_text="#ffffff",
    strip="#1f2937",
    strip_text="#ffffff",
    strip_alert="#ffd27a",
    disabled="#d5d9e0",
    disabled_text="#3d434c",
    border_px=2,
)

HIGH_CONTRAST = Palette(
    window="#ffffff",
    surface="#ffffff",
    text="#000000",
    muted="#202020",
    placeholder="#4d4d4d",
    primary="#002f73",
    primary_text="#ffffff",
    primary_pressed="#001a40",
    secondary_border="#000000",
    secondary_text="#001f4d",
    selected="#fff1b8",
    selected_text="#000000",
    danger="#7d0f08",
    danger_text="#ffffff",
    ok="#0d4a20",
    ok_text="#ffffff",
    strip="#000000",
    strip_text="#ffffff",
    strip_alert="#ffe08a",
    disabled="#cfcfcf",
    disabled_text="#1e1e1e",
    border_px=3,
)

# (foreground, background) attribute names of every pair the style sheet draws.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "window"),
    ("text", "surface"),
    ("muted", "window"),
    ("muted", "surface"),
    ("primary_text", "primary"),
    ("primary_text", "primary_pressed"),
    ("secondary_text", "surface"),
    ("selected_text", "selected"),
    ("danger_text", "danger"),
    ("danger", "surface"),
    ("ok_text", "ok"),
    ("ok", "surface"),
    ("strip_text", "strip"),
    ("strip_alert", "strip"),
    ("disabled_text", "disabled"),
    ("placeholder", "surface"),
    ("secondary_text", "selected"),  # a button while pressed
    ("danger", "window"),  # error and ok lines on the page
    ("ok", "window"),
)

# (colour, next to) of every boundary, focus ring and selection that carries meaning.
# A chosen choice is filled with ``primary`` (its words and check mark in
# ``primary_text``) against the ``surface`` of the unchosen ones.
NON_TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("secondary_border", "window"),  # a button's outline on the page
    ("secondary_border", "surface"),
    ("primary", "surface"),  # chosen vs not chosen; the focus ring inside a card
    ("primary", "window"),  # the focus ring; the primary button on the page
    ("muted", "surface"),  # a text field's outline
    ("muted", "window"),
    ("danger", "surface"),  # an invalid field's outline
    ("muted", "disabled"),  # the scroll bar's handle in its groove
)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1.0 … 21.0)."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def colour_names() -> list[str]:
    """Every colour attribute of a palette."""
    return [f.name for f in fields(Palette) if f.name != "border_px"]
