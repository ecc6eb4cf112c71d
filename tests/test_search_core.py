"""Pure parts of search: normalising, query splitting, pinyin keys, highlighting, snippets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskexam.core.pinyin import PinyinConverter, pinyin_keys, query_key
from cskexam.core.search import (
    best_corrections,
    compact,
    highlight_spans,
    indel_ratio,
    make_snippet,
    normalize,
    segment_query,
    term_grams,
)


def test_normalize_folds_width_case_and_controls():
    assert normalize("ＡＢＣ１２３\x1b[31m") == "abc123 [31m"
    assert compact("市场 人口！") == "市场人口"


def test_segment_query_prefers_longest_known_terms():
    known = {"客户", "服务", "客户服务", "管理", "特性", "五大"}
    assert segment_query("客户服务管理", known, 4) == [("客户服务", True), ("管理", True)]
    assert segment_query("五大特性", known, 4) == [("五大", True), ("特性", True)]


def test_segment_query_keeps_latin_words_whole():
    known = {"qq", "5s", "管理"}
    assert segment_query("zzqqq", known, 4) == [("zzqqq", False)]
    assert segment_query("qq", known, 4) == [("qq", True)]
    assert segment_query("5s管理", known, 4) == [("5s", True), ("管理", True)]


def test_segment_query_groups_unknown_characters():
    assert segment_query("营消环境", {"环境"}, 4) == [("营消", False), ("环境", True)]
    assert segment_query("xyz", set(), 4) == [("xyz", False)]


def test_pinyin_keys_full_and_initials_from_every_word():
    syllables = PinyinConverter().syllables(["宏观", "环境", "分析"])
    assert syllables == ["hong", "guan", "huan", "jing", "fen", "xi"]
    keys = {k.key: k for k in pinyin_keys(syllables, [0, 2, 4])}
    assert keys["hongguanhuanjingfenxi"].start == 0 and not keys["hongguanhuanjingfenxi"].initials
    assert keys["hghjfx"].initials and keys["hghjfx"].start == 0
    assert keys["fenxi"].start == 4 and "hjfx" not in keys
    assert "guanhuanjingfenxi" not in keys  # keys start at words, not inside them
    assert {k.key for k in pinyin_keys(["yin", "hang"])} == {"yinhang", "yh"}


def test_polyphones_read_from_phrases():
    convert = PinyinConverter().syllables
    assert convert(["银行"]) == ["yin", "hang"]
    assert convert(["行为规范"]) == ["xing", "wei", "gui", "fan"]
    assert convert(["绿色", "5S管理"]) == ["lv", "se", "5s", "guan", "li"]


def test_query_key_only_for_pinyin_like_queries():
    assert query_key("shichang renkou") == "shichangrenkou"
    assert query_key("hgfx") == "hgfx"
    assert query_key("市场") is None
    assert query_key("h") is None
    assert query_key("a*b") is None


def test_highlight_spans_are_case_insensitive_and_disjoint():
    text = "客户服务着装第一要素是整洁，客户服务人员"
    assert highlight_spans(text, ["客户服务", "客户"]) == [(0, 4), (14, 18)]
    assert highlight_spans("FSRS and fsrs", ["fsrs"]) == [(0, 4), (9, 13)]
    assert highlight_spans("abc", [""]) == []


def test_snippet_centres_on_first_match():
    body = "甲" * 100 + "投诉" + "乙" * 100
    snippet = make_snippet(body, ["投诉"], width=40)
    assert "投诉" in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert make_snippet("短文本", ["无"]) == "短文本"


def test_term_grams():
    assert term_grams("营销环境") == {"营销", "销环", "环境"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="营销消环境售服务竞争者ab", max_size=14), st.text(alphabet="营销消环境售服务竞争者ab", max_size=14))
def test_indel_ratio_is_rapidfuzz_ratio(a, b):
    from rapidfuzz import fuzz

    assert indel_ratio(a, b) == pytest.approx(fuzz.ratio(a, b))


def test_best_corrections_finds_the_typo_and_respects_the_cutoff():
    words = ["营销环境", "销售环境", "环境", "营销", "市场营销环境分析"]
    got = best_corrections("营消环境", words, 70.0, 3)
    assert got[0] == ("营销环境", 75.0)
    assert all(score >= 70.0 for _, score in got)
    assert best_corrections("营消环境", ["宏观", "品牌竞争者"], 70.0, 3) == []
