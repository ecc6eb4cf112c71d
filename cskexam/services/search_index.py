"""Building the stored search index, at import time.

``rebuild_index(session, graph, now)`` is an import step (see
``cskexam.services.library.IMPORT_STEPS``): it runs in the import's
transaction, segments every node once with the graph's titles as the user
dictionary, computes the pinyin keys of titles, and replaces the stored index.
Queries later need neither the segmenter nor pypinyin.

A big library is built on two cores: a helper process computes the pinyin
keys, and a thread has FTS5 index each chunk of documents (one statement,
the GIL released) while the next chunk is cut. The commit leaves the pages in
the WAL; the caller checkpoints afterwards (``Database.checkpoint``).

Question stems: the question service calls ``index_question_stems`` (through
``cskexam.services.questions.index_authored_stems``) after it has synced its
questions in the same import (it runs after this step), and after every bank
import; the stems of authored and imported questions then lead to the node
each question tests.

Every write of the index bumps ``search_meta.generation``: a ``Searcher`` keeps
the vocabulary in memory until that changes.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable

from cskexam.core.graph import KnowledgeGraph
from cskexam.core.pinyin import PinyinConverter, pinyin_keys
from cskexam.core.search import (
    IndexTokenizer,
    QuestionText,
    TokenIds,
    decode_tokens,
    add_bodies,
    assemble_documents,
    build_question_documents,
    document_titles,
    term_grams,
    tokenize_distinct,
    tokenize_texts,
    with_mnemonics,
)
from cskexam.core.segment import Segmenter, domain_terms

__all__ = ["IndexStats", "rebuild_index", "index_question_stems", "QuestionText", "INDEX_VERSION"]

INDEX_VERSION = "5"
# Typo candidates are words, not sentences.
GRAM_TERM_MAX_CHARS = 12
# Words kept per 2-gram, the commonest first: bounds the typo candidates of a query.
GRAM_TERMS_KEPT = 200
# Longer titles are sentences: nobody types their pinyin.
PINYIN_TITLE_MAX_CHARS = 16
_CJK_RANGE = ("\u3400", "\u9fff")
# From this many key points on, the build uses a second core (a worker process
# for the pinyin keys, a thread writing FTS): below it, starting them costs
# more than they save (measured: 10k builds faster in one thread, 20k in two).
PARALLEL_MIN_NODES = 15000
# Documents per FTS statement: writing one chunk overlaps cutting the next.
FTS_CHUNK = 8000
# How long a build that needs its pinyin keys waits for a helper process that
# is not up yet (tests wait for it); past that the keys are computed in this
# process. Not zero: while this thread cuts it holds the GIL, and the thread
# that hears from the helper may not yet have run to say it is up.
HELPER_START_WAIT_S = 0.05
# Page cache of the building connection, in KiB.
BUILD_CACHE_KIB = 128 * 1024


@dataclass
class IndexStats:
    documents: int
    terms: int
    pinyin_keys: int
    # Seconds per build phase, for bench/search.py and diagnostics.
    phases: dict[str, float] = field(default_factory=dict)
    # Whether the pinyin keys came from the helper process.
    pinyin_helper: bool = False


def _is_cjk_word(term: str) -> bool:
    return any(_CJK_RANGE[0] <= ch <= _CJK_RANGE[1] for ch in term)


def _grams(terms: Iterable[tuple[str, int]]) -> list[tuple[str, str]]:
    """(gram, words) rows: the words of each character 2-gram, commonest first, at most GRAM_TERMS_KEPT."""
    words = [(-df, term) for term, df in terms if 2 <= len(term) <= GRAM_TERM_MAX_CHARS and _is_cjk_word(term)]
    # Sorted once, commonest first: each gram's list is then filled in order.
    words.sort()
    by_gram: dict[str, list[str]] = {}
    for _, term in words:
        for gram in term_grams(term):
            got = by_gram.get(gram)
            if got is None:
                by_gram[gram] = [term]
            elif len(got) < GRAM_TERMS_KEPT:
                got.append(term)
    return [(gram, " ".join(kept)) for gram, kept in by_gram.items()]


def pinyin_titles(graph: KnowledgeGraph) -> list[str]:
    """The distinct titles of the graph: pinyin_rows keys those short enough to be typed in pinyin."""
    return list(dict.fromkeys(n.title for n in graph.nodes.values()))


PinyinInput = tuple[list[str], list[str], list[str], "dict[str, str] | None"]


def pinyin_input(
    titles: list[str], tokenizer: IndexTokenizer, tokenized: tuple[list[str], list[str]] | None = None
) -> PinyinInput:
    """What the pinyin keys of ``titles`` are computed from: (keys, words, tokens, words_by_id), one each per distinct key.

    ``tokenized`` is ``tokenize_texts(titles, tokenizer)`` where the caller
    has it already (the build cuts the titles for the index first).

    ``words`` is the title as ``cut`` splits it (the readings of polyphones
    follow words: 银行), ``tokens`` its index tokens (keys start at them),
    as ids if the tokenizer gives ids: ``words_by_id`` then decodes them
    (where the keys are computed, in the helper process). The segmenter work
    is done here, so that computing the keys needs no dictionary but
    pypinyin's (see _PinyinHelper).
    """
    tokens_of: dict[str, str] = {}
    for tokens, key in zip(*(tokenized or tokenize_texts(titles, tokenizer))):
        if key and len(key) <= PINYIN_TITLE_MAX_CHARS:
            tokens_of.setdefault(key, tokens)
    keys = list(tokens_of)
    if not keys:
        return [], [], [], None
    cut = tokenizer.segmenter.cut
    # One segmenter call for all titles.
    words = " ".join(cut("\n".join(keys))).split(" \n ")
    if len(words) != len(keys):  # pragma: no cover - a segmenter that merges whitespace
        words = [" ".join(cut(k)) for k in keys]
    # A copy: the helper's input is sent while the bodies get their ids.
    words_by_id = dict(tokenizer.ids.words_by_id) if tokenizer.ids is not None else None
    return keys, words, [tokens_of[k] for k in keys], words_by_id


_converter: PinyinConverter | None = None


def _pinyin_converter() -> PinyinConverter:
    # One per process: loading pypinyin's dictionaries is most of its cost.
    global _converter
    if _converter is None:
        _converter = PinyinConverter()
    return _converter


def pinyin_rows_from(
    keys: list[str], words: list[str], tokens: list[str], words_by_id: dict[str, str] | None = None
) -> list[tuple[str, str, int, bool]]:
    """(key, title_key, start, initials) rows from ``pinyin_input``: pure Python, no segmenter."""
    if words_by_id is not None:
        tokens = decode_tokens(tokens, words_by_id)
    rows: list[tuple[str, str, int, bool]] = []
    append = rows.append
    syllables_of = _pinyin_converter().syllables
    for key, key_words, key_tokens in zip(keys, words, tokens):
        syllables = syllables_of(key_words.split())
        starts: Iterable[int] = ()
        if len(syllables) == len(key):
            # One syllable per character, so character positions are syllable
            # positions: a key may start wherever an indexed word of the title
            # starts (renkou finds 市场人口).
            find = key.find
            starts = {find(token) for token in key_tokens.split()}
        for pinyin_key, start, initials in pinyin_keys(syllables, starts):
            append((pinyin_key, key, start, initials))
    return rows


def pinyin_rows(titles: list[str], user_terms: list[str]) -> list[tuple[str, str, int, bool]]:
    """The pinyin key rows of ``titles``, sorted (what the index stores)."""
    return sorted(pinyin_rows_from(*pinyin_input(titles, IndexTokenizer(Segmenter(user_terms)))))


def pinyin_rows_json(
    keys: list[str], words: list[str], tokens: list[str], words_by_id: dict[str, str] | None = None
) -> tuple[str, int]:
    """``pinyin_rows_from`` as the JSON array ``search_repo.pinyin_statements`` reads, sorted, and its length."""
    rows = pinyin_rows_from(keys, words, tokens, words_by_id)
    if not rows:
        return "[]", 0
    # Keys are [a-z0-9] and title keys word characters: JSON takes them as
    # they are, and formatting each row is several times faster than json.dumps.
    texts = [f'"{key}","{title}",{start},{"true" if initials else "false"}' for key, title, start, initials in rows]
    body = "".join(texts)
    if body.count('"') != 4 * len(rows) or "\\" in body or not body.isprintable():
        import json

        return json.dumps(sorted(rows), ensure_ascii=False), len(rows)
    # In the table's (key, title key) order, which spares SQLite a sort while
    # it holds the import's connection. The texts sort in that order: the
    # quote after a key or title sorts below any letter, digit or character
    # that could follow it in another, and (key, title key) is unique, so
    # the rest never decides. Strings sort several times faster than tuples.
    texts.sort()
    return f"[[{'],['.join(texts)}]]", len(rows)


# -- the helper process -----------------------------------------------------------


def _preload_pinyin() -> None:
    """First task of the helper: load pypinyin's dictionaries while the importer cuts the titles."""
    _pinyin_converter()


