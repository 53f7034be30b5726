"""Search finds items by hanzi, full pinyin, initials or a mix, in the documented order."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from terminal.search import SearchHit, SearchIndex

MakeIndex = Callable[..., SearchIndex]


def codes(hits: list[SearchHit]) -> list[str]:
    """The item codes of hits, in order."""
    return [h.item_code for h in hits]


@pytest.fixture(scope="module")
def ranked(make_index: MakeIndex) -> SearchIndex:
    """Items built so that each kind of match has one representative for 社保."""
    return make_index(
        [
            ("t.keyword", "参保缴费证明开具", "社保"),  # a keyword, exactly
            ("t.inside", "城乡居民社保参保登记"),  # 社保 inside the name
            ("t.apart", "社会保障服务中心咨询"),  # 社…保 not adjacent: no match
            ("t.prefix", "社保卡申领"),
            ("t.exact", "社保"),
            ("t.other", "失业保险金申领"),
        ]
    )


def test_exact_then_prefix_then_keyword_then_substring(ranked: SearchIndex) -> None:
    hits = ranked.search("社保")
    assert codes(hits) == ["t.exact", "t.prefix", "t.keyword", "t.inside"]
    assert [h.match for h in hits] == ["exact", "prefix", "keyword", "substring"]
    assert [h.matched_on for h in hits] == ["name", "name", "keyword", "name"]
    assert hits[0].score > hits[1].score > hits[2].score > hits[3].score
    assert hits[2].term == "社保"


def test_full_pinyin_ranks_like_hanzi(ranked: SearchIndex) -> None:
    assert codes(ranked.search("shebao")) == ["t.exact", "t.prefix", "t.keyword", "t.inside"]
    assert ranked.search("shebao")[0].match == "exact"
    assert ranked.search("shebaok")[0].item_code == "t.prefix"  # partial last syllable


def test_initials_rank_below_prefix_and_above_keywords(make_index: MakeIndex) -> None:
    index = make_index(
        [
            ("k.keyword", "参保缴费证明开具", "sb测试", "社保"),
            ("k.initials", "商标注册申请"),  # 商标 shang biao: s-b by initials
            ("k.prefix", "sb专用通道"),  # literally starts with the letters s, b
            ("k.inside", "个人申报纳税"),  # 申报 shen bao: initials inside the name
        ]
    )
    hits = index.search("sb")
    assert codes(hits) == ["k.prefix", "k.initials", "k.inside", "k.keyword"]
    assert [h.match for h in hits] == ["prefix", "initials", "initials", "keyword"]


def test_sb_finds_social_insurance_first(demo_index: SearchIndex) -> None:
    hits = demo_index.search("sb", limit=5)
    names = [h.term for h in hits]
    assert all(term.startswith("社保") for term in names), names
    assert {"hrss.ss_card.apply", "hrss.ss_card.reissue"} <= set(codes(hits))
    assert all(h.match == "initials" for h in hits)


def test_yibao_finds_medical_insurance(demo_index: SearchIndex) -> None:
    hits = demo_index.search("yibao", limit=6)
    assert codes(hits)[:2] == ["med.remote_filing", "med.e_voucher"]  # 医保… names
    assert all(h.term.startswith("医保") for h in hits[:4])
    assert "med.insurance_proof" in codes(hits)  # 医疗保险… via the 医保 synonym


def test_synonyms_find_the_official_name(demo_index: SearchIndex) -> None:
    hits = demo_index.search("身份证", limit=5)
    assert "police.id_card.reissue" in codes(hits)
    assert all(h.matched_on == "synonym" and h.match == "prefix" for h in hits)
    assert demo_index.search("驾照")[0].item_code in {
        "traffic.licence_reissue",
        "traffic.licence_renew",
        "traffic.licence_transfer",
    }


def test_keyword_and_theme_names_find_items(demo_index: SearchIndex) -> None:
    [hit] = [h for h in demo_index.search("扯证") if h.item_code == "civil.marriage"]
    assert hit.matched_on == "keyword"
    theme_hits = demo_index.search("我要出入境", limit=10)
    assert {h.matched_on for h in theme_hits} == {"theme"}
    assert "exit.passport" in codes(theme_hits)


def test_mixed_hanzi_and_pinyin(demo_index: SearchIndex) -> None:
    assert codes(demo_index.search("社bk", limit=3))[0] == "hrss.ss_card.apply"
    assert codes(demo_index.search("gongjj", limit=2)) == [
        "fund.deposit_proof",
        "fund.loan",
    ]
    assert codes(demo_index.search("shbzk", limit=1)) == ["hrss.ss_card.apply"]


def test_polyphones_are_read_in_context(make_index: MakeIndex) -> None:
    index = make_index([("p.bank", "银行账户变更"), ("p.walk", "步行街管理")])
    assert codes(index.search("yinhang")) == ["p.bank"]
    assert codes(index.search("yh")) == ["p.bank"]
    assert codes(index.search("buxing")) == ["p.walk"]
    assert codes(index.search("行")) == ["p.walk", "p.bank"]  # any reading of the hanzi


def test_a_hanzi_matches_itself_not_its_homophones(make_index: MakeIndex) -> None:
    index = make_index([("h.proof", "证明开具"), ("h.policy", "政策咨询")])
    assert codes(index.search("证")) == ["h.proof"]
    assert codes(index.search("zheng")) == ["h.proof", "h.policy"]


def test_each_keystroke_narrows(demo_index: SearchIndex) -> None:
    typed = "gongjijin"
    sizes = [len(demo_index.search(typed[:n], limit=200)) for n in range(1, len(typed) + 1)]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] >= 5


def test_empty_and_meaningless_queries(demo_index: SearchIndex) -> None:
    assert demo_index.search("") == []
    assert demo_index.search("   ") == []
    assert demo_index.search("，。！") == []
    assert demo_index.search("社保", limit=0) == []
    assert demo_index.search("qqqqqq") == []


def test_query_is_normalised(demo_index: SearchIndex) -> None:
    plain = codes(demo_index.search("shebao"))
    assert codes(demo_index.search(" She Bao ")) == plain
    assert codes(demo_index.search("ＳＨＥＢＡＯ")) == plain  # full-width from an IME
    assert codes(demo_index.search("she'bao")) == plain


def test_a_smaller_limit_gives_the_top_of_a_larger_one(demo_index: SearchIndex) -> None:
    for query in ("s", "sh", "j", "zh", "证", "登记", "gjj"):
        full = demo_index.search(query, limit=50)
        assert demo_index.search(query, limit=7) == full[:7]
        assert codes(demo_index.search(query, limit=200))[:50] == codes(full)


def test_results_are_unique_items_best_first(demo_index: SearchIndex) -> None:
    hits = demo_index.search("b", limit=100)
    assert len(codes(hits)) == len(set(codes(hits)))
    keys = [(-h.score, h.item_code) for h in hits]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    assert len(demo_index) == 140
