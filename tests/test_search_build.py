"""Building the index: bulk tokenizing, the helper process, the FTS writer thread, the deferred checkpoint.

A big library is built on two cores (a helper process for the pinyin keys,
a thread writing FTS while the next bodies are cut); the index it stores
must be exactly the one a single thread builds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskexam.core.search import (
    WORD,
    IndexTokenizer,
    TokenIds,
    build_documents,
    compact,
    joined_runs,
    normalize,
    split_joined,
    tokenize_distinct,
    tokenize_texts,
)
from cskexam.core.segment import Segmenter, domain_terms
from cskexam.core import search as search_core
from cskexam.services import search_index
from cskexam.services.search import Searcher
from cskexam.services.search_index import pinyin_rows, pinyin_titles, rebuild_index
from cskexam.storage.db import open_database
from cskexam.storage.search_repo import _json_strings

NOW = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


def _runs_text_by_text(texts):
    return [WORD.findall(normalize(t)) for t in texts]


def _split_runs(runs):
    out, current = [], []
    for run in runs:
        if run == "\x1e":
            out.append(current)
            current = []
        else:
            current.append(run)
    out.append(current)
    return out


def test_joined_runs_are_the_runs_of_each_text():
    texts = [
        "客户服务的五大特性：无形性、不可分离性",
        "",
        "ＡＢＣ１２３ 全角字母",  # NFKC: full-width letters and digits
        "snake_case_words 与下划线",
        "藏了\x1e分隔符的文本",
        "控制\x07字符",
        "   ",
        "5S管理",
    ]
    assert _split_runs(joined_runs(texts)) == _runs_text_by_text(texts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=8))
def test_joined_runs_match_text_by_text_for_any_input(texts):
    assert _split_runs(joined_runs(texts)) == _runs_text_by_text(texts) if texts else joined_runs(texts) == []


_PIECE_TEXT = st.text(
    # Marks texts are cut into pieces at, separators, and characters NFKC changes
    # (full-width letters, circled digits, combining marks, ㈠).
    alphabet=st.sampled_from(list("市场人口客户服务ab1、,。，\x1d\x1e _Ａ①㈠\u0301é\n")), max_size=30
)


@pytest.fixture(scope="module")
def bundled_segmenter(bundled_graph):
    return Segmenter(domain_terms(bundled_graph))


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(_PIECE_TEXT, max_size=8))
def test_texts_cut_by_pieces_get_the_tokens_and_keys_of_each_text(bundled_segmenter, texts):
    tokens, keys = tokenize_texts(texts, IndexTokenizer(bundled_segmenter))
    one_by_one = IndexTokenizer(bundled_segmenter)
    assert keys == ["".join(WORD.findall(normalize(t))) for t in texts]
    assert [set(t.split()) for t in tokens] == [set(one_by_one.tokens(t)) for t in texts]


def test_split_joined_keys_one_per_text():
    texts = ["市场、人口", "", "宏观环境"]
    assert split_joined("".join(joined_runs(texts))) == ["市场人口", "", "宏观环境"]


def test_bulk_tokens_equal_text_by_text_tokens(bundled_graph):
    segmenter = Segmenter(domain_terms(bundled_graph))
    texts = [n.text for n in bundled_graph if n.text][:120]
    bulk, keys = tokenize_texts(texts, IndexTokenizer(segmenter))
    one_by_one = IndexTokenizer(segmenter)
    for text, tokens, key in zip(texts, bulk, keys):
        assert set(tokens.split()) == set(one_by_one.tokens(text))
        assert key == "".join(WORD.findall(normalize(text)))
    # Each word once per run: 市场人口 is cut into 市场, 人口 and itself, not twice.
    tokens = IndexTokenizer(segmenter).tokens("市场人口")
    assert len(tokens) == len(set(tokens))


def test_texts_cut_at_ellipses_and_width_variants_get_the_tokens_of_each_text(bundled_graph, monkeypatch):
    # The graph shortens long titles with …; full-width letters, digits and
    # circled numbers are normalised. Pieces without them are not.
    texts = [
        "优质的客户服务意识是留住企业“生命线”的…",
        "客户服务…服务…",
        "…市场人口",
        "ＣＲＭ系统…第１０章、①市场人口",
        "市场人口…①",
    ]
    segmenter = Segmenter(domain_terms(bundled_graph))
    one_by_one = [set(IndexTokenizer(segmenter).tokens(t)) for t in texts]
    expected_keys = ["".join(WORD.findall(normalize(t))) for t in texts]
    normalised: list[str] = []
    real = search_core._nfkc
    monkeypatch.setattr(search_core, "_nfkc", lambda form, text: normalised.append(text) or real(form, text))
    tokens, keys = tokenize_texts(texts, IndexTokenizer(segmenter))
    assert [set(t.split()) for t in tokens] == one_by_one
    assert keys == expected_keys == ["优质的客户服务意识是留住企业生命线的", "客户服务服务", "市场人口", "crm系统第10章1市场人口", "市场人口1"]
    # Only the pieces with width variants or circled numbers: none with … or the titles' plain words.
    assert normalised and all("…" not in piece and "客户服务" not in piece for piece in normalised)


def test_tokens_are_the_search_words_and_every_dictionary_word_inside_them(bundled_graph):
    # The definition the index is built to: cut_for_search's words, plus every
    # dictionary word of 2+ characters inside a word of 3+ (客户服务 inside
    # 客户服务管理师, 10 inside 第10), however the tokenizer gets there.
    segmenter = Segmenter(domain_terms(bundled_graph))
    texts = [n.title for n in bundled_graph] + [n.text for n in bundled_graph if n.text]
    runs = sorted({run for text in texts for run in WORD.findall(normalize(text))})
    tokenizer = IndexTokenizer(segmenter)
    got = tokenizer.joined_token_strings(joined_runs(runs))
    assert len(got) == len(runs)
    for run, tokens in zip(runs, got):
        expected = set()
        for word in segmenter.cut_for_search(run):
            expected.add(word)
            if len(word) >= 3 and re.search(r"[\u3400-\u9fff]", word):
                expected.update(w for w in segmenter.cut_all(word) if len(w) > 1)
        assert set(tokens.split()) == expected, run
    assert any("客户服务" in t.split() and "客户服务管理师" in t.split() for t in got)


def test_repeated_and_empty_texts_get_the_tokens_of_each_text(bundled_graph):
    segmenter = Segmenter(domain_terms(bundled_graph))
    notes = [n.text for n in bundled_graph if n.text][:40]
    # Repeated and empty texts, and texts that are nothing but punctuation.
    texts = ["", *notes[:10], "", "、，。", *notes[:5], *notes[10:], "", ""]
    tokens, keys = tokenize_texts(texts, IndexTokenizer(segmenter))
    one_by_one = IndexTokenizer(segmenter)
    assert len(tokens) == len(keys) == len(texts)
    for text, text_tokens in zip(texts, tokens):
        assert set(text_tokens.split()) == set(one_by_one.tokens(text))
    assert keys == ["".join(WORD.findall(normalize(t))) for t in texts]
    assert tokenize_texts([], IndexTokenizer(segmenter)) == ([], [])
    assert tokenize_texts([""], IndexTokenizer(segmenter)) == ([""], [""])


def test_token_ids_are_short_ascii_and_continue_from_stored_pairs():
    ids = TokenIds()
    words = ["市场", "人口", "市场人口", "5s", *(f"词{i}" for i in range(2000))]
    got = ids.encode(words)
    assert len(set(got)) == len(words) == len(ids)
    assert all(re.fullmatch(r"[0-9a-z]{1,3}", t) for t in got)
    assert ids.encode(words[::-1]) == got[::-1]  # a word keeps its id
    assert ids.encode(["市场 人口", "5s"]) == [f"{got[0]} {got[1]}", got[3]]
    assert [ids.word_of(t) for t in got] == words and ids.word_of("zzzz") is None
    # A later index (question stems) starts from the stored pairs: old words
    # keep their ids and a new word gets one nobody has.
    later = TokenIds(ids.pairs())
    assert later.encode(["人口"]) == [got[1]]
    assert later.encode(["满足相同需求"])[0] not in got


def test_tokens_as_ids_are_the_same_words(bundled_graph):
    segmenter = Segmenter(domain_terms(bundled_graph))
    texts = [n.title for n in bundled_graph] + [n.text for n in bundled_graph if n.text]
    words, word_keys = tokenize_texts(texts, IndexTokenizer(segmenter))
    with_ids = IndexTokenizer(segmenter, TokenIds())
    tokens, keys = tokenize_texts(texts, with_ids)
    assert keys == word_keys
    assert [with_ids.words(t) for t in tokens] == [w.split() for w in words]
    assert all(re.fullmatch(r"[0-9a-z ]*", t) for t in tokens)
    # The same texts give the same ids, whatever the order words are hashed in.
    again = IndexTokenizer(segmenter, TokenIds())
    assert tokenize_texts(texts, again)[0] == tokens
    assert with_ids.tokens("市场人口") == IndexTokenizer(segmenter).tokens("市场人口")


def test_stored_index_holds_ids_that_the_vocabulary_maps_to_words(tmp_path, bundled_graph):
    db, _ = _build(tmp_path, "ids.sqlite3", bundled_graph)
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            raw.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, search_fts, row)")
            indexed = dict(raw.execute("SELECT term, doc FROM temp.v").fetchall())
            vocabulary = {token: (term, df) for term, token, df in raw.execute("SELECT term, token, df FROM search_terms")}
            rowids = {
                r[0] for r in raw.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (f'"{vocabulary_id(vocabulary, "竞争者")}"',))
            }
            titles = dict(raw.execute("SELECT id, title FROM search_docs").fetchall())
        assert set(indexed) == set(vocabulary)
        assert all(re.fullmatch(r"[0-9a-z]{1,3}", t) for t in indexed)
        assert all(df == indexed[token] for token, (_, df) in vocabulary.items())
        assert "竞争者环境" in {titles[r] for r in rowids}
    finally:
        db.close()


def test_question_stems_keep_the_ids_of_the_node_words(tmp_path, bundled_graph):
    from cskexam.services.search_index import QuestionText, index_question_stems

    db, _ = _build(tmp_path, "stems.sqlite3", bundled_graph)
    node_id = next(n.id for n in bundled_graph if n.title == "竞争者环境")

    def pairs():
        with db.engine.connect() as conn:
            return dict(conn.connection.driver_connection.execute("SELECT term, token FROM search_terms").fetchall())

    try:
        before = pairs()
        with db.session() as session:
            index_question_stems(session, bundled_graph, [QuestionText("q1", node_id, "竞争者与琵琶行有何关系？")])
        after = pairs()
        assert all(after[term] == token for term, token in before.items())
        assert set(after) - set(before)  # the stem brought words of its own
        assert len(set(after.values())) == len(after)
        searcher = Searcher(_Lib(db))
        try:
            assert [r.id for r in searcher.search("琵琶行")] == [node_id]
        finally:
            searcher.close()
    finally:
        db.close()


class _Lib:
    def __init__(self, db):
        self.db = db


def vocabulary_id(vocabulary, word):
    return next(token for token, (term, _) in vocabulary.items() if term == word)


def test_json_strings_round_trip(monkeypatch):
    for strings in ([], [""], ["市场 人口", "a b"], ['带"引号'], ["反\\斜杠"], ["\x01"], ["a", "b", "c"]):
        assert json.loads(_json_strings(strings)) == strings
    # Tokens take the fast way, without json.dumps.
    monkeypatch.setattr(json, "dumps", lambda *a, **k: pytest.fail("tokens went through json.dumps"))
    assert _json_strings(["市场 人口 市场人口", "宏观 环境"]) == '["市场 人口 市场人口","宏观 环境"]'


def test_pinyin_rows_json_round_trip(bundled_graph, monkeypatch):
    tokenizer = IndexTokenizer(Segmenter(domain_terms(bundled_graph)))
    given = search_index.pinyin_input(pinyin_titles(bundled_graph), tokenizer)
    rows = search_index.pinyin_rows_from(*given)
    text, count = search_index.pinyin_rows_json(*given)
    assert count == len(rows) > 100
    # Sorted by (key, title key), the table's order.
    assert json.loads(text) == [list(r) for r in sorted(rows)]
    assert [tuple(r[:2]) for r in json.loads(text)] == sorted({r[:2] for r in rows})
    # Anything JSON would have to escape takes json.dumps.
    odd = [("a", '带"引号', 0, True), ("b", "反\\斜杠", 1, False), ("c", "控制\x01", 0, False)]
    monkeypatch.setattr(search_index, "pinyin_rows_from", lambda *a: odd)
    assert json.loads(search_index.pinyin_rows_json([], [], [])[0]) == [list(r) for r in odd]


def _index_contents(db):
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        docs = raw.execute("SELECT * FROM search_docs ORDER BY id").fetchall()
        terms = raw.execute("SELECT term, token, df FROM search_terms ORDER BY term").fetchall()
        grams = raw.execute("SELECT * FROM search_grams ORDER BY gram").fetchall()
        pinyin = raw.execute("SELECT * FROM search_pinyin ORDER BY key, title_key").fetchall()
        matches = {
            term: raw.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid", (f'"{token}"',)).fetchall()
            for term, token, _ in terms[::7]
        }
        title_matches = {
            term: raw.execute(
                "SELECT rowid FROM search_title_fts WHERE search_title_fts MATCH ? ORDER BY rowid", (f'"{token}"',)
            ).fetchall()
            for term, token, _ in terms[::7]
        }
    assert any(matches.values()) and any(title_matches.values())
    return docs, terms, grams, pinyin, matches, title_matches


def _build(tmp_path, name, graph, **kwargs):
    db = open_database(f"sqlite:///{tmp_path / name}")
    with db.session() as session:
        stats = rebuild_index(session, graph, NOW, **kwargs)
    return db, stats


@pytest.fixture
def wait_for_helper(monkeypatch):
    # A small library's titles are cut before the helper is up, and the keys
    # would be computed in-process: here the build waits for the helper.
    monkeypatch.setattr(search_index, "HELPER_START_WAIT_S", 120.0)


def test_two_core_build_stores_the_same_index(tmp_path, bundled_graph, monkeypatch, wait_for_helper):
    # Small chunks, so that the writer thread gets several and pinyin can arrive between them.
    monkeypatch.setattr(search_index, "FTS_CHUNK", 40)
    serial, serial_stats = _build(tmp_path, "serial.sqlite3", bundled_graph, parallel=False)
    parallel, parallel_stats = _build(tmp_path, "parallel.sqlite3", bundled_graph, parallel=True)
    try:
        assert parallel_stats.pinyin_helper and not serial_stats.pinyin_helper
        assert parallel_stats.pinyin_keys == serial_stats.pinyin_keys > 100
        assert _index_contents(parallel) == _index_contents(serial)
    finally:
        serial.close()
        parallel.close()


def test_spawned_helper_computes_the_same_pinyin_keys(tmp_path, bundled_graph, monkeypatch, wait_for_helper):
    # Where there is no fork server (macOS, Windows).
    monkeypatch.setattr(search_index, "_start_method", lambda: "spawn")
    serial, _ = _build(tmp_path, "serial.sqlite3", bundled_graph, parallel=False)
    spawned, stats = _build(tmp_path, "spawned.sqlite3", bundled_graph, parallel=True)
    try:
        assert stats.pinyin_helper
        assert _index_contents(spawned)[3] == _index_contents(serial)[3]
    finally:
        serial.close()
        spawned.close()


def test_build_without_helper_process_falls_back_in_process(tmp_path, bundled_graph, monkeypatch):
    import concurrent.futures

    def no_processes(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_processes)
    db, stats = _build(tmp_path, "fallback.sqlite3", bundled_graph, parallel=True)
    try:
        assert not stats.pinyin_helper
        assert stats.pinyin_keys == len(pinyin_rows(pinyin_titles(bundled_graph), domain_terms(bundled_graph)))
        results = Searcher(type("L", (), {"db": db})()).search("hgfx")
        assert results and results[0].title == "宏观环境分析"
    finally:
        db.close()


def test_writer_error_reaches_the_import_and_nothing_is_kept(tmp_path, bundled_graph, monkeypatch):
    db = open_database(f"sqlite:///{tmp_path / 'e.sqlite3'}")
    with db.session() as session:
        rebuild_index(session, bundled_graph, NOW, parallel=False)
    before = _index_contents(db)

    def broken(title_tokens, body_tokens, first_rowid):
        return [("INSERT INTO no_such_table VALUES (?)", (first_rowid,))]

    monkeypatch.setattr("cskexam.storage.search_repo.fts_statements", broken)
    with pytest.raises(sqlite3.OperationalError):
        with db.session() as session:
            rebuild_index(session, bundled_graph, NOW, parallel=True)
    try:
        assert _index_contents(db) == before
    finally:
        db.close()


def test_big_build_defers_its_checkpoint_until_asked(tmp_path, bundled_graph):
    db = open_database(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    try:
        with db.session() as session:
            rebuild_index(session, bundled_graph, NOW, parallel=False)
        assert db.checkpoint_pending
        with db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            # The connection that built the index checkpoints again as usual.
            assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        wal = tmp_path / "c.sqlite3-wal"
        assert wal.stat().st_size > 0
        assert db.checkpoint() is True
        assert db.checkpoint() is False  # nothing pending any more
        with db.engine.connect() as conn:
            busy, log, done = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            assert log == done
    finally:
        db.close()


def test_build_merges_no_segments_and_leaves_merging_on(tmp_path, bundled_graph, monkeypatch):
    monkeypatch.setattr(search_index, "FTS_CHUNK", 40)
    db, _ = _build(tmp_path, "m.sqlite3", bundled_graph, parallel=True)
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            for table in ("search_fts", "search_title_fts"):
                config = dict(raw.execute(f"SELECT k, v FROM {table}_config").fetchall())
                # Later writes (question stems) merge as FTS5 does by default.
                assert config["automerge"] == 4
            # One segment per chunk of documents: nothing was merged on the way.
            structure = raw.execute("SELECT count(DISTINCT segid) FROM search_fts_idx").fetchone()[0]
            assert structure >= len(bundled_graph) // 40
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


def test_index_from_an_older_version_is_rebuilt_with_question_stems(tmp_path, monkeypatch):
    from cskexam.services import library as library_mod
    from cskexam.services.search import ensure_index
    from cskexam.storage.search_repo import dbapi_connection

    lib = library_mod.open_library(f"sqlite:///{tmp_path / 'lib.sqlite3'}")
    lib.import_notes()
    with lib.db.session() as session:
        conn = dbapi_connection(session)
        stems = conn.execute("SELECT count(*) FROM search_docs WHERE source = 'question'").fetchone()[0]
        # What migration 0007 leaves: an empty index without a version.
        conn.execute("DELETE FROM search_meta")
        conn.execute("DELETE FROM search_docs")
    assert stems > 100
    assert ensure_index(lib) is True
    with lib.db.session() as session:
        conn = dbapi_connection(session)
        assert conn.execute("SELECT count(*) FROM search_docs WHERE source = 'question'").fetchone()[0] == stems
    assert ensure_index(lib) is False
    lib.db.close()


def test_build_documents_is_the_composition(bundled_graph):
    docs = build_documents(bundled_graph, IndexTokenizer(Segmenter(domain_terms(bundled_graph))))
    assert len(docs) == len(bundled_graph)
    first = next(i for i, t in enumerate(docs.titles) if t == "宏观环境分析")
    assert "宏观" in docs.title_tokens[first].split()
    assert docs.title_keys[first] == "宏观环境分析"


class _Pool:
    """A helper's pool that is handed tasks and runs none of them itself."""

    def __init__(self, *args, **kwargs):
        self.futures = []
        self.shut = False

    def shutdown(self, wait=True, cancel_futures=False):
        self.shut = True

    def submit(self, fn, *args):
        from concurrent.futures import Future

        future = Future()
        future.task = (fn, args)
        self.futures.append(future)
        return future


