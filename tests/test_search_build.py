"""Building the index: what the tokens are, what is stored, and databases made by an older release."""

from __future__ import annotations

import datetime as dt
import gzip
import re
import shutil

from cskexam.core.pinyin import PinyinConverter, pinyin_keys
from cskexam.core.search import compact, node_documents
from cskexam.core.search.documents import pinyin_rows
from cskexam.core.search.text import word_runs
from cskexam.core.search.tokenize import Tokenizer
from cskexam.core.segment import Segmenter, domain_terms
from cskexam.services.search import Searcher, ensure_index
from cskexam.services.search_index import INDEX_VERSION, QuestionText, index_question_stems, rebuild_index
from cskexam.storage.db import open_database
from cskexam.storage.search_repo import open_store

from pathlib import Path

NOW = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
OLD_RELEASE = Path(__file__).parent / "data" / "search-release-9b76200.sqlite3.gz"


class _Lib:
    def __init__(self, db):
        self.db = db


def test_tokens_are_the_search_words_and_every_dictionary_word_inside_them(bundled_graph):
    # cut_for_search's words, plus every dictionary word of 2+ characters inside
    # a Chinese word of 3+ (客户服务 inside 客户服务管理师, 10 inside 第10).
    segmenter = Segmenter(domain_terms(bundled_graph))
    tokenizer = Tokenizer(segmenter)
    texts = [n.title for n in bundled_graph] + [n.text for n in bundled_graph if n.text]
    runs = sorted({run for text in texts for run in word_runs(text)})
    for run in runs:
        expected = set()
        for word in segmenter.cut_for_search(run):
            expected.add(word)
            if len(word) >= 3 and re.search(r"[\u3400-\u9fff]", word):
                expected.update(w for w in segmenter.cut_all(word) if len(w) > 1)
        assert set(tokenizer.tokens(run).split()) == expected, run
    assert {"客户服务", "客户服务管理师"} <= set(tokenizer.words("客户服务管理师二级"))
    # No word crosses punctuation; full-width letters are folded.
    assert tokenizer.words("市场、人口") == ["市场", "人口"]
    assert "crm" in tokenizer.words("ＣＲＭ系统") and tokenizer.tokens("、，。") == ""


def test_node_documents_hold_titles_mnemonics_bodies_and_paths(bundled_graph):
    docs = node_documents(bundled_graph, Tokenizer(Segmenter(domain_terms(bundled_graph))))
    assert [d.node_id for d in docs] == list(bundled_graph.nodes) and [d.seq for d in docs] == list(range(len(docs)))
    macro = next(d for d in docs if d.title == "宏观环境分析")
    assert "宏观" in macro.title_tokens.split() and "宏五" in macro.title_tokens.split()  # the mnemonic
    assert macro.title_key == "宏观环境分析" and "市场人口" in macro.body  # its list items
    assert macro.path.split("\x1f") == bundled_graph.path_titles(macro.node_id)


def test_pinyin_rows_are_the_pinyin_keys_of_each_distinct_title(bundled_graph):
    tokenizer = Tokenizer(Segmenter(domain_terms(bundled_graph)))
    docs = node_documents(bundled_graph, tokenizer)
    converter = PinyinConverter()
    rows = pinyin_rows(docs, tokenizer, PinyinConverter())
    expected = set()
    for key in {compact(n.title) for n in bundled_graph if 0 < len(compact(n.title)) <= 16}:
        syllables = converter.syllables(tokenizer.segmenter.cut(key))
        title = next(n.title for n in bundled_graph if compact(n.title) == key)
        starts = {key.find(t) for t in tokenizer.words(title)} if len(syllables) == len(key) else set()
        expected |= {(k.key, key, k.start, k.initials) for k in pinyin_keys(syllables, starts)}
    assert set(rows) == expected and len(rows) == len(expected) > 100
    assert ("shichangrenkou", "市场人口", 0, False) in expected and ("renkou", "市场人口", 2, False) in expected


