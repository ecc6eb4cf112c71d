"""The stored index: built with rebuild_index into a migrated SQLite file, queried by Searcher."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskexam.services.search import Searcher
from cskexam.services.search_index import QuestionText, index_question_stems, rebuild_index
from cskexam.storage.db import open_database

from test_search_data import make_graph

NOW = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


class _Lib:
    def __init__(self, db):
        self.db = db


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    from cskexam.storage.db import open_database

    path = tmp_path_factory.mktemp("search") / "s.sqlite3"
    db = open_database(f"sqlite:///{path}")
    graph = make_graph()
    with db.session() as session:
        stats = rebuild_index(session, graph, NOW)
    assert stats.documents == len(graph)
    searcher = Searcher(_Lib(db))
    yield graph, searcher, f"sqlite:///{path}"
    searcher.close()
    db.close()


def titles(results):
    return [r.title for r in results]


def test_two_character_word_finds_competitor_types(indexed):
    _, s, _ = indexed
    got = titles(s.search("竞争者"))
    assert set(got[:5]) == {"愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者", "竞争者环境"}


def test_two_character_query_in_body_only(indexed):
    _, s, _ = indexed
    results = s.search("投诉")
    assert titles(results) == ["客户服务部门"]
    assert "投诉" in results[0].snippet


def test_title_hit_outranks_body_hit(indexed):
    _, s, _ = indexed
    got = titles(s.search("市场人口"))
    assert got[0] == "市场人口"
    assert "宏观环境分析" in got  # its list names 市场人口 in the body
    assert got.index("宏观环境分析") > 0


def test_exact_title_first_and_phrase_before_scattered(indexed):
    _, s, _ = indexed
    got = s.search("宏观环境分析")
    assert got[0].title == "宏观环境分析" and got[0].tier == 5
    five = s.search("五大特性")
    assert five[0].title == "客户服务的五大特性"


def test_phrase_in_body(indexed):
    _, s, _ = indexed
    r = s.search("着装")
    assert r[0].title == "客户服务着装第一要素"
    assert "整洁" in s.search("整洁")[0].snippet


def test_a_body_phrase_counts_as_written_letters_in_any_case(tmp_path):
    from cskexam.core.graph import KnowledgeGraph, Node

    g = KnowledgeGraph()
    g.nodes["doc"] = Node("doc", "document", "笔记")
    texts = {
        "split": ("客户资料", "客户资料录入CRM、系统之前要核对。"),
        "upper": ("客户关系管理", "企业用CRM系统记录客户资料。"),
        "words": ("资料整理", "系统里的资料按客户分类,CRM管理员负责。"),
    }
    for nid, (title, text) in texts.items():
        g.nodes[nid] = Node(nid, "point", title, text=text, parent="doc")
        g.nodes["doc"].children.append(nid)
    db = open_database(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    with db.session() as session:
        rebuild_index(session, g, NOW)
    searcher = Searcher(_Lib(db))
    try:
        got = searcher.search("crm系统")
        # 企业用CRM系统: the phrase as written (its case aside) ranks first and is the one highlighted.
        assert got[0].title == "客户关系管理" and got[0].tier == 3
        assert "CRM系统" in got[0].snippet
        # Punctuation between the words: both words, not the phrase.
        assert {r.title: r.tier for r in got[1:]} == {"客户资料": 2, "资料整理": 2}
        assert searcher.search("CRM系统")[0].title == "客户关系管理"
    finally:
        searcher.close()
        db.close()


def test_a_fragment_pasted_with_its_punctuation_is_a_phrase(indexed):
    _, s, _ = indexed
    got = s.search("是一种“大服务”不在")
    assert got[0].title == "服务环境" and got[0].tier == 3
    assert "一种“大服务”不在" in got[0].snippet
    assert s.search("负责处理客户的投诉、建议和问题")[0].title == "客户服务部门"


def test_definition_and_list_items_are_searched(indexed):
    _, s, _ = indexed
    assert s.search("相同需求")[0].title == "普通竞争者"
    got = titles(s.search("易消失性"))
    assert got[0] == "易消失性" and "客户服务的五大特性" in got


def test_mnemonic_is_searchable(indexed):
    _, s, _ = indexed
    assert s.search("宏五")[0].title == "宏观环境分析"


def test_typo_falls_back_to_fuzzy_candidates(indexed):
    _, s, _ = indexed
    r = s.search("营消环境")
    assert r[0].title == "营销环境" and r[0].fuzzy


@pytest.mark.parametrize("typo", ["竞挣者", "竟争者"])
def test_one_wrong_character_finds_the_title_that_starts_with_the_word(indexed, typo):
    _, s, _ = indexed
    got = s.search(typo)
    assert got[0].title == "竞争者环境" and got[0].fuzzy
    assert "竞争者" in got[0].matches
    # Every title holding the corrected word follows it.
    assert {"愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"} <= set(titles(got[:5]))


def test_two_characters_with_one_wrong_still_find_something(indexed):
    _, s, _ = indexed
    got = s.search("竞挣")
    assert got and got[0].title == "竞争者环境" and all(r.fuzzy for r in got)
    assert s.search("营消")[0].title == "营销环境"


def test_a_wrong_character_of_another_sound_is_corrected_too(indexed):
    _, s, _ = indexed
    # 明 is not 无 in sound: the correction comes from the characters the words share.
    got = s.search("明形性")
    assert got[0].title == "无形性" and got[0].fuzzy


def test_words_nobody_wrote_find_nothing(indexed):
    _, s, _ = indexed
    # Two characters found nowhere, and nothing that sounds like them.
    assert s.search("领带") == []
    assert s.search("zzzzqqq") == []


def test_pinyin_full_and_initials(indexed):
    _, s, _ = indexed
    assert s.search("shichang renkou")[0].title == "市场人口"
    assert s.search("shichangrenkou")[0].title == "市场人口"
    assert s.search("hghjfx")[0].title == "宏观环境分析"
    assert s.search("hgfx")[0].title == "宏观环境分析"  # initials with a word skipped
    assert s.search("renkou")[0].title == "市场人口"


def test_result_json_has_exactly_the_contract_keys(indexed):
    graph, s, _ = indexed
    r = s.search("普通竞争者")[0]
    data = r.to_json()
    assert list(data) == ["id", "kind", "title", "path", "snippet", "score"]
    assert data["id"] == "c2" and data["kind"] == "item"
    assert data["path"] == graph.path_titles("c2")
    assert data["path"][-1] == "竞争者环境"


def test_markup_like_text_is_plain_data(indexed):
    _, s, _ = indexed
    r = s.search("粗体")
    assert r and r[0].title == "a[i] 与 [/] 与 [b]粗体[/b]"


@pytest.mark.parametrize("query", ["", " ", "客", "\"", "'", "[A]", "AND", "竞争者 AND", "NOT OR NEAR(", "*", "^竞争者",
                                   "a.*b", "(((", "竞争者\"", "\x00", "💥", "a" * 500, "竞争者" * 200])
def test_hostile_queries_are_safe(indexed, query):
    _, s, _ = indexed
    results = s.search(query, 5)
    assert isinstance(results, list) and len(results) <= 5


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("竞争者环境客户\"'[]()*^:-+ ANDORNEAR.?\\$|{}营消 hgfx\x00\n")) | st.characters(), max_size=500))
def test_any_input_is_safe(indexed, query):
    _, s, _ = indexed
    for r in s.search(query, 10):
        assert r.id and isinstance(r.score, float)


@pytest.mark.parametrize("query, at_least", [("竞争者", 4), ("营消环境", 1), ("hgfx", 1)])
def test_fresh_process_query_loads_no_dictionary(indexed, query, at_least):
    _, _, url = indexed
    code = textwrap.dedent(
        f"""
        import sys, time, json
        from cskexam.storage.db import open_database
        from cskexam.services.search import Searcher
        class L: pass
        lib = L(); lib.db = open_database({url!r})
        t = time.perf_counter()
        r = Searcher(lib).search({query!r})
        ms = (time.perf_counter() - t) * 1000
        heavy = ("jieba", "rjieba", "pypinyin", "cskexam.storage.models_search")
        loaded = [m for m in heavy if m in sys.modules]
        print(json.dumps({{"n": len(r), "ms": ms, "loaded": loaded}}))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["n"] >= at_least
    # No segmenter, pinyin or fuzzy-matching library on the query path (the typo
    # path included); how fast it is, is bench/search.py's business.
    assert data["loaded"] == []