def test_a_helper_still_starting_when_the_keys_are_needed_is_not_waited_for(bundled_graph):
    from concurrent.futures import Future

    tokenizer = IndexTokenizer(Segmenter(domain_terms(bundled_graph)))
    given = search_index.pinyin_input(pinyin_titles(bundled_graph), tokenizer)
    helper = search_index._PinyinHelper(wanted=False)
    helper._pool, helper._loaded = _Pool(), Future()  # the fork server is still loading
    helper.start(*given)
    assert not helper.ready()
    text, count = helper.rows_json()
    assert not helper.used and count == len(json.loads(text)) > 100
    assert helper._pool.futures[0].cancelled()  # a helper up later does not compute them again


def test_a_helper_that_is_up_is_waited_for_its_keys(bundled_graph):
    import threading
    from concurrent.futures import Future

    tokenizer = IndexTokenizer(Segmenter(domain_terms(bundled_graph)))
    given = search_index.pinyin_input(pinyin_titles(bundled_graph), tokenizer)
    helper = search_index._PinyinHelper(wanted=False)
    helper._pool, helper._loaded = _Pool(), Future()
    helper._loaded.set_result(None)
    helper.start(*given)
    future = helper._pool.futures[0]
    fn, args = future.task
    # The helper finishes the keys a while after they are asked for.
    threading.Timer(0.3, lambda: future.set_result(fn(*args))).start()
    text, count = helper.rows_json()
    assert helper.used and count == len(json.loads(text)) > 100


