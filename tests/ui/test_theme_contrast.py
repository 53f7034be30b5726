"""Issue 11, item 11: every colour pair the theme draws meets WCAG 2 contrast —
text (placeholders and selected text too) ≥ 4.5:1, boundaries, focus rings and
the chosen-vs-unchosen fill ≥ 3:1 — read from the generated style sheet of both
palettes, and measured on rendered pixels for the placeholder and a chosen choice."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from ui.theme import HIGH_CONTRAST, NORMAL, Metrics, Palette, contrast_ratio
from ui.theme.palette import NON_TEXT_PAIRS, TEXT_PAIRS
from ui.theme.stylesheet import build_stylesheet

PALETTES = {"normal": NORMAL, "elderly": HIGH_CONTRAST}
# Lines that only separate areas (no control is recognised by them) and disabled
# controls are outside WCAG 1.4.11.
DECORATIVE = ("QWidget#Card", "QWidget#TopBar", ":disabled", "QWidget#Dialog")
COLOUR = r"#[0-9a-fA-F]{6}"


def _rules(palette: Palette) -> dict[str, dict[str, str]]:
    """selector → its declarations, one entry per comma-separated selector."""
    sheet = build_stylesheet(palette, Metrics.for_scale(1.0), "Sans")
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        decls = {}
        for part in body.split(";"):
            if ":" in part:
                key, value = part.split(":", 1)
                decls[key.strip()] = value.strip()
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update(decls)
    return rules


def _effective(rules: dict[str, dict[str, str]], selector: str) -> dict[str, str]:
    """What a rule's widget ends with: '*', its class, its role rule, then the rule."""
    merged = dict(rules.get("*", {}))
    widget_class = re.match(r"[A-Za-z]+", selector)
    if widget_class:
        merged.update(rules.get(widget_class.group(0), {}))
    base = selector.split(":", 1)[0]
    merged.update(rules.get(base, {}))
    merged.update(rules.get(selector, {}))
    return merged


def _colour(value: str | None) -> str | None:
    found = re.search(COLOUR, value or "")
    return found.group(0).lower() if found else None


def _backgrounds(palette: Palette, selector: str, decls: dict[str, str]) -> list[str]:
    own = _colour(decls.get("background"))
    if own and "background" in decls:
        return [own]
    if "strip" in selector:
        return [palette.strip]
    if "onDark" in selector:  # the words inside a chosen WrapButton
        return [palette.primary]
    return [palette.window, palette.surface]  # a label sits on the page or on a card


@pytest.mark.parametrize("mode", list(PALETTES))
def test_every_text_colour_in_the_style_sheet_is_at_least_4_5_to_1(mode: str) -> None:
    palette = PALETTES[mode]
    rules = _rules(palette)
    checked, failures = 0, []
    for selector in rules:
        if selector.startswith("QWidget#Overlay") or selector.startswith("QScrollBar"):
            continue
        decls = _effective(rules, selector)
        pairs = []
        for key in ("color", "placeholder-text-color"):
            # A rule that sets only a fill changes the ground of its own words (a
            # container's fill is the ground of children that have their own rules).
            fill_only = key == "color" and "background" in rules[selector]
            if key in rules[selector] or (fill_only and not selector.startswith("QWidget")):
                fg = _colour(decls.get(key))
                if fg:
                    pairs += [(key, fg, bg) for bg in _backgrounds(palette, selector, decls)]
        if "selection-color" in decls:
            pairs.append(
                (
                    "selection",
                    _colour(decls["selection-color"]),
                    _colour(decls["selection-background-color"]),
                )
            )
        for key, fg, bg in pairs:
            checked += 1
            ratio = contrast_ratio(str(fg), str(bg))
            if ratio < 4.5:
                failures.append(f"{selector} {key} {fg} on {bg}: {ratio:.2f}")
    assert checked >= 30 and failures == []
    assert "placeholder-text-color" in rules["QLineEdit"]  # not Qt's own grey #8c8c8c