def test_stored_vocabulary_is_the_indexed_words_with_their_counts(tmp_path, bundled_graph):
    db = open_database(f"sqlite:///{tmp_path / 'v.sqlite3'}")
    try:
        with db.session() as session:
            stats = rebuild_index(session, bundled_graph, NOW)
        with db.session() as session:
            store = open_store(session)
            vocabulary = dict(store.conn.execute("SELECT term, df FROM search_terms").fetchall())
            rows = store.conn.execute("SELECT id, title FROM search_docs").fetchall()
            holding = {r[0] for r in store.conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH '\"竞争者\"'")}
            meta = store.meta()
        assert stats.documents == len(rows) == len(bundled_graph) and stats.terms == len(vocabulary)
        assert vocabulary["竞争者"] == len(holding) and "竞争者环境" in {t for i, t in rows if i in holding}
        assert meta["version"] == INDEX_VERSION and int(meta["max_term_chars"]) == max(map(len, vocabulary))
    finally:
        db.close()


def test_question_stems_bring_their_words_and_rebuilds_keep_the_readings(tmp_path, bundled_graph):
    db = open_database(f"sqlite:///{tmp_path / 'q.sqlite3'}")
    node_id = next(n.id for n in bundled_graph if n.title == "竞争者环境")
    try:
        with db.session() as session:
            rebuild_index(session, bundled_graph, NOW)
            index_question_stems(session, bundled_graph, [QuestionText("q1", node_id, "竞争者与琵琶行有何关系？")])
        searcher = Searcher(_Lib(db))
        try:
            assert [r.id for r in searcher.search("琵琶行")] == [node_id]
        finally:
            searcher.close()
        with db.session() as session:
            store = open_store(session)
            store.conn.execute("UPDATE search_readings SET reading = 'jing' WHERE char = '竟'")
            rebuild_index(session, bundled_graph, NOW)
            # The readings do not depend on the notes: a rebuild leaves them as they are.
            assert store.readings(["竟", "挣"]) == {"竟": "jing", "挣": "zheng"}
    finally:
        db.close()


def test_fts_tables_keep_no_token_counts(tmp_db_url):
    db = open_database(tmp_db_url)
    try:
        with db.engine.connect() as conn:
            sql = dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE name LIKE 'search%fts'").fetchall())
            shadow = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE name LIKE '%docsize'")}
        assert all("columnsize=0" in s for s in sql.values()) and len(sql) == 2
        assert not shadow
    finally:
        db.close()


def test_index_from_an_older_version_is_rebuilt_with_question_stems(tmp_path):
    from cskexam.services import library as library_mod

    lib = library_mod.open_library(f"sqlite:///{tmp_path / 'lib.sqlite3'}")
    lib.import_notes()
    with lib.db.session() as session:
        conn = open_store(session).conn
        stems = conn.execute("SELECT count(*) FROM search_docs WHERE source = 'question'").fetchone()[0]
        # What a migration of the index leaves: an empty index without a version.
        conn.execute("DELETE FROM search_meta")
        conn.execute("DELETE FROM search_docs")
    assert stems > 100
    assert ensure_index(lib) is True
    with lib.db.session() as session:
        conn = open_store(session).conn
        assert conn.execute("SELECT count(*) FROM search_docs WHERE source = 'question'").fetchone()[0] == stems
    assert ensure_index(lib) is False
    lib.db.close()


def test_a_database_made_by_the_previous_release_upgrades_and_searches(tmp_path):
    # Made by release 9b76200: the notes of test_search_data indexed as word ids,
    # with one question stem. Opening it migrates; the first search rebuilds the index.
    from cskexam.services.library import open_library

    path = tmp_path / "old.sqlite3"
    with gzip.open(OLD_RELEASE) as packed, open(path, "wb") as out:
        shutil.copyfileobj(packed, out)
    library = open_library(f"sqlite:///{path}")
    try:
        with library.db.session() as session:
            store = open_store(session)
            assert store.meta() == {} and store.doc_count() == 0  # the old index is gone
            assert "token" not in {r[1] for r in store.conn.execute("PRAGMA table_info(search_terms)")}
        assert ensure_index(library) is True
        searcher = Searcher(library)
        try:
            assert searcher.search("竞挣者")[0].title == "竞争者环境"
            assert searcher.search("hgfx")[0].title == "宏观环境分析"
        finally:
            searcher.close()
    finally:
        library.close()