def test_keys_asked_for_before_the_fork_server_is_up_go_to_the_helper_once_it_is(bundled_graph, monkeypatch):
    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _Pool)
    tokenizer = IndexTokenizer(Segmenter(domain_terms(bundled_graph)))
    given = search_index.pinyin_input(pinyin_titles(bundled_graph), tokenizer)
    helper = search_index._PinyinHelper(wanted=False)
    helper.start(*given)  # the titles are cut while the fork server still loads
    helper._start_pool()  # ... and then it is up
    tasks = [f.task[0] for f in helper._pool.futures]
    assert tasks == [search_index._preload_pinyin, search_index.pinyin_rows_json]
    # A server that comes up after the build is over is let go at once.
    late = search_index._PinyinHelper(wanted=False)
    late.close()
    late._start_pool()
    assert late._pool is None


def test_body_chunks_cut_each_distinct_body_once_and_keep_the_order(bundled_graph, monkeypatch):
    segmenter = Segmenter(domain_terms(bundled_graph))
    notes = [n.text for n in bundled_graph if n.text][:30]
    # Passages repeated far apart, as a big library repeats them across chunks.
    bodies = notes[:12] + notes[5:20] + ["", *notes[:3]] + notes[18:] + notes[::4]
    expected_tokens, _ = tokenize_texts(bodies, IndexTokenizer(segmenter))
    cut: list[str] = []

    def counting(texts, tokenizer, with_keys=True):
        cut.extend(texts)
        return tokenize_distinct(texts, tokenizer, with_keys)

    monkeypatch.setattr(search_index, "FTS_CHUNK", 7)
    monkeypatch.setattr(search_index, "tokenize_distinct", counting)
    chunks = list(search_index._body_chunks(bodies, IndexTokenizer(segmenter)))
    assert [start for start, _ in chunks] == list(range(0, len(bodies), 7))
    assert [t for _, tokens in chunks for t in tokens] == expected_tokens
    assert sorted(cut) == sorted(set(bodies))


