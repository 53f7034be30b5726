"""The pieces search is built from: units, readings, synonym rewriting."""

from __future__ import annotations

from terminal.search.pinyin_units import normalize, readings, syllables
from terminal.search.terms import SynonymRewriter, TermKind, collect_terms


def test_normalize_keeps_hanzi_letters_and_digits() -> None:
    assert normalize("个体工商户设立（开业）登记") == "个体工商户设立开业登记"
    assert normalize(" 12345 热线，Ａpp ") == "12345热线app"


def test_syllables_read_phrases_and_keep_letters() -> None:
    assert syllables("居民身份证") == ("ju", "min", "shen", "fen", "zheng")
    assert syllables("绿色通道") == ("lv", "se", "tong", "dao")  # ü typed as v
    assert syllables("app办理") == ("a", "p", "p", "ban", "li")
    assert syllables("重庆银行") == ("chong", "qing", "yin", "hang")


def test_readings_of_a_polyphone() -> None:
    assert set(readings("行")) >= {"xing", "hang"}
    assert readings("社") == ("she",)


def test_synonym_rewriting_respects_longer_terms() -> None:
    rewriter = SynonymRewriter([["身份证", "居民身份证"], ["户口", "户籍"], ["户口本", "户口簿"]])
    assert rewriter.variants("居民身份证补领") == ["身份证补领"]
    assert rewriter.variants("身份证挂失") == ["居民身份证挂失"]
    assert rewriter.variants("户口簿补领") == ["户口本补领"]  # 户口 inside 户口簿 stays
    assert rewriter.variants("户口迁移") == ["户籍迁移"]
    assert rewriter.variants("结婚登记") == []


def test_terms_are_shared_between_items() -> None:
    terms = collect_terms(
        ["社保卡申领", "医保报销"],
        [["社保"], ["社保", "报销"]],
        [("我要办社保", [0, 1])],
        [["社保", "社会保险"]],
    )
    by_text = {(t.text, t.kind): t for t in terms}
    assert by_text[("社保", TermKind.KEYWORD)].items == (0, 1)
    assert by_text[("社会保险", TermKind.KEYWORD)].items == (0, 1)
    assert by_text[("我要办社保", TermKind.THEME)].items == (0, 1)
    assert by_text[("社保卡申领", TermKind.NAME)].units[:2] == ("she", "bao")
