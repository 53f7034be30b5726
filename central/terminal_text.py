"""Text from terminals (heartbeats, site names) made safe to print in an admin's shell.

A heartbeat is written by a kiosk, so a rogue one can put escape sequences in it:
an OSC that retitles the window, a CSI that clears the screen or moves the cursor,
a bidi override that reorders a line. Printed raw by ``terminals``, they act in the
admin's terminal. Every control, format or separator character is shown instead
as ``\\uXXXX`` (tables) or escaped the same way in JSON (still valid JSON).
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def printable(text: str) -> str:
    """``text`` with each unsafe character replaced by its ``\\uXXXX`` spelling."""
    if text.isprintable():
        return text
    return "".join(f"\\u{ord(ch):04x}" if _unsafe(ch) else ch for ch in text)


def safe_json(document: Any) -> str:
    """Indented JSON (non-ASCII text kept readable) in which no character can act
    on a terminal: controls, format and separator characters are ``\\u`` escapes."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return "".join(f"\\u{ord(ch):04x}" if ch not in "\n " and _unsafe(ch) else ch for ch in text)
