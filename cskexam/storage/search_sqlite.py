"""The search index in SQLite: two contentless FTS5 tables over the documents' words.

``search_fts`` holds a document's title and body words together (every word
of a query may be in either), ``search_title_fts`` its title words alone, so
that "the title has all the words" walks title postings only. Both are
created by the migrations and keep no positions, columns or word counts
(detail='none', columnsize=0): phrases are tested on ``search_docs``.
FTS5 returns matches in rowid order, which is the documents' outline order.
"""

from __future__ import annotations

import sqlite3
from typing import Sequence, cast

from cskexam.core.search.documents import Document
from cskexam.core.search.query import Hit
from cskexam.storage.search_repo import QUESTION_ROWID_BASE, SqlSearchStore

__all__ = ["SqliteSearchStore"]


class SqliteSearchStore(SqlSearchStore):
    NAMED_STYLE = True
    QUERY_ERRORS = (sqlite3.OperationalError,)

    def _delete_documents(self) -> None:
        for table in ("search_fts", "search_title_fts"):
            self.conn.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
        self.conn.execute("DELETE FROM search_docs")

    def replace_questions(self, docs: Sequence[Document]) -> None:
        # A contentless FTS5 table forgets a row only when given its words
        # again: question rows keep theirs.
        old = self._rows("SELECT id, tokens FROM search_docs WHERE id >= ?", (QUESTION_ROWID_BASE,))
        self._write("INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', ?, ?)", old)
        self.conn.execute("DELETE FROM search_docs WHERE id >= ?", (QUESTION_ROWID_BASE,))
        self._index(docs, QUESTION_ROWID_BASE)

    def _index(self, docs: Sequence[Document], first: int) -> None:
        words = self._insert(docs, first, keep_tokens=first == QUESTION_ROWID_BASE)
        self._write("INSERT INTO search_fts(rowid, tokens) VALUES (?, ?)", words)
        titled = [(i, d.title_tokens) for (i, _), d in zip(words, docs) if d.title_tokens]
        self._write("INSERT INTO search_title_fts(rowid, tokens) VALUES (?, ?)", titled)

    def refresh_vocabulary(self) -> list[tuple[str, int]]:
        # fts5vocab reads the words and their document counts straight from the index.
        self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_fts, row)")
        rows = self._rows("SELECT term, doc FROM temp.search_vocab")
        self.conn.execute("DROP TABLE temp.search_vocab")
        return self._store_vocabulary(rows)

    def _candidates(self, terms: Sequence[str], op: str, title_only: bool, params: dict) -> str:
        # Every word quoted: AND, OR, NEAR or * typed are text.
        params["expression"] = f" {op} ".join('"' + t.replace('"', '""') + '"' for t in terms)
        table = "search_title_fts" if title_only else "search_fts"
        # No ORDER BY: FTS5 gives rowid order, and stops after :limit matches instead of visiting all.
        return f"SELECT rowid AS id FROM {table} WHERE {table} MATCH :expression LIMIT :limit"

    def initials_subsequence(self, key: str, limit: int) -> list[tuple[Hit, str]]:
        # GLOB runs in C over the index range of the first letter; keys hold only [a-z0-9].
        pattern = key[0] + "".join("*" + ch for ch in key[1:]) + "*"
        rows = self._rows(
            "SELECT d.id, d.node_id, d.source, d.seq, p.key "
            "FROM (SELECT key, title_key FROM search_pinyin INDEXED BY ix_search_pinyin_title_initials "
            "      WHERE initials = 1 AND start = 0 AND key >= ?1 AND key < ?2 AND key GLOB ?3 "
            "      ORDER BY length(key), key, title_key LIMIT ?4) p "
            "JOIN search_docs d ON d.title_key = p.title_key AND d.source = 'node' "
            "ORDER BY length(p.key), p.key, p.title_key, d.id LIMIT ?4",
            (key[0], key[0] + "{", pattern, limit),
        )
        return cast("list[tuple[Hit, str]]", [((r[0], r[1], r[2], r[3], 0, 0.0), r[4]) for r in rows])
