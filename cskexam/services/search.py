"""Searching the library's stored index.

``Searcher(library)`` keeps one database connection for a stream of queries
(the TUI's search-as-you-type). It loads neither a segmenter dictionary nor
pypinyin: the index was built at import time.
"""

from __future__ import annotations

import threading

from cskexam.core.search import SearchResult, search

__all__ = ["Searcher", "ensure_index", "SearchResult", "blank_query", "BLANK_QUERY"]


MAX_RESULTS = 10_000
BLANK_QUERY = "搜索词是空的：请给出要找的关键词，例如 cskexam search 客户满意度"


def blank_query(query: str) -> bool:
    """True when ``query`` holds nothing to look for: only spaces, or also invisible marks
    (zero-width spaces, direction marks, a byte-order mark) that a paste may bring."""
    import unicodedata

    return all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc") for ch in query)


class Searcher:
    def __init__(self, library):
        self._library = library
        self._raw = None
        self._store = None
        # The TUI runs queries in worker threads; one at a time on the connection.
        self._lock = threading.Lock()

    def _open(self):
        if self._store is None:
            from cskexam.storage.search_repo import open_store

            self._raw = self._library.db.engine.raw_connection()
            self._store = open_store(self._raw.driver_connection)
        return self._store

    def search(self, query: str, limit: int = 20) -> list[SearchResult]:
        # No library holds more results than this; a huge limit must not reach SQL as an overflow.
        limit = max(1, min(limit, MAX_RESULTS))
        # A lone surrogate (undecodable bytes passed through, a broken paste) is no character to find.
        query = query.encode("utf-8", "ignore").decode("utf-8")
        with self._lock:
            store = self._open()
            try:
                store.sync()
                return search(store, query, limit)
            finally:
                # End the read transaction so the next query sees a new import.
                self._raw.rollback()

    def indexed_documents(self) -> int:
        with self._lock:
            try:
                return self._open().doc_count()
            finally:
                self._raw.rollback()

    def close(self) -> None:
        with self._lock:
            if self._raw is not None:
                self._raw.close()
            self._raw = self._store = None


def ensure_index(library) -> bool:
    """Build the index of a library with notes but no index of this version (an older release's); True if it built."""
    import datetime as dt

    from cskexam.services.questions import index_authored_stems
    from cskexam.services.search_index import INDEX_VERSION, rebuild_index
    from cskexam.storage.search_repo import open_store

    with library.db.session() as session:
        if open_store(session).meta().get("version") == INDEX_VERSION:
            return False
    graph = library.graph()
    if not graph.nodes:
        return False
    with library.db.session(immediate=True) as session:
        if open_store(session).meta().get("version") == INDEX_VERSION:
            return False  # another process built it meanwhile
        rebuild_index(session, graph, dt.datetime.now(dt.timezone.utc))
        # A rebuild drops the indexed question stems; an import indexes them
        # in its own step, this rebuild has to do it itself.
        index_authored_stems(session, graph)
    return True