def test_question_stems_lead_to_their_node(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'q.sqlite3'}")
    graph = make_graph()
    with db.session() as session:
        rebuild_index(session, graph, NOW)
        n = index_question_stems(session, graph, [QuestionText("jn-001", "c2", "提供不同的产品以满足相同需求的是哪类？"),
                                                  QuestionText("jn-x", "gone", "不存在的节点")])
    assert n == 1
    s = Searcher(_Lib(db))
    try:
        r = s.search("哪类")
        assert [x.id for x in r] == ["c2"]
        assert "哪类" in r[0].snippet
        with db.session() as session:  # replacing drops the old stem
            index_question_stems(session, graph, [])
        assert s.search("哪类") == []
    finally:
        s.close()
        db.close()


def test_rebuild_replaces_the_index(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    graph = make_graph()
    with db.session() as session:
        rebuild_index(session, graph, NOW)
    del graph.nodes["dress"]
    graph.nodes["ch2"].children.remove("dress")
    with db.session() as session:
        rebuild_index(session, graph, NOW)
    s = Searcher(_Lib(db))
    try:
        assert s.search("着装") == []
        assert s.indexed_documents() == len(graph)
    finally:
        s.close()
        db.close()


def test_failed_import_leaves_old_index(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'f.sqlite3'}")
    graph = make_graph()
    with db.session() as session:
        rebuild_index(session, graph, NOW)
    with pytest.raises(RuntimeError):
        with db.session() as session:
            rebuild_index(session, make_graph(), NOW)
            raise RuntimeError("a later import step failed")
    s = Searcher(_Lib(db))
    try:
        assert s.search("着装")[0].title == "客户服务着装第一要素"
    finally:
        s.close()
        db.close()


def test_authored_question_stems_are_searched_after_an_import(tmp_db_url, tmp_path, bundled_graph):
    from cskexam.services.library import open_library
    from cskexam.services.questions import import_question_file

    library = open_library(tmp_db_url)
    searcher = Searcher(library)
    try:
        library.ensure_imported()
        technology = [n.id for n in bundled_graph.find("技术环境") if "宏观环境分析" in bundled_graph.path_titles(n.id)]
        # Only the stem of jn-003 in the bundled bank says this; the notes do not.
        got = searcher.search("这句话出自")
        assert got and got[0].id in technology
        assert "这句话出自" in got[0].snippet
        assert not any("紫罗兰色" in r.snippet for r in searcher.search("紫罗兰色的投诉单"))

        bank = tmp_path / "mine.yaml"
        bank.write_text(
            "document: 客户服务管理师二级-《技能理论》重点考点\n"
            "questions:\n"
            "  - id: my-001\n"
            "    type: 判断\n"
            "    stem: 客户用紫罗兰色的投诉单反映问题时，应先记录。\n"
            "    answer: 对\n"
            "    explanation: 先记录客户反映的问题，再处理。\n"
            "    node: [宏观环境分析, 技术环境]\n",
            encoding="utf-8",
        )
        import_question_file(library, bank, now=NOW)
        got = searcher.search("紫罗兰色的投诉单")
        assert got[0].id in technology and "紫罗兰色的投诉单" in got[0].snippet
        assert searcher.search("这句话出自")  # the bundled stems stay indexed
    finally:
        searcher.close()
        library.close()


def test_a_searcher_kept_open_sees_a_rebuilt_index(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'g.sqlite3'}")
    graph = make_graph()
    with db.session() as session:
        rebuild_index(session, graph, NOW)
    s = Searcher(_Lib(db))
    try:
        assert s.search("着装")  # the first query looks its words up,
        assert s.search("领带") == []  # the second reads the vocabulary and keeps it
        graph.nodes["dress"].text += "不系紫罗兰色领带"
        with db.session() as session:  # another connection writes the new index
            rebuild_index(session, graph, NOW)
        got = s.search("领带")
        assert [r.title for r in got] == ["客户服务着装第一要素"] and "领带" in got[0].snippet
    finally:
        s.close()
        db.close()


def test_results_show_each_nodes_body_and_path_as_the_notes_have_them(tmp_path, bundled_graph):
    from cskexam.core.search import node_body
    from cskexam.storage.search_repo import open_store

    db = open_database(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    try:
        with db.session() as session:
            rebuild_index(session, bundled_graph, NOW)
        with db.session() as session:
            store = open_store(session)
            ids = [r[0] for r in store.conn.execute("SELECT id FROM search_docs WHERE source = 'node' ORDER BY id")]
            shown = {row[1]: row for row in store.docs(ids).values()}
        assert len(shown) == len(bundled_graph)
        for node in bundled_graph:
            _, _, _, kind, title, path, body, _ = shown[node.id]
            assert (kind, title, body) == (node.kind, node.title, node_body(bundled_graph, node))
            assert (path.split("\x1f") if path else []) == bundled_graph.path_titles(node.id)
    finally:
        db.close()


_ORCHARD_NOTES = """园艺服务笔记
本笔记整理果园服务特征、服务质量和服务流程等内容，适合复习时通读，服务的各项要求都在下面。
第一章 果园服务概述
果园服务是果农为游客提供的采摘、导览与餐饮服务，其特征在于季节性强、受天气影响大，服务人员要熟悉果树的特征。
一、服务的特征
1.季节性
2.体验性
3.不可储存性
二、服务的五个特征与案例
三、服务流程
1.预约
2.接待
"""


def test_a_key_point_titled_by_the_query_words_outranks_a_document_that_says_them(tmp_path):
    from cskexam.core.notes import NoteSource, parse_notes

    db = open_database(f"sqlite:///{tmp_path / 'o.sqlite3'}")
    with db.session() as session:
        rebuild_index(session, parse_notes([NoteSource("orchard.txt", _ORCHARD_NOTES)]), NOW)
    s = Searcher(_Lib(db))
    try:
        # The document's text holds 服务特征 as written, the chapter's holds both words:
        # the key points titled by both words come first, the closer title first.
        got = s.search("服务特征")
        assert [(r.kind, r.title) for r in got[:2]] == [("point", "服务的特征"), ("item", "服务的五个特征与案例")]
        assert {r.kind for r in got[2:]} == {"document", "chapter"}
        # 特点 is in no note: of the titles with 服务, the one that holds 特 fits best.
        assert s.search("服务特点")[0].title == "服务的特征"
    finally:
        s.close()
        db.close()
