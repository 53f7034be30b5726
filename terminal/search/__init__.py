"""Search over the catalog's service items by hanzi, full pinyin, initials or a mix.

``SearchIndex.build(catalog)`` once per catalog, then ``search(query, limit)`` per
keystroke. See :mod:`terminal.search.index` for how, :mod:`terminal.search.ranking`
for the order of results.
"""

from terminal.search.index import SearchHit, SearchIndex

__all__ = ["SearchHit", "SearchIndex"]