def test_body_tokens_without_keys_are_the_same_tokens(bundled_graph):
    bodies = list(dict.fromkeys(n.text for n in bundled_graph if n.text))
    tokens, keys = tokenize_distinct(bodies, IndexTokenizer(Segmenter(domain_terms(bundled_graph))))
    assert tokenize_distinct(bodies, IndexTokenizer(Segmenter(domain_terms(bundled_graph))), with_keys=False) == (tokens, [])
    assert keys == [compact(b) for b in bodies]
    repeated = bodies + bodies[:3]
    assert tokenize_texts(repeated, IndexTokenizer(Segmenter(domain_terms(bundled_graph))), with_keys=False) == (
        tokens + tokens[:3],
        [],
    )


def test_pinyin_rows_are_the_pinyin_keys_of_each_title(bundled_graph):
    from cskexam.core.pinyin import pinyin_keys

    tokenizer = IndexTokenizer(Segmenter(domain_terms(bundled_graph)))
    keys, words, tokens, _ = search_index.pinyin_input(pinyin_titles(bundled_graph), tokenizer)
    # Titles of letters and digits, a long one, and one shorter than two letters.
    extra = ["5S管理", "客户服务管理师二级技能理论重点考点总复习", "一", "CRM系统"]
    more = search_index.pinyin_input(extra, tokenizer)
    keys, words, tokens = keys + more[0], words + more[1], tokens + more[2]
    syllables_of = search_index._pinyin_converter().syllables
    expected = []
    for key, key_words, key_tokens in zip(keys, words, tokens):
        syllables = syllables_of(key_words.split())
        starts = {0}
        if len(syllables) == len(key):
            starts |= {key.find(t) for t in set(key_tokens.split()) if key.find(t) > 0}
        expected += [(pk.key, key, pk.start, pk.initials) for pk in pinyin_keys(syllables, starts)]
    assert sorted(search_index.pinyin_rows_from(keys, words, tokens)) == sorted(expected)
    assert any(start > 0 for _, _, start, _ in expected) and any(i for *_, i in expected)


