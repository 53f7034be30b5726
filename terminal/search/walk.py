"""Matching a query against a sorted list of syllable tuples, like walking down a trie.

Each key is the syllables from one match start to the end of its term; the list is
sorted, so all keys that begin with given syllables form one contiguous range, found
with two binary searches. The walk consumes the query from the left:

- a hanzi narrows to the keys whose next syllable is one of its readings, and records
  that the character there must be this very hanzi (checked when scoring);
- a digit narrows to keys whose next unit is that digit;
- a run of letters is split into a prefix of the next syllable and the rest, in every
  way the data allows: ``yibao`` walks yi → bao, ``sb`` s → b, ``shebao`` also she → b
  → ao fails quickly because no syllable after 社 starts with ``ao``.

Each way that consumes the whole query yields one :class:`Match` range.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from terminal.search.pinyin_units import is_hanzi, readings

MAX_STEPS = 20_000  # bound on the walk for pathological queries
_TOP = "\U0010ffff"  # sorts after every syllable and character


class Match(NamedTuple):
    """Keys ``lo``..``hi`` match the whole query over their first ``depth`` syllables."""

    lo: int
    hi: int
    depth: int
    abbreviated: bool  # a syllable before the last was typed only in part
    last: str | None  # the letters typed of the last syllable; None for a hanzi or digit
    checks: tuple[tuple[int, str], ...]  # (syllable index, hanzi) that must be there


def walk(keys: list[tuple[str, ...]], text: str) -> list[Match]:
    """Every range of ``keys`` that the normalized query ``text`` matches."""
    out: list[Match] = []
    _step(keys, text, 0, 0, 0, len(keys), (), False, (), out, [MAX_STEPS])
    return out


def _step(
    keys: list[tuple[str, ...]],
    text: str,
    at: int,
    level: int,
    lo: int,
    hi: int,
    fixed: tuple[str, ...],
    abbreviated: bool,
    checks: tuple[tuple[int, str], ...],
    out: list[Match],
    budget: list[int],
) -> None:
    """Match text[at:] from syllable ``level`` within keys[lo:hi] (all starting ``fixed``)."""
    budget[0] -= 1
    if budget[0] < 0:
        return
    char = text[at]
    if not (char.isascii() and char.isalpha()):
        hanzi = is_hanzi(char)
        for reading in readings(char) if hanzi else (char,):
            a = bisect_left(keys, (*fixed, reading), lo, hi)
            b = bisect_left(keys, (*fixed, reading, _TOP), a, hi)
            if a == b:
                continue
            more = ((level, char),) if hanzi else ()
            if at + 1 == len(text):
                out.append(Match(a, b, level + 1, abbreviated, None, checks + more))
            else:
                _step(
                    keys, text, at + 1, level + 1, a, b, (*fixed, reading),
                    abbreviated, checks + more, out, budget,
                )  # fmt: skip
        return
    end = at
    while end < len(text) and text[end].isascii() and text[end].isalpha():
        end += 1
    for stop in range(at + 1, end + 1):
        piece = text[at:stop]
        a = bisect_left(keys, (*fixed, piece), lo, hi)
        b = bisect_left(keys, (*fixed, piece + _TOP), a, hi)
        if a == b:
            break  # no syllable here starts with this piece, nor with a longer one
        if stop == len(text):
            out.append(Match(a, b, level + 1, abbreviated, piece, checks))
            continue
        while a < b:  # one branch per distinct syllable that starts with the piece
            syllable = keys[a][level]
            group_end = bisect_left(keys, (*fixed, syllable, _TOP), a, b)
            _step(
                keys, text, stop, level + 1, a, group_end, (*fixed, syllable),
                abbreviated or syllable != piece, checks, out, budget,
            )  # fmt: skip
            a = group_end
