"""The search index in PostgreSQL: the documents' words as arrays, found through GIN indexes.

Each document keeps its words (``tokens``: title and body; ``title_tokens``:
title) as space-separated text; migration 0013 indexes
``string_to_array(column, ' ')`` of both with GIN, so ``@>`` (every word)
and ``&&`` (any word) find documents without a full-text parser: the words
are the ones SQLite's FTS5 tables hold, cut by the same segmenter, and a
query ranks the same documents alike on both engines.
"""

from __future__ import annotations

from typing import Sequence, cast

from cskexam.core.search.documents import Document
from cskexam.core.search.query import Hit
from cskexam.storage.search_repo import QUESTION_ROWID_BASE, SqlSearchStore

__all__ = ["PostgresSearchStore"]


class PostgresSearchStore(SqlSearchStore):
    COLLATE = ' COLLATE "C"'
    FIND = "strpos"

    def _delete_documents(self) -> None:
        self.conn.execute("DELETE FROM search_docs")

    def _index(self, docs: Sequence[Document], first: int) -> None:
        self._insert(docs, first, keep_tokens=True)

    def replace_questions(self, docs: Sequence[Document]) -> None:
        self._execute("DELETE FROM search_docs WHERE id >= ?", (QUESTION_ROWID_BASE,))
        self._insert(docs, QUESTION_ROWID_BASE, keep_tokens=True)

    def refresh_vocabulary(self) -> list[tuple[str, int]]:
        rows = self._rows(
            "SELECT word, count(*) FROM (SELECT DISTINCT id, unnest(string_to_array(tokens, ' ')) AS word "
            "FROM search_docs) words WHERE word <> '' GROUP BY word"
        )
        return self._store_vocabulary(rows)

    def _candidates(self, terms: Sequence[str], op: str, title_only: bool, params: dict) -> str:
        params["terms"] = list(terms)
        column = "title_tokens" if title_only else "tokens"
        test = "@>" if op == "AND" else "&&"
        # The expression of the GIN index (migration 0013), so that the index answers.
        return f"SELECT id FROM search_docs WHERE string_to_array({column}, ' ') {test} :terms ORDER BY id LIMIT :limit"

    def initials_subsequence(self, key: str, limit: int) -> list[tuple[Hit, str]]:
        pattern = "%".join(key) + "%"  # keys hold only [a-z0-9]: nothing to escape
        rows = self._rows(
            'SELECT d.id, d.node_id, d.source, d.seq, p.key '
            'FROM (SELECT key, title_key FROM search_pinyin '
            '      WHERE initials AND start = 0 AND key LIKE :pattern '
            '      ORDER BY length(key), key COLLATE "C", title_key COLLATE "C" LIMIT :limit) p '
            "JOIN search_docs d ON d.title_key = p.title_key AND d.source = 'node' "
            'ORDER BY length(p.key), p.key COLLATE "C", p.title_key COLLATE "C", d.id LIMIT :limit',
            {"pattern": pattern, "limit": limit},
        )
        return cast("list[tuple[Hit, str]]", [((r[0], r[1], r[2], r[3], 0, 0.0), r[4]) for r in rows])