def _start_method() -> str:
    """How the helper process starts: forked from a fork server where there is one (Linux), spawned elsewhere.

    Not forked from this process: its pages would be shared copy-on-write,
    and a build touches most of them (reference counts), which costs half a
    second of page faults at 100k key points; forking with other threads
    running (the TUI's) is not safe either. A fork server is a small process
    of its own, started once, and safe with threads.
    """
    import multiprocessing

    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class _PinyinHelper:
    """A second process computing the pinyin keys while this one cuts the bodies.

    The keys are pure Python (pypinyin's dictionaries to load, then string
    work per title), so a thread would not help; on the second core they
    cost the build no time. The process comes from a fork server (see
    _start_method) and loads the dictionaries at once. Without it (a small
    library, no process can be started here, or the helper is not up when
    the keys are needed) they are computed in this process.

    The first helper of a program starts the fork server, which loads the
    program and the dictionaries: half a second that a thread waits out,
    not the build.
    """

    def __init__(self, wanted: bool):
        import threading

        self._pool = None
        self._future = None
        self._loaded = None
        self._input: tuple | None = None
        self._closed = False
        self._lock = threading.Lock()
        self._starter: threading.Thread | None = None
        self.used = False  # the keys came from the helper
        if wanted:
            self._starter = threading.Thread(target=self._start_pool, name="search-index-helper", daemon=True)
            self._starter.start()

    def _start_pool(self) -> None:
        try:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context(_start_method())
            if context.get_start_method() == "forkserver":
                # The server loads the program (as a spawned process would)
                # and pypinyin's dictionaries once; the helper of each build
                # is forked from it with both loaded.
                context.set_forkserver_preload(["__main__", "cskexam.services.search_helper"])
            pool = ProcessPoolExecutor(1, mp_context=context)
            loaded = pool.submit(_preload_pinyin)
        except Exception:  # noqa: BLE001 - no helper here: in-process
            return
        with self._lock:
            if self._closed:  # the build is over
                pool.shutdown(wait=False, cancel_futures=True)
                return
            self._pool, self._loaded = pool, loaded
            if self._input is not None:
                self._submit()

    def _submit(self) -> None:
        try:
            self._future = self._pool.submit(pinyin_rows_json, *self._input)
        except Exception:  # noqa: BLE001 - the helper is gone: in-process
            self._future = None

    def start(
        self, keys: list[str], words: list[str], tokens: list[str], words_by_id: dict[str, str] | None = None
    ) -> None:
        """Hand the keys' input (see ``pinyin_input``) to the helper, up or still starting; ``rows_json`` decides who computes them."""
        with self._lock:
            self._input = (keys, words, tokens, words_by_id)
            if self._pool is not None:
                self._submit()

    def ready(self) -> bool:
        future = self._future
        return future is not None and future.done()

    def rows_json(self) -> tuple[str, int]:
        """The rows as JSON (see search_repo.pinyin_statements), and how many.

        A helper that is up is waited for: it has been computing the keys
        since the titles were cut. One still starting could take longer than
        computing them here.
        """
        if self._starter is not None:
            self._starter.join(HELPER_START_WAIT_S)
        with self._lock:
            future, loaded = self._future, self._loaded
        if future is not None:
            try:
                loaded.result(timeout=HELPER_START_WAIT_S)
                got = future.result()
                self.used = True
                return got
            except Exception:  # noqa: BLE001 - not up yet, or it died or failed: compute here
                future.cancel()
        return pinyin_rows_json(*self._input)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None


