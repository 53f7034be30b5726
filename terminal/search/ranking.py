"""How a match is scored: its tier first, then a small penalty within the tier.

Tiers, best first (the spec's order: exact name > name prefix > initials > keyword /
substring):

=============  =====  =====================================================
exact          1000   the query is the whole name (hanzi or full pinyin)
prefix          900   the name starts with the query (last syllable may be partial)
initials        800   the name starts with the query, some syllables abbreviated
initials (mid)  700   the same, inside the name
keyword         600   the query is a whole keyword (or theme name)
keyword         500   a keyword starts with the query
substring       400   the query is inside a name, keyword or theme name
=============  =====  =====================================================

A penalty below 100 orders hits inside a tier: shorter names and earlier positions
first, synonyms and theme names a little after. Equal scores keep catalog order.
"""

from __future__ import annotations

from enum import IntEnum

from terminal.search.terms import TermKind


class Tier(IntEnum):
    """The base score of each kind of match."""

    EXACT = 1000
    PREFIX = 900
    INITIALS = 800
    INITIALS_INSIDE = 700
    KEYWORD_EXACT = 600
    KEYWORD_PREFIX = 500
    SUBSTRING = 400

    @property
    def label(self) -> str:
        """What a hit reports as its ``match``."""
        return _LABELS[self]


_LABELS = {
    Tier.EXACT: "exact",
    Tier.PREFIX: "prefix",
    Tier.INITIALS: "initials",
    Tier.INITIALS_INSIDE: "initials",
    Tier.KEYWORD_EXACT: "keyword",
    Tier.KEYWORD_PREFIX: "keyword",
    Tier.SUBSTRING: "substring",
}


def term_penalty(kind: TermKind, length: int) -> int:
    """The within-tier penalty of a match at the start of a term."""
    penalty = min(length, 60)
    if kind is TermKind.SYNONYM:
        penalty += 5
    elif kind is TermKind.THEME:
        penalty += 30
    return min(penalty, 99)


def tier_of(kind: TermKind, start: int, whole: bool, abbreviated: bool) -> Tier:
    """The tier of a match at unit ``start`` of a term.

    ``whole``: the query covers the term to its end with the last syllable complete;
    ``abbreviated``: some syllable before the last was typed only in part.
    """
    if kind.is_name:
        if start == 0:
            if abbreviated:
                return Tier.INITIALS
            return Tier.EXACT if whole else Tier.PREFIX
        return Tier.INITIALS_INSIDE if abbreviated else Tier.SUBSTRING
    if start == 0:
        return Tier.KEYWORD_EXACT if whole else Tier.KEYWORD_PREFIX
    return Tier.SUBSTRING


def penalty(kind: TermKind, length: int, start: int) -> int:
    """The within-tier order of a match at unit ``start``: shorter terms, earlier first."""
    return term_penalty(kind, length) if start == 0 else min(3 * start + length // 2, 99)


def tier_table(kind: TermKind, start: int) -> tuple[tuple[Tier, Tier], tuple[Tier, Tier]]:
    """tier_of for one kind and start, as table[whole][abbreviated] for fast look-up."""
    return (
        (tier_of(kind, start, False, False), tier_of(kind, start, False, True)),
        (tier_of(kind, start, True, False), tier_of(kind, start, True, True)),
    )
