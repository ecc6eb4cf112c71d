"""Building the stored search index, at import time.

``rebuild_index(session, graph, now)`` is an import step: in the import's
transaction it cuts every node into index words once (the graph's titles are
the segmenter's user dictionary), computes the titles' pinyin keys and
replaces the stored index; queries need neither the segmenter nor pypinyin.
The question service calls ``index_question_stems`` after it has synced its
questions (in the same import, and after a bank import): authored stems lead
to the node each question tests. Every write bumps ``search_meta.generation``:
a ``Searcher`` keeps the vocabulary until that changes.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Iterable

from cskexam.core.graph import KnowledgeGraph
from cskexam.core.pinyin import PinyinConverter, char_readings
from cskexam.core.search.documents import QuestionText, iter_node_documents, question_documents, title_pinyin_rows
from cskexam.core.search.fuzzy import gram_rows
from cskexam.core.search.text import compact
from cskexam.core.search.tokenize import Tokenizer
from cskexam.core.segment import Segmenter, domain_terms

__all__ = ["IndexStats", "rebuild_index", "index_question_stems", "QuestionText", "INDEX_VERSION"]

# Bumped when what the index holds changes: an index of another version is rebuilt (see ensure_index).
INDEX_VERSION = "6"


@dataclass
class IndexStats:
    documents: int
    terms: int
    pinyin_keys: int
    phases: dict[str, float] = field(default_factory=dict)  # seconds per build phase, for bench/search.py


def rebuild_index(session, graph: KnowledgeGraph, now: dt.datetime) -> IndexStats:
    """Import step: replace the stored index with one built from ``graph``.

    Indexed question stems are dropped with the rest; the question service
    indexes them again after this step (see ``index_question_stems``).
    """
    from cskexam.storage.search_repo import open_store

    phases: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        phases[name], clock = time.perf_counter() - clock, time.perf_counter()

    store = open_store(session)
    tokenizer = Tokenizer(Segmenter(domain_terms(graph)))
    # Generators all the way to the driver: a big library is never held whole as documents or keys.
    titles = ((key, node.title) for node in graph if (key := compact(node.title)))
    pinyin = _Counted(title_pinyin_rows(titles, tokenizer, PinyinConverter()))
    store.replace_pinyin(pinyin)
    lap("pinyin keys")
    documents = store.replace_documents(iter_node_documents(graph, tokenizer))
    # The readings of characters do not depend on the notes: written once.
    if not store.has_readings():
        store.replace_readings(char_readings())
    lap("documents")
    terms = _refresh_vocabulary(store)
    store.write_meta(
        {"version": INDEX_VERSION, "documents": str(documents), "built_at": now.astimezone(dt.timezone.utc).isoformat()}
    )
    lap("vocabulary")
    return IndexStats(documents, len(terms), pinyin.count, phases)


class _Counted:
    """An iterator that counts what passes."""

    def __init__(self, items: Iterable):
        self._items = iter(items)
        self.count = 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self._items)
        self.count += 1
        return item


def _refresh_vocabulary(store) -> list[tuple[str, int]]:
    terms = store.refresh_vocabulary()
    store.replace_grams(gram_rows(terms))
    generation = store.meta().get("generation", "0")
    store.write_meta({"generation": str(int(generation) + 1 if generation.isdigit() else 1)})
    return terms


def index_question_stems(session, graph: KnowledgeGraph, questions: Iterable[QuestionText]) -> int:
    """Replace the indexed question stems; returns how many were indexed (stems of unknown nodes are skipped)."""
    from cskexam.storage.search_repo import open_store

    store = open_store(session)
    docs = question_documents(graph, questions, Tokenizer(Segmenter(domain_terms(graph))))
    store.replace_questions(docs)
    _refresh_vocabulary(store)
    return len(docs)
