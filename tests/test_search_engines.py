"""Search on both engines: SQLite (FTS5) and PostgreSQL (GIN over word arrays) rank alike."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
from pathlib import Path

from cskexam.services.search import Searcher
from cskexam.services.search_index import QuestionText, index_question_stems, rebuild_index
from cskexam.storage.db import open_database

from test_search_data import make_graph

NOW = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
TYPOS = ["竞挣者", "竟争者", "竞挣", "营消环境", "职业到德", "明形性", "售后服物", "客户服务管里师", "财负部"]
OTHERS = ["hgfx", "hghjfx", "shichang renkou", "renkou", "khfw", "客户 投诉", "CRM系统", "5S", "的", "一", "zzzzqqq",
          "是一种“大服务”不在", "竞争者 AND", "\"", "a" * 200]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_search", Path(__file__).parent.parent / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _top(url: str, graph, queries: list[str]) -> dict[str, list]:
    db = open_database(url)
    try:
        with db.session() as session:
            rebuild_index(session, graph, NOW)
        searcher = Searcher(type("L", (), {"db": db})())
        try:
            return {q: [(r.id, r.tier, r.fuzzy, r.score, r.snippet) for r in searcher.search(q, 10)] for q in queries}
        finally:
            searcher.close()
    finally:
        db.close()


def test_the_bundled_notes_and_the_bench_queries_rank_alike_on_both_engines(tmp_db_url, pg_url, bundled_graph):
    bench = _bench()
    titles = [n.title for n in bundled_graph if n.kind != "document"]
    queries = [q for _, q in bench.query_mix(bundled_graph, random.Random(17))]
    queries = list(dict.fromkeys(queries + random.Random(3).sample(titles, 60) + TYPOS + OTHERS))
    on_sqlite, on_postgres = _top(tmp_db_url, bundled_graph, queries), _top(pg_url, bundled_graph, queries)
    assert on_postgres == on_sqlite
    assert sum(bool(got) for got in on_sqlite.values()) > 0.9 * len(queries)
    assert on_postgres["竞挣者"][0][0] in {n.id for n in bundled_graph.find("竞争者环境")}


def test_question_stems_are_replaced_and_rebuilds_replace_the_index(db_url):
    db = open_database(db_url)
    graph = make_graph()
    try:
        with db.session() as session:
            rebuild_index(session, graph, NOW)
            index_question_stems(session, graph, [QuestionText("q1", "c2", "提供不同的产品以满足相同需求的是哪类？")])
        searcher = Searcher(type("L", (), {"db": db})())
        try:
            assert [r.id for r in searcher.search("哪类")] == ["c2"]
            with db.session() as session:
                index_question_stems(session, graph, [])
            assert searcher.search("哪类") == []
            del graph.nodes["dress"]
            graph.nodes["ch2"].children.remove("dress")
            with db.session() as session:
                rebuild_index(session, graph, NOW)
            assert searcher.search("着装") == [] and searcher.indexed_documents() == len(graph)
            assert searcher.search("竞挣者")[0].title == "竞争者环境"
        finally:
            searcher.close()
    finally:
        db.close()


HOSTILE = ["竞争者 AND", "NOT OR NEAR(", "\x00", "💥", "a%b_c", "100%", "竞争者\"", "'; DROP TABLE x; --", "%(x)s", "?1 :a"]


def test_hostile_queries_are_text_on_both_engines(db_url):
    db = open_database(db_url)
    try:
        with db.session() as session:
            rebuild_index(session, make_graph(), NOW)
        searcher = Searcher(type("L", (), {"db": db})())
        try:
            for query in HOSTILE:
                assert isinstance(searcher.search(query, 5), list), query
            assert searcher.search("竞争者")  # the index is still there
        finally:
            searcher.close()
    finally:
        db.close()
