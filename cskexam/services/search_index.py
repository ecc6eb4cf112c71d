"""Building the stored search index, at import time.

``rebuild_index(session, graph, now)`` is an import step (see
``cskexam.services.library.IMPORT_STEPS``): it runs in the import's
transaction, segments every node once with the graph's titles as the user
dictionary, computes the pinyin keys of titles, and replaces the stored index.
Queries later need neither the segmenter nor pypinyin.

Question stems: the question service calls ``index_question_stems`` after it
has synced its questions (it runs after this step), and again whenever the
bank changes; the stems then lead to the node each question tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from cskexam.core.graph import KnowledgeGraph
from cskexam.core.pinyin import PinyinConverter, pinyin_keys
from cskexam.core.search import (
    IndexDoc,
    IndexTokenizer,
    QuestionText,
    build_documents,
    build_question_documents,
    term_grams,
)
from cskexam.core.segment import Segmenter, domain_terms

__all__ = ["IndexStats", "rebuild_index", "index_question_stems", "QuestionText", "INDEX_VERSION"]

INDEX_VERSION = "1"
# Typo candidates are words, not sentences.
GRAM_TERM_MAX_CHARS = 12
# Longer titles are sentences: nobody types their pinyin.
PINYIN_TITLE_MAX_CHARS = 16
_CJK_RANGE = ("\u3400", "\u9fff")


@dataclass
class IndexStats:
    documents: int
    terms: int
    pinyin_keys: int


def _is_cjk_word(term: str) -> bool:
    return any(_CJK_RANGE[0] <= ch <= _CJK_RANGE[1] for ch in term)


def _grams(terms: Iterable[str]) -> list[tuple[str, str]]:
    rows = []
    for term in terms:
        if 2 <= len(term) <= GRAM_TERM_MAX_CHARS and _is_cjk_word(term):
            rows.extend((g, term) for g in term_grams(term))
    return rows


def _pinyin_rows(docs: list[IndexDoc]) -> list[tuple[str, str, int, bool]]:
    converter = PinyinConverter()
    rows = []
    seen: set[str] = set()
    for doc in docs:
        key = doc.title_key
        if doc.source != "node" or not key or len(key) > PINYIN_TITLE_MAX_CHARS or key in seen:
            continue
        seen.add(key)
        syllables = converter.syllables([key])
        starts = {0}
        if len(syllables) == len(key):
            # One syllable per character, so character positions are syllable
            # positions: a key may start wherever an indexed word of the title
            # starts (renkou finds 市场人口).
            for token in set(doc.title_tokens.split()):
                pos = key.find(token)
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

    tokenizer = IndexTokenizer(Segmenter(domain_terms(graph)))
    docs = build_documents(graph, tokenizer)
    pinyin = _pinyin_rows(docs)
    conn = repo.dbapi_connection(session)
    conn.execute("DELETE FROM search_meta")
    repo.replace_documents(conn, docs)
    terms = repo.refresh_vocabulary(conn)
    repo.replace_grams(conn, _grams(terms))
    repo.replace_pinyin(conn, pinyin)
    repo.write_meta(
        conn,
        {"version": INDEX_VERSION, "documents": str(len(docs)), "built_at": now.astimezone(dt.timezone.utc).isoformat()},
    )
    return IndexStats(len(docs), len(terms), len(pinyin))


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
    return len(docs)