@pytest.mark.parametrize("mode", list(PALETTES))
def test_every_boundary_focus_and_selection_is_at_least_3_to_1(mode: str) -> None:
    palette = PALETTES[mode]
    rules = _rules(palette)
    failures = []
    for selector, own in rules.items():
        if any(part in selector for part in DECORATIVE) or "border" not in own:
            continue
        border = _colour(own["border"])
        if border is None:
            continue
        decls = _effective(rules, selector)
        fill = _colour(decls.get("background")) or palette.surface
        # A boundary must stand out from the page it sits on (and a focus ring from
        # the field's own fill when the fill is not the page).
        for against in {palette.window, fill} - {border}:
            ratio = contrast_ratio(border, against)
            if ratio < 3.0 and border != fill:
                failures.append(f"{selector} border {border} vs {against}: {ratio:.2f}")
    # The chosen choice against an unchosen one, and a checked bar button.
    for on, off in (
        ('QPushButton[role="choice"]:checked', 'QPushButton[role="choice"]'),
        ('QPushButton[role="bar"]:checked', 'QPushButton[role="bar"]'),
    ):
        chosen = _colour(_effective(rules, on).get("background"))
        plain = _colour(_effective(rules, off).get("background"))
        ratio = contrast_ratio(str(chosen), str(plain))
        if ratio < 3.0:
            failures.append(f"{on} fill {chosen} vs {plain}: {ratio:.2f}")
        text = _colour(_effective(rules, on).get("color"))
        if contrast_ratio(str(text), str(chosen)) < 4.5:
            failures.append(f"{on} words {text} on {chosen}")
    handle = _colour(rules["QScrollBar::handle:vertical"]["background"])
    groove = _colour(rules["QScrollBar:vertical"]["background"])
    if contrast_ratio(str(handle), str(groove)) < 3.0:
        failures.append("scroll bar handle")
    assert failures == []


@pytest.mark.parametrize("mode", list(PALETTES))
def test_the_palettes_declared_pairs(mode: str) -> None:
    palette = PALETTES[mode]
    low_text = [p for p in TEXT_PAIRS if contrast_ratio(*(getattr(palette, c) for c in p)) < 4.5]
    low = [p for p in NON_TEXT_PAIRS if contrast_ratio(*(getattr(palette, c) for c in p)) < 3]
    assert low_text == [] and low == []


def _darkest(image: Any, rect: Any) -> QColor:
    best = QColor("#ffffff")
    for x in range(rect.left(), rect.right(), 1):
        for y in range(rect.top(), rect.bottom(), 1):
            colour = image.pixelColor(x, y)
            if colour.lightness() < best.lightness():
                best = colour
    return best


@pytest.mark.parametrize("elderly", [False, True])
def test_a_placeholder_as_painted_is_at_least_4_5_to_1(window: Any, elderly: bool) -> None:
    """The appeal's address field, empty: its hint's darkest painted pixel against the
    field's fill (anti-aliased edges are lighter; the stroke's core is the colour)."""
    from ui.tour import fill_appeal

    window.set_elderly(elderly)
    fill_appeal(window, 2)
    edit = window.current().step.address.edit
    edit.clear()
    edit.clearFocus()
    QApplication.processEvents()
    assert edit.placeholderText()
    image = edit.grab().toImage()
    inner = edit.rect().adjusted(12, 8, -12, -8)
    fill = image.pixelColor(inner.right() - 2, inner.center().y()).name()
    hint = _darkest(image, inner).name()
    assert contrast_ratio(hint, fill) >= 4.5, (hint, fill)
    assert contrast_ratio(hint, fill) < contrast_ratio(window.ctx.theme.palette.text, fill)


@pytest.mark.parametrize("elderly", [False, True])
def test_a_chosen_choice_is_filled_and_marked(window: Any, elderly: bool) -> None:
    """A category chosen on the appeal's first step: its painted fill is ≥ 3:1 against
    an unchosen button's, and its icon (the check mark) differs from the ring."""
    from ui.tour import fill_appeal

    window.set_elderly(elderly)
    fill_appeal(window, 0)
    choices = window.current().step.choices
    codes = list(choices.buttons)
    chosen, other = choices.buttons[codes[0]], choices.buttons[codes[1]]
    chosen.click()
    QApplication.processEvents()
    chosen = choices.buttons.get(codes[0], chosen)
    if not chosen.isChecked():  # a category with sub-categories opens them instead
        pytest.skip("the first category drills down")
    on = chosen.grab().toImage().pixelColor(chosen.width() - 12, chosen.height() // 2).name()
    off = other.grab().toImage().pixelColor(other.width() - 12, other.height() // 2).name()
    assert contrast_ratio(on, off) >= 3.0, (on, off)
    icon = chosen.icon()
    size = chosen.iconSize()
    from PySide6.QtGui import QIcon

    checked = icon.pixmap(size, QIcon.Mode.Normal, QIcon.State.On).toImage()
    unchecked = icon.pixmap(size, QIcon.Mode.Normal, QIcon.State.Off).toImage()
    assert checked != unchecked
