"""Text as search units: one per character, each with the syllable a citizen would type.

A hanzi's unit is its toneless pinyin (``ü`` typed as ``v``, as on every pinyin
keyboard), read in context by pypinyin so that 银行 gives ``hang`` and 重庆 ``chong``.
A Latin letter or a digit is its own unit. Everything else (spaces, punctuation,
brackets) is dropped, both from the indexed text and from the query.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin, pinyin


def is_hanzi(char: str) -> bool:
    """Whether a character is a CJK ideograph (basic block, extensions, compatibility)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    )


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, only hanzi, ASCII letters and digits kept."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in folded if (c.isascii() and c.isalnum()) or is_hanzi(c))


def syllables(text: str) -> tuple[str, ...]:
    """One syllable per character of normalized text (its unit for matching)."""
    out: list[str] = []
    run_start = None
    for index, char in enumerate(text + " "):
        if index < len(text) and is_hanzi(char):
            if run_start is None:
                run_start = index
            continue
        if run_start is not None:
            out.extend(_run_syllables(text[run_start:index]))
            run_start = None
        if index < len(text):
            out.append(char)
    return tuple(out)


@lru_cache(maxsize=4096)
def readings(char: str) -> tuple[str, ...]:
    """Every toneless reading of one hanzi (行: xing, hang, heng); the char if none."""
    found = pinyin(char, style=Style.NORMAL, heteronym=True, v_to_u=False)
    values = tuple(dict.fromkeys(s.lower() for s in found[0] if s.isascii() and s.isalpha()))
    return values or (char,)


def _run_syllables(run: str) -> list[str]:
    # Read a run of hanzi as a whole so that phrases pick the right reading.
    read = lazy_pinyin(run, style=Style.NORMAL, v_to_u=False, errors="default")
    if len(read) != len(run):
        read = [lazy_pinyin(c, style=Style.NORMAL, v_to_u=False, errors="default")[0] for c in run]
    return [s.lower() if s.isascii() and s.isalpha() else c for s, c in zip(read, run, strict=True)]
