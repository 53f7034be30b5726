"""The item search behind the service-item screen's search box, fast enough per keystroke.

Every position of every term where a match may begin (a *start*) is kept in sorted
lists, once keyed by the syllables from there to the term's end (searched like a trie
by :mod:`.walk`, for queries with letters) and once by the characters (a plain prefix
range, for queries of hanzi and digits, the usual input from a pinyin keyboard). Each
kind of list comes in three parts:

- name starts (position 0 of a name or synonym name): exact, prefix and initials hits;
- positions inside names;
- keywords and theme names.

Every hit from the first part outranks every hit from the other two, so when the first
gives enough items the others are not searched. When a short query matches thousands of
starts (``she`` begins a fifth of the names), they are visited one within-tier penalty
level at a time, stopping as soon as no unvisited start could enter the results.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from terminal.catalog import Catalog
from terminal.search.pinyin_units import normalize
from terminal.search.ranking import Tier, penalty, tier_table
from terminal.search.terms import Term, TermKind, collect_terms
from terminal.search.walk import Match, walk

MAX_QUERY = 32  # characters of a normalized query; the rest is ignored
RANKED_SCAN_FROM = 400  # matched starts from which the penalty-ordered scan is used
_TOP = "\U0010ffff"

# Per part: the best tier a match can reach, [whole][abbreviated] (see ranking.tier_of).
_TABLES = (
    [tier_table(TermKind.NAME, 0)],
    [tier_table(TermKind.NAME, 1)],
    [tier_table(TermKind.KEYWORD, 0), tier_table(TermKind.KEYWORD, 1)],
)
_BOUNDS = [
    [[max(t[whole][abbreviated] for t in table) for abbreviated in (0, 1)] for whole in (0, 1)]
    for table in _TABLES
]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One item found: its best match."""

    item_code: str
    score: int
    matched_on: str  # "name", "synonym", "keyword" or "theme"
    match: str = ""  # "exact", "prefix", "initials", "keyword" or "substring"
    term: str = ""  # the text that matched, e.g. the keyword


@dataclass(slots=True)
class _Starts:
    """One sorted list of starts, with the groupings the ranked scan needs."""

    part: int  # 0 name starts, 1 inside names, 2 keywords and themes
    by_units: bool  # keys are syllable tuples (else character strings)
    keys: list[Any]  # sorted
    ids: list[int]  # start id for each key
    by_penalty: list[list[int]]  # positions in keys, by the start's penalty
    ends: dict[int, list[int]]  # positions in keys, by key length


_Best = dict[int, tuple[int, int, Tier]]  # item → (score, term id, tier)


