"""The ranked scan of large ranges gives exactly the results of scoring every start."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terminal.search import SearchIndex
from terminal.search import index as index_module

PIECES = ["s", "sh", "she", "b", "bao", "y", "yi", "z", "zh", "zheng", "j", "ji", "l", "ling",
          "社", "保", "证", "医", "x", "k", "g", "gong", "d", "deng"]  # fmt: skip


def both_ways(index: SearchIndex, query: str, limit: int, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """Results with the ranked scan forced on and forced off."""
    monkeypatch.setattr(index_module, "RANKED_SCAN_FROM", 0)
    ranked = index.search(query, limit)
    monkeypatch.setattr(index_module, "RANKED_SCAN_FROM", 10**9)
    plain = index.search(query, limit)
    return ranked, plain


@pytest.mark.parametrize(
    "query",
    ["s", "she", "sheb", "zh", "j", "社", "yb", "gongj", "d", "证", "zheng", "x", "登记", "我要"],
)
@pytest.mark.parametrize("limit", [1, 5, 20, 60])
def test_ranked_scan_matches_plain_scoring(
    demo_index: SearchIndex, query: str, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranked, plain = both_ways(demo_index, query, limit, monkeypatch)
    assert ranked == plain
    assert len(plain) == min(limit, len(demo_index.search(query, limit=500)))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=4), limit=st.integers(1, 30))
def test_any_query_scores_the_same_both_ways(
    demo_index: SearchIndex, pieces: list[str], limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranked, plain = both_ways(demo_index, "".join(pieces), limit, monkeypatch)
    assert ranked == plain
