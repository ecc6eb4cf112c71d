"""Pure parts of search: normalising, query splitting, pinyin, typo corrections, highlighting, snippets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskexam.core.pinyin import PinyinConverter, char_readings, pinyin_keys, query_key
from cskexam.core.search import compact, highlight_spans, make_snippet, normalize
from cskexam.core.search.fuzzy import corrections, cutoff, gram_rows, sound_key, term_grams
from cskexam.core.search.query import segment_query


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
    assert convert(["重要", "重复"]) == ["zhong", "yao", "chong", "fu"]


def test_query_key_only_for_pinyin_like_queries():
    assert query_key("shichang renkou") == "shichangrenkou"
    assert query_key("hgfx") == "hgfx"
    assert query_key("市场") is None
    assert query_key("h") is None
    assert query_key("a*b") is None


def test_character_readings_spell_a_query_as_its_sound():
    readings = dict(char_readings())
    assert len(readings) > 6000
    assert readings["竞"] == readings["竟"] == "jing" and readings["挣"] == readings["争"] == "zheng"
    assert sound_key("竞挣者", readings) == sound_key("竞争者", readings) == "jingzhengzhe"
    assert sound_key("5s管里", {"管": "guan", "里": "li"}) == "5sguanli"  # queries come normalised
    assert sound_key("竞挣者", {"竞": "jing"}) is None  # a character without a reading


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


def test_term_grams_are_characters_and_pairs():
    assert term_grams("营销环境") == {"营", "销", "环", "境", "营销", "销环", "环境"}


def test_gram_rows_keep_the_commonest_chinese_words_per_gram():
    rows = dict(gram_rows([("营销环境", 3), ("营销", 9), ("crm", 50), ("营", 99), ("市场营销环境分析", 1)]))
    assert rows["营销"] == "营销 营销环境 市场营销环境分析"  # commonest first; no Latin words, no single characters
    assert "crm" not in " ".join(rows.values())


def test_corrections_allow_one_wrong_character():
    words = ["营销环境", "销售环境", "环境", "营销", "市场营销环境分析", "竞争者", "竞争"]
    got = corrections("营消环境", words, 3)
    assert got[0] == ("营销环境", 75.0)
    assert all(score >= 70.0 for _, score in got)
    # One wrong character in three passes; two do not.
    assert corrections("竞挣者", words, 3) == [("竞争者", pytest.approx(66.667, abs=0.01))]
    assert corrections("竞挣弄", words, 3) == []
    assert corrections("营消环境", ["宏观", "品牌竞争者"], 3) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=30))
def test_one_wrong_character_always_passes_the_cutoff(length):
    from rapidfuzz import fuzz

    word = "营" * length
    assert fuzz.ratio(word, "销" + word[1:]) >= cutoff(length)
    assert fuzz.ratio(word, "销销" + word[2:]) < cutoff(length) or length >= 7


def test_words_that_differ_by_a_number_are_read_once():
    converter = PinyinConverter()
    calls = []
    read = converter._read
    converter._read = lambda items: calls.append(items) or read(items)
    words = [f"要点{i}" for i in range(1, 2001)] + ["银行12", "12行为"]
    converter.learn(words)
    assert len(calls) == 1 and calls[0].count("要点") == 1  # one call, one reading of 要点
    assert converter.syllables(["要点12"]) == ["yao", "dian", "12"]
    assert converter.syllables(["银行12", "12行为"]) == ["yin", "hang", "12", "12", "xing", "wei"]
