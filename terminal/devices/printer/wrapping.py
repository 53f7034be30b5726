"""Line breaking for receipt text, shared by the page and the ESC/POS renderers.

Chinese may break between any two characters, but a line must not start with
closing punctuation (，。：）…) nor end with opening punctuation (（《“…), and a
run of Latin letters or digits (a receipt number, a URL, a price) stays whole
unless it is wider than a line by itself. Each renderer brings its own
``measure``: measured pixels for the page, character columns for ESC/POS.
"""

from __future__ import annotations

from collections.abc import Callable

# A line may not start with these (they cling to the character before).
_CLOSING = set("，。、：；！？）》」』】〕〉”’％,.:;!?)]}%…—·～")
# A line may not end with these (they cling to the character after).
_OPENING = set("（《「『【〔〈“‘([{￥$")


def _is_word_char(char: str) -> bool:
    """Characters that form unbreakable runs: ASCII letters, digits and joiners."""
    return char.isascii() and (char.isalnum() or char in "-_/.@#&=+~'")


def _units(text: str) -> list[str]:
    """Split ``text`` into the smallest pieces a line may break between."""
    units: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if _is_word_char(char):
            j = i
            while j < len(text) and _is_word_char(text[j]):
                j += 1
            units.append(text[i:j])
            i = j
        else:
            units.append(char)
            i += 1
    # Glue punctuation to its neighbour so no line starts or ends badly.
    glued: list[str] = []
    pending_open = ""
    for unit in units:
        if unit in _OPENING:
            pending_open += unit
            continue
        unit = pending_open + unit
        pending_open = ""
        if glued and unit[0] in _CLOSING and not glued[-1].isspace():
            glued[-1] += unit
        else:
            glued.append(unit)
    if pending_open:
        glued.append(pending_open)
    return glued


def _split_oversized(unit: str, max_width: float, measure: Callable[[str], float]) -> list[str]:
    """Break one unit that is wider than a line at character boundaries.

    A piece does not start with closing punctuation nor end with opening
    punctuation: the neighbouring character moves down with it instead.
    """
    pieces: list[str] = []
    current = ""
    for char in unit:
        if not current or measure(current + char) <= max_width:
            current += char
            continue
        joined = current + char
        cut = len(current)  # the break falls between joined[cut - 1] and joined[cut]
        while cut > 1 and (joined[cut - 1] in _OPENING or joined[cut] in _CLOSING):
            cut -= 1
        if measure(joined[cut:]) > max_width:  # moving down would overflow: plain break
            cut = len(current)
        pieces.append(joined[:cut])
        current = joined[cut:]
    if current:
        pieces.append(current)
    return pieces


def wrap_text(text: str, max_width: float, measure: Callable[[str], float]) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width`` as ``measure`` reports.

    Explicit newlines are kept; spaces at a break are dropped. Nothing is ever
    cut off: every character of ``text`` (but break spaces) appears in a line.
    """
    if max_width <= 0:
        raise ValueError("max_width must be positive")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for unit in _units(paragraph):
            candidate = current + unit
            if measure(candidate.rstrip()) <= max_width:
                current = candidate
                continue
            if current.strip():
                lines.append(current.rstrip())
            if unit.isspace():
                current = ""
                continue
            if measure(unit) <= max_width:
                current = unit
                continue
            pieces = _split_oversized(unit, max_width, measure)
            lines.extend(pieces[:-1])
            current = pieces[-1]
        lines.append(current.rstrip())
    return lines