class _StatementWriter:
    """Runs SQL statements on the import's connection from a second thread, in order.

    Each statement writes thousands of rows read from one JSON array (see
    ``search_repo.fts_statements``); SQLite releases the GIL for the whole of
    it, so FTS5 indexes one chunk of documents on one core while this thread
    cuts the next chunk on the other. The caller must not use the connection
    until ``close()`` has returned.
    """

    def __init__(self, conn, threaded: bool):
        self._conn = conn
        self._error: BaseException | None = None
        self._queue = None
        self._thread = None
        if threaded:
            import queue
            import threading

            self._queue = queue.SimpleQueue()
            self._thread = threading.Thread(target=self._run, name="search-index-writer", daemon=True)
            self._thread.start()

    def submit(self, statements: list[tuple[str, tuple]]) -> None:
        if self._error is not None:
            raise self._error
        if self._queue is None:
            for sql, params in statements:
                self._conn.execute(sql, params)
        else:
            self._queue.put(statements)

    def _run(self) -> None:
        while True:
            work = self._queue.get()
            if work is None:
                return
            if self._error is not None:
                continue  # drain: the caller re-raises the first error
            try:
                for sql, params in work:
                    self._conn.execute(sql, params)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                self._error = exc

    def close(self) -> None:
        """Wait for every statement; re-raise the first that failed."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        if self._error is not None:
            raise self._error


def rebuild_index(session, graph: KnowledgeGraph, now: dt.datetime, *, parallel: bool | None = None) -> IndexStats:
    """Import step: replace the stored index with one built from ``graph``.

    Indexed question stems are dropped with the rest; the question service
    indexes them again after this step (see ``index_question_stems``).
    """
    from cskexam.storage import search_repo as repo

    with _without_cycle_collection():
        return _rebuild(repo, session, graph, now, parallel)


@contextmanager
def _without_cycle_collection():
    """The build makes millions of short lists and tuples and no reference
    cycles: the cycle collector would only re-scan them (a fifth of the build)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rebuild(repo, session, graph: KnowledgeGraph, now: dt.datetime, parallel: bool | None) -> IndexStats:
    from cskexam.storage.db import defer_checkpoint

    phases: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now_ = time.perf_counter()
        phases[name] = now_ - clock[0]
        clock[0] = now_

    if parallel is None:
        parallel = len(graph.nodes) >= PARALLEL_MIN_NODES
    user_terms = domain_terms(graph)
    # The segmenter loads its dictionary on the first cut, not here.
    ids = TokenIds()
    tokenizer = IndexTokenizer(Segmenter(user_terms), ids)
    helper = _PinyinHelper(parallel)
    conn = repo.dbapi_connection(session)
    defer_checkpoint(session)
    cache_pages = conn.execute("PRAGMA cache_size").fetchone()[0]
    # The documents of a big library are written once: keeping their pages
    # in memory until the commit beats writing some of them twice.
    conn.execute(f"PRAGMA cache_size = {-BUILD_CACHE_KIB}")
    try:
        texts = document_titles(graph)
        title_tokens, title_keys = tokenize_texts(texts.titles, tokenizer)
        helper.start(*pinyin_input(texts.titles, tokenizer, (title_tokens, title_keys)))
        title_tokens = with_mnemonics(texts, title_tokens, tokenizer)
        generation = _next_generation(conn)
        conn.execute("DELETE FROM search_meta")
        repo.clear_documents(conn)
        pinyin_count = 0
        pinyin_sent = False
        writer = _StatementWriter(conn, threaded=parallel)

        def send_pinyin(wait: bool) -> None:
            nonlocal pinyin_sent, pinyin_count
            if pinyin_sent or not (wait or helper.ready()):
                return
            rows_json, pinyin_count = helper.rows_json()
            writer.submit(repo.pinyin_statements(rows_json))
            pinyin_sent = True

        try:
            # The titles are indexed while the bodies are prepared.
            writer.submit(repo.title_fts_statements(title_tokens, 1))
            add_bodies(graph, texts)
            lap("prepare + cut titles")
            body_tokens: list[str] = []
            for start, tokens in _body_chunks(texts.bodies, tokenizer):
                body_tokens += tokens
                writer.submit(repo.fts_statements(title_tokens[start : start + len(tokens)], tokens, start + 1))
                send_pinyin(wait=False)
            lap("cut bodies (+ FTS)")
            send_pinyin(wait=True)
            lap("pinyin keys (wait)")
        finally:
            writer.close()
        repo.finish_documents(conn)
        lap("FTS (wait)")
        docs = assemble_documents(texts, title_tokens, title_keys, body_tokens)
        repo.insert_node_docs(conn, docs)
        repo.index_node_docs(conn)
        lap("write documents")
        terms = repo.refresh_vocabulary(conn, ids)
        repo.replace_grams(conn, _grams(terms))
        repo.write_meta(
            conn,
            {
                "version": INDEX_VERSION,
                "documents": str(len(docs)),
                "built_at": now.astimezone(dt.timezone.utc).isoformat(),
                "generation": generation,
            },
        )
        lap("vocabulary + typo grams")
    finally:
        helper.close()
        conn.execute(f"PRAGMA cache_size = {cache_pages}")
    return IndexStats(len(docs), len(terms), pinyin_count, phases, helper.used)