class SearchIndex:
    """An immutable search index over one catalog's items. Build it once per catalog."""

    def __init__(self, item_codes: list[str], terms: list[Term]) -> None:
        self._codes = item_codes
        self._terms = terms
        # Per start (by id): term, position, units left, within-tier penalty, tiers, items.
        self._term: list[int] = []
        self._at: list[int] = []
        self._left: list[int] = []
        self._penalty: list[int] = []
        self._tiers: list[tuple[tuple[Tier, Tier], tuple[Tier, Tier]]] = []
        self._items: list[tuple[int, ...]] = []
        by_units: tuple[list[tuple[Any, int]], ...] = ([], [], [])
        by_chars: tuple[list[tuple[Any, int]], ...] = ([], [], [])
        for term_id, term in enumerate(terms):
            size = len(term.units)
            for at in range(size):
                part = (0 if at == 0 else 1) if term.kind.is_name else 2
                by_units[part].append((term.units[at:], len(self._term)))
                by_chars[part].append((term.chars[at:], len(self._term)))
                self._term.append(term_id)
                self._at.append(at)
                self._left.append(size - at)
                self._penalty.append(penalty(term.kind, size, at))
                self._tiers.append(tier_table(term.kind, at))
                self._items.append(term.items)
        self._by_units = [
            self._starts(part, True, entries) for part, entries in enumerate(by_units)
        ]
        self._by_chars = [self._starts(part, False, e) for part, e in enumerate(by_chars)]

    @classmethod
    def build(cls, catalog: Catalog) -> SearchIndex:
        """Index a catalog's items by name, synonyms, keywords and theme names."""
        codes = list(catalog.items)
        position = {code: i for i, code in enumerate(codes)}
        items = list(catalog.items.values())
        themes = [
            (theme.names.zh_CN, [position[c] for c in theme.item_codes]) for theme in catalog.themes
        ]
        terms = collect_terms(
            [item.names.zh_CN for item in items],
            [item.keywords for item in items],
            themes,
            catalog.synonyms,
        )
        return cls(codes, terms)

    def __len__(self) -> int:
        return len(self._codes)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """The best ``limit`` items for a query, best first; [] for an empty query."""
        text = normalize(query)[:MAX_QUERY]
        if not text or limit <= 0:
            return []
        lists = self._by_units if any(c.isascii() and c.isalpha() for c in text) else self._by_chars
        best: _Best = {}
        self._collect([lists[0]], text, limit, best)
        if len(best) < limit:
            self._collect(lists[1:], text, limit, best)
        ranked = sorted(best.items(), key=lambda entry: (-entry[1][0], entry[0]))[:limit]
        hits = []
        for item, (points, term_id, tier) in ranked:
            term = self._terms[term_id]
            hits.append(
                SearchHit(self._codes[item], points, term.kind.value, tier.label, term.text)
            )
        return hits

    def _collect(self, lists: list[_Starts], text: str, limit: int, best: _Best) -> None:
        """Score the matches of ``text`` in some start lists into ``best``."""
        found = [(starts, self._matches(starts, text)) for starts in lists]
        if sum(m.hi - m.lo for _, matches in found for m in matches) < RANKED_SCAN_FROM:
            for starts, matches in found:
                for match in matches:
                    self._score(starts.ids[match.lo : match.hi], match, limit, best)
        else:
            self._scan_by_rank(found, limit, best)

    @staticmethod
    def _matches(starts: _Starts, text: str) -> list[Match]:
        if starts.by_units:
            return walk(starts.keys, text)
        lo = bisect_left(starts.keys, text)
        hi = bisect_left(starts.keys, text + _TOP, lo)
        return [Match(lo, hi, len(text), False, None, ())] if lo < hi else []

    def _score(self, starts: Iterable[int], match: Match, limit: int, best: _Best) -> None:
        """Score the starts of one match into ``best`` (item → its best hit)."""
        terms, term_of, at_of = self._terms, self._term, self._at
        left, penalties, tiers, items_of = self._left, self._penalty, self._tiers, self._items
        _, _, depth, abbreviated, last, checks = match
        for start in starts:
            if checks:
                chars, at = terms[term_of[start]].chars, at_of[start]
                if any(chars[at + level] != char for level, char in checks):
                    continue
            whole = left[start] == depth and (
                last is None or terms[term_of[start]].units[-1] == last
            )
            tier = tiers[start][whole][abbreviated]
            points = tier - penalties[start]
            items, term = items_of[start], term_of[start]
            for item in items if len(items) <= limit else items[:limit]:
                known = best.get(item)
                # Equal scores from two terms: the earlier term (names come first) is
                # reported, whatever order the starts were visited in.
                if known is None or points > known[0] or (points == known[0] and term < known[1]):
                    best[item] = (points, term, tier)

    def _scan_by_rank(
        self, found: list[tuple[_Starts, list[Match]]], limit: int, best: _Best
    ) -> None:
        """Score large ranges one penalty level at a time, stopping when settled."""
        # Matches that cover their term to the end may score a tier higher (exact name,
        # whole keyword): score those first, so the levels only have to beat the rest.
        for starts, matches in found:
            for match in matches:
                whole, rest = (_BOUNDS[starts.part][w][match.abbreviated] for w in (1, 0))
                if whole != rest:
                    at_end = starts.ends.get(match.depth, [])
                    inside = at_end[bisect_left(at_end, match.lo) : bisect_left(at_end, match.hi)]
                    self._score((starts.ids[p] for p in inside), match, limit, best)
        # A match's unvisited starts score at most its bound less the level; a match that
        # can no longer enter the results (ties still can: they go by catalog order) is
        # dropped, and the scan ends when none is left.
        active = [
            (starts, match, _BOUNDS[starts.part][0][match.abbreviated])
            for starts, matches in found
            for match in matches
        ]
        for level in range(100):
            if len(best) >= limit:
                kth = heapq.nlargest(limit, (hit[0] for hit in best.values()))[-1]
                active = [entry for entry in active if entry[2] - level >= kth]
            if not active:
                return
            for starts, match, _ in active:
                positions = starts.by_penalty[level]
                a = bisect_left(positions, match.lo)
                b = bisect_left(positions, match.hi, a)
                if a < b:
                    self._score((starts.ids[p] for p in positions[a:b]), match, limit, best)

    def _starts(self, part: int, units: bool, entries: list[tuple[Any, int]]) -> _Starts:
        entries.sort()
        by_penalty: list[list[int]] = [[] for _ in range(100)]
        ends: dict[int, list[int]] = {}
        for position, (key, start) in enumerate(entries):
            by_penalty[self._penalty[start]].append(position)
            ends.setdefault(len(key), []).append(position)
        keys, ids = [k for k, _ in entries], [s for _, s in entries]
        return _Starts(part, units, keys, ids, by_penalty, ends)
