"""Building the stored search index, at import time.

``rebuild_index(session, graph, now)`` is an import step (see
``cskexam.services.library.IMPORT_STEPS``): it runs in the import's
transaction, segments every node once with the graph's titles as the user
dictionary, computes the pinyin keys of titles, and replaces the stored index.
Queries later need neither the segmenter nor pypinyin.

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
    IndexDocs,
    IndexTokenizer,
    QuestionText,
    build_documents,
    build_question_documents,
    term_grams,
)
from cskexam.core.segment import Segmenter, domain_terms

__all__ = ["IndexStats", "rebuild_index", "index_question_stems", "QuestionText", "INDEX_VERSION"]

INDEX_VERSION = "2"
# Typo candidates are words, not sentences.
GRAM_TERM_MAX_CHARS = 12
# Words kept per 2-gram, the commonest first: bounds the typo candidates of a query.
GRAM_TERMS_KEPT = 200
# Longer titles are sentences: nobody types their pinyin.
PINYIN_TITLE_MAX_CHARS = 16
_CJK_RANGE = ("\u3400", "\u9fff")


@dataclass
class IndexStats:
    documents: int
    terms: int
    pinyin_keys: int
    # Seconds per build phase, for bench/search.py and diagnostics.
    phases: dict[str, float] = field(default_factory=dict)


def _is_cjk_word(term: str) -> bool:
    return any(_CJK_RANGE[0] <= ch <= _CJK_RANGE[1] for ch in term)


def _grams(terms: Iterable[tuple[str, int]]) -> list[tuple[str, str]]:
    """(gram, words) rows: the words of each character 2-gram, commonest first, at most GRAM_TERMS_KEPT."""
    by_gram: dict[str, list[tuple[int, str]]] = {}
    for term, df in terms:
        if 2 <= len(term) <= GRAM_TERM_MAX_CHARS and _is_cjk_word(term):
            for gram in term_grams(term):
                by_gram.setdefault(gram, []).append((-df, term))
    rows = []
    for gram, words in by_gram.items():
        words.sort()
        rows.append((gram, " ".join(term for _, term in words[:GRAM_TERMS_KEPT])))
    return rows


def _pinyin_rows(docs: IndexDocs, segmenter: Segmenter) -> list[tuple[str, str, int, bool]]:
    """Pinyin keys of every distinct title (many key points share a title)."""
    titles = dict(zip(docs.title_keys, docs.title_tokens))
    titles = {k: v for k, v in titles.items() if k and len(k) <= PINYIN_TITLE_MAX_CHARS}
    if not titles:
        return []
    converter = PinyinConverter()
    keys = list(titles)
    # Word by word, for the readings of polyphones (银行) and a cache hit on
    # every word titles share; one segmenter call for all titles.
    words_of = " ".join(segmenter.cut("\n".join(keys))).split(" \n ")
    if len(words_of) != len(keys):  # pragma: no cover - a segmenter that merges whitespace
        words_of = [" ".join(segmenter.cut(k)) for k in keys]
    rows = []
    syllables_of = converter.syllables
    for key, words in zip(keys, words_of):
        syllables = syllables_of(words.split())
        starts = {0}
        if len(syllables) == len(key):
            # One syllable per character, so character positions are syllable
            # positions: a key may start wherever an indexed word of the title
            # starts (renkou finds 市场人口).
            find = key.find
            for token in set(titles[key].split()):
                pos = find(token)
                if pos > 0:
                    starts.add(pos)
        for pk in pinyin_keys(syllables, starts):
            rows.append((pk.key, key, pk.start, pk.initials))
    return rows


def rebuild_index(session, graph: KnowledgeGraph, now: dt.datetime) -> IndexStats:
    """Import step: replace the stored index with one built from ``graph``.

    Indexed question stems are dropped with the rest; the question service
    indexes them again after this step (see ``index_question_stems``).
    """
    from cskexam.storage import search_repo as repo

    with _without_cycle_collection():
        return _rebuild(repo, session, graph, now)


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


def _rebuild(repo, session, graph: KnowledgeGraph, now: dt.datetime) -> IndexStats:
    phases: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now_ = time.perf_counter()
        phases[name] = now_ - clock[0]
        clock[0] = now_

    segmenter = Segmenter(domain_terms(graph))
    docs = build_documents(graph, IndexTokenizer(segmenter))
    lap("segment documents")
    pinyin = _pinyin_rows(docs, segmenter)
    lap("pinyin keys")
    conn = repo.dbapi_connection(session)
    generation = _next_generation(conn)
    conn.execute("DELETE FROM search_meta")
    repo.replace_documents(conn, docs)
    lap("write documents + FTS")
    terms = repo.refresh_vocabulary(conn)
    repo.replace_grams(conn, _grams(terms))
    lap("vocabulary + typo grams")
    repo.replace_pinyin(conn, pinyin)
    repo.write_meta(
        conn,
        {
            "version": INDEX_VERSION,
            "documents": str(len(docs)),
            "built_at": now.astimezone(dt.timezone.utc).isoformat(),
            "generation": generation,
        },
    )
    lap("write pinyin")
    return IndexStats(len(docs), len(terms), len(pinyin), phases)


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

    tokenizer = IndexTokenizer(Segmenter(domain_terms(graph)))
    docs = build_question_documents(graph, questions, tokenizer)
    conn = repo.dbapi_connection(session)
    repo.replace_question_docs(conn, docs)
    repo.replace_grams(conn, _grams(repo.refresh_vocabulary(conn)))
    repo.write_meta(conn, {"generation": _next_generation(conn)})
    return len(docs)