def _body_chunks(bodies: list[str], tokenizer: IndexTokenizer):
    """(first position, tokens) of the bodies, FTS_CHUNK at a time, in order.

    Each distinct body is cut once over the whole library, not once per
    chunk (notes repeat passages all over); the distinct bodies are cut in
    the order they first appear, as far as each chunk needs.
    """
    position: dict[str, int] = {}
    index = [position.setdefault(body, len(position)) for body in bodies]
    distinct = list(position)
    tokens: list[str] = []
    for start in range(0, len(bodies), FTS_CHUNK):
        chunk = index[start : start + FTS_CHUNK]
        # First appearances come in order, so the chunk needs the distinct bodies up to its largest.
        needed = max(chunk) + 1
        if needed > len(tokens):
            tokens += tokenize_distinct(distinct[len(tokens) : needed], tokenizer, with_keys=False)[0]
        yield start, list(map(tokens.__getitem__, chunk))


def _next_generation(conn) -> str:
    """A new value for search_meta 'generation': searchers keep the vocabulary until it changes."""
    from cskexam.storage.search_repo import index_meta

    try:
        return str(int(index_meta(conn).get("generation", "0")) + 1)
    except ValueError:
        return "1"


def index_question_stems(session, graph: KnowledgeGraph, questions: Iterable[QuestionText]) -> int:
    """Replace the indexed question stems; returns how many were indexed.

    Stems of questions whose node is not in ``graph`` are skipped.
    """
    from cskexam.storage import search_repo as repo

    conn = repo.dbapi_connection(session)
    # The stems' words get the ids the node documents already use.
    ids = TokenIds(repo.token_ids(conn))
    tokenizer = IndexTokenizer(Segmenter(domain_terms(graph)), ids)
    docs = build_question_documents(graph, questions, tokenizer)
    repo.replace_question_docs(conn, docs)
    repo.replace_grams(conn, _grams(repo.refresh_vocabulary(conn, ids)))
    repo.write_meta(conn, {"generation": _next_generation(conn)})
    return len(docs)