def test_pinyin_rows_from_id_tokens_are_those_from_words(bundled_graph):
    segmenter = Segmenter(domain_terms(bundled_graph))
    titles = pinyin_titles(bundled_graph)
    with_ids = IndexTokenizer(segmenter, TokenIds())
    tokenize_texts(titles[::2], with_ids)  # words seen before get their ids first
    given = search_index.pinyin_input(titles, with_ids)
    assert given[3] is not None and given[3] is not with_ids.ids.words_by_id  # a copy goes to the helper
    rows = search_index.pinyin_rows_from(*given)
    assert sorted(rows) == sorted(search_index.pinyin_rows_from(*search_index.pinyin_input(titles, IndexTokenizer(segmenter))))
    assert json.loads(search_index.pinyin_rows_json(*given)[0]) == [list(r) for r in sorted(rows)]


def test_pinyin_input_from_the_titles_of_every_document_is_that_of_the_distinct_titles(bundled_graph):
    # The build hands over the tokens it cut every document's title into.
    segmenter = Segmenter(domain_terms(bundled_graph))
    every = [n.title for n in bundled_graph] * 2
    tokenizer = IndexTokenizer(segmenter, TokenIds())
    tokenized = tokenize_texts(every, tokenizer)
    given = search_index.pinyin_input(every, tokenizer, tokenized)
    assert given[:3] == search_index.pinyin_input(pinyin_titles(bundled_graph), tokenizer)[:3]
    assert len(given[0]) == len(set(given[0])) > 100
