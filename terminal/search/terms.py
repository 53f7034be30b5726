"""What the index searches: every text an item can be found by, with its units.

For each item: its Chinese name; the name rewritten with each synonym (居民身份证补领 →
身份证补领); its keywords and their rewrites; and the names of the themes that list it.
A text shared by several items (a keyword, a theme name) is one term with many items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from terminal.search.pinyin_units import normalize, syllables

MAX_VARIANTS = 8


class TermKind(StrEnum):
    """Where a term comes from; also what a hit reports as ``matched_on``."""

    NAME = "name"
    SYNONYM = "synonym"  # the name with a synonym swapped in
    KEYWORD = "keyword"  # a keyword, or a keyword with a synonym swapped in
    THEME = "theme"

    @property
    def is_name(self) -> bool:
        """Whether matches on it count as matches on the item's name."""
        return self in (TermKind.NAME, TermKind.SYNONYM)


@dataclass(frozen=True, slots=True)
class Term:
    """One searchable text: its display form, characters, syllables and items."""

    text: str
    kind: TermKind
    chars: str  # normalized characters, one per unit
    units: tuple[str, ...]  # syllable (or letter, digit) per character
    items: tuple[int, ...]  # indices into the index's item list, ascending


class SynonymRewriter:
    """Rewrites a text with each synonym group's member swapped for each other member.

    A word inside a longer synonym term (身份证 inside 居民身份证, 户口 inside 户口簿)
    is left alone, so replacements never duplicate or mangle words.
    """

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self._groups = [sorted(set(group), key=len, reverse=True) for group in groups]
        self._members = sorted({m for group in groups for m in group}, key=len, reverse=True)
        self._cache: dict[str, list[str]] = {}

    def variants(self, text: str) -> list[str]:
        """The rewritten texts (at most MAX_VARIANTS), without the text itself."""
        if text in self._cache:
            return self._cache[text]
        present = [m for m in self._members if m in text]
        variants: list[str] = []
        for group in self._groups if present else ():
            for found in group:
                spans = _free_spans(text, found, present) if found in present else []
                if not spans:
                    continue
                for other in group:
                    variant = _replace_spans(text, spans, other)
                    if other != found and variant != text and variant not in variants:
                        variants.append(variant)
                break  # one member per group is enough: the others are its replacements
        self._cache[text] = variants[:MAX_VARIANTS]
        return self._cache[text]


def synonym_variants(text: str, groups: Sequence[Sequence[str]]) -> list[str]:
    """The text rewritten with synonyms (see SynonymRewriter)."""
    return SynonymRewriter(groups).variants(text)


def collect_terms(
    names: Sequence[str],
    keywords: Sequence[Sequence[str]],
    themes: Sequence[tuple[str, Sequence[int]]],
    synonyms: Sequence[Sequence[str]],
) -> list[Term]:
    """Terms for items given by index: names[i] and keywords[i] belong to item i;
    each theme is (name, indices of its items)."""
    owners: dict[tuple[str, TermKind], set[int]] = {}
    rewriter = SynonymRewriter(synonyms)

    def add(text: str, kind: TermKind, index: int) -> None:
        owners.setdefault((text, kind), set()).add(index)

    for index, name in enumerate(names):
        add(name, TermKind.NAME, index)
        for variant in rewriter.variants(name):
            add(variant, TermKind.SYNONYM, index)
        for keyword in keywords[index]:
            add(keyword, TermKind.KEYWORD, index)
            for variant in rewriter.variants(keyword):
                add(variant, TermKind.KEYWORD, index)
    for theme_name, members in themes:
        for index in members:
            add(theme_name, TermKind.THEME, index)
    terms = []
    for (text, kind), items in owners.items():
        chars = normalize(text)
        if chars:
            terms.append(Term(text, kind, chars, syllables(chars), tuple(sorted(items))))
    return terms


def _free_spans(text: str, word: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Occurrences of ``word`` not inside an occurrence of a longer synonym term."""
    taken: list[tuple[int, int]] = []
    for longer in terms:
        if len(longer) <= len(word):
            break
        taken += [(s, s + len(longer)) for s in _occurrences(text, longer)]
    spans = []
    for start in _occurrences(text, word):
        end = start + len(word)
        if not any(s <= start and end <= e for s, e in taken):
            spans.append((start, end))
    return spans


def _occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start != -1:
        found.append(start)
        start = text.find(word, start + len(word))
    return found


def _replace_spans(text: str, spans: list[tuple[int, int]], other: str) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], other]
        last = end
    return "".join(out) + text[last:]
