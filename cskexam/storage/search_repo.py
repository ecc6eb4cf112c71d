"""The search index in the database: the one storage seam of search.

``SearchStore`` is the seam: the write side an import uses (replace the
documents, the question stems, the pinyin keys, the typo grams, the
character readings; refresh the vocabulary; the index's meta data) and the
read side a query uses (``cskexam.core.search.SearchBackend``).
``open_store(connection)`` gives the implementation for the connection's
engine; ``SqliteSearchStore`` below is the SQLite one (FTS5). An
implementation for another engine sits beside it with the same methods.

Both sides work on the DB-API connection under the SQLAlchemy session,
inside its transaction: a query runs two to five statements, and the ORM's
per-statement overhead would be most of a millisecond budget. The query side
imports this module alone, never the ORM models.

SQLite: two contentless FTS5 tables over the index tokens (created by the
migrations): ``search_fts`` holds a document's title and body tokens together
(every word of a query may be in either), ``search_title_fts`` its title
tokens alone, so that "the title has all the words" walks title postings
only. They keep no positions, columns or token counts (detail='none',
columnsize=0): phrases are tested on ``search_docs``, and BM25 is not used.
"""

from __future__ import annotations

import math
import re
import sqlite3
from typing import Iterable, Protocol, Sequence

from cskexam.core.search.documents import Document
from cskexam.core.search.query import BODY_WEIGHT, TITLE_WEIGHT, DocRow, Hit, SearchBackend
from cskexam.errors import UserError

__all__ = ["SearchStore", "SqliteSearchStore", "open_store", "driver_connection"]

# Question documents live above this rowid: node documents keep their outline
# order as rowids (FTS5's index order), and stems are replaced as a range.
QUESTION_ROWID_BASE = 1 << 40
_IN_CHUNK = 500
_DOC_COLUMNS = "d.id, d.node_id, d.source, d.kind, d.title, d.path, d.body, d.seq"
_DOC_INSERT = (
    "INSERT INTO search_docs (id, node_id, source, ref, kind, title, title_key, path, body, seq, tokens) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?)"
)
_HAS_LETTER = re.compile(r"[a-z]")


class SearchStore(SearchBackend, Protocol):
    """The stored search index: written at import (in the import's transaction), read per query."""

    def replace_documents(self, docs: Sequence[Document]) -> None:
        """Replace every document (question stems included) with ``docs`` (node documents, in outline order)."""

    def replace_questions(self, docs: Sequence[Document]) -> None:
        """Replace the question-stem documents; node documents stay."""

    def replace_pinyin(self, rows: Iterable[tuple[str, str, int, bool]]) -> None:
        """(pinyin key, title key, start, initials) rows; (key, title key) is unique."""

    def replace_grams(self, rows: Iterable[tuple[str, str]]) -> None:
        """(gram, space-separated words) rows: typo candidates."""

    def has_readings(self) -> bool: ...

    def replace_readings(self, rows: Iterable[tuple[str, str]]) -> None:
        """(character, toneless pinyin) rows."""

    def refresh_vocabulary(self) -> list[tuple[str, int]]:
        """Store and return every indexed word with its document count."""

    def meta(self) -> dict[str, str]: ...

    def write_meta(self, meta: dict[str, str]) -> None: ...

    def sync(self) -> None:
        """Forget what is kept in memory of the index if another connection rebuilt it."""

    def doc_count(self) -> int: ...


def driver_connection(session_or_connection):
    """The DB-API connection under a SQLAlchemy Session or Connection (same transaction)."""
    conn = session_or_connection
    if callable(getattr(conn, "connection", None)):
        conn = conn.connection()  # Session → Connection
    return conn.connection.driver_connection


def open_store(session_or_driver) -> SearchStore:
    """The search index of the database behind a Session, a Connection or a DB-API connection."""
    driver = session_or_driver
    if hasattr(driver, "connection") and not isinstance(driver, sqlite3.Connection):
        driver = driver_connection(driver)
    if isinstance(driver, sqlite3.Connection):
        return SqliteSearchStore(driver)
    raise UserError("搜索索引需要 SQLite 数据库（使用了 FTS5 全文索引）")


def fts_expression(terms: Sequence[str], op: str) -> str:
    """An FTS5 query of ``terms`` joined by ``op``; every term quoted, so AND/OR/NEAR/* typed are text."""
    return f" {op} ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _body_as(words: str) -> str:
    # Letters are compared without case, which costs a lower-cased copy of every candidate body.
    return "lower(d.body)" if _HAS_LETTER.search(words) else "d.body"


class SqliteSearchStore:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._data_version: int | None = None
        self._generation: object = None
        self._forget()

    def _forget(self) -> None:
        self._vocabulary: dict[str, int] | None = None
        self._looked_up: dict[str, int] = {}
        self._figures: tuple[int, int] | None = None  # (longest term, documents)
        self._queries = 0

    # -- write side -----------------------------------------------------------

    def replace_documents(self, docs: Sequence[Document]) -> None:
        cur = self.conn.cursor()
        for table in ("search_fts", "search_title_fts"):
            cur.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
        cur.execute("DELETE FROM search_docs")
        self._insert(cur, docs, 1)
        cur.close()

    def replace_questions(self, docs: Sequence[Document]) -> None:
        # A contentless FTS5 table forgets a row only when given its tokens again:
        # question rows keep theirs.
        cur = self.conn.cursor()
        old = cur.execute("SELECT id, tokens FROM search_docs WHERE id >= ?", (QUESTION_ROWID_BASE,)).fetchall()
        cur.executemany("INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', ?, ?)", old)
        cur.execute("DELETE FROM search_docs WHERE id >= ?", (QUESTION_ROWID_BASE,))
        self._insert(cur, docs, QUESTION_ROWID_BASE)
        cur.close()

    @staticmethod
    def _insert(cur: sqlite3.Cursor, docs: Sequence[Document], first: int) -> None:
        ids = range(first, first + len(docs))
        tokens = [f"{d.title_tokens} {d.body_tokens}" for d in docs]
        kept = tokens if first == QUESTION_ROWID_BASE else [""] * len(docs)
        cur.executemany(_DOC_INSERT, [(i, *d[:9], t) for i, d, t in zip(ids, docs, kept)])
        cur.executemany("INSERT INTO search_fts(rowid, tokens) VALUES (?, ?)", zip(ids, tokens))
        titled = [(i, d.title_tokens) for i, d in zip(ids, docs) if d.title_tokens]
        cur.executemany("INSERT INTO search_title_fts(rowid, tokens) VALUES (?, ?)", titled)

    def replace_pinyin(self, rows: Iterable[tuple[str, str, int, bool]]) -> None:
        self.conn.execute("DELETE FROM search_pinyin")
        self.conn.executemany("INSERT INTO search_pinyin (key, title_key, start, initials) VALUES (?,?,?,?)", rows)

    def replace_grams(self, rows: Iterable[tuple[str, str]]) -> None:
        self.conn.execute("DELETE FROM search_grams")
        self.conn.executemany("INSERT INTO search_grams (gram, terms) VALUES (?, ?)", rows)

    def has_readings(self) -> bool:
        return self.conn.execute("SELECT 1 FROM search_readings LIMIT 1").fetchone() is not None

    def replace_readings(self, rows: Iterable[tuple[str, str]]) -> None:
        self.conn.execute("DELETE FROM search_readings")
        self.conn.executemany("INSERT INTO search_readings (char, reading) VALUES (?, ?)", rows)

    def refresh_vocabulary(self) -> list[tuple[str, int]]:
        # fts5vocab reads the words and their document counts straight from the index.
        cur = self.conn.cursor()
        cur.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_fts, row)")
        rows = cur.execute("SELECT term, doc FROM temp.search_vocab").fetchall()
        cur.execute("DROP TABLE temp.search_vocab")
        cur.execute("DELETE FROM search_terms")
        cur.executemany("INSERT INTO search_terms (term, df) VALUES (?, ?)", rows)
        cur.close()
        self.write_meta({"max_term_chars": str(max((len(t) for t, _ in rows), default=0))})
        return rows

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM search_meta").fetchall())

    def write_meta(self, meta: dict[str, str]) -> None:
        self.conn.executemany(
            "INSERT INTO search_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            meta.items(),
        )

    # -- read side --------------------------------------------------------------

    def sync(self) -> None:
        # PRAGMA data_version changes when another connection commits; cheap to ask.
        self._queries += 1
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version == self._data_version:
            return
        self._data_version = version
        row = self.conn.execute("SELECT value FROM search_meta WHERE key = 'generation'").fetchone()
        if row != self._generation:
            self._generation = row
            self._forget()

    def _index_figures(self) -> tuple[int, int]:
        if self._figures is None:
            meta = dict(self.conn.execute("SELECT key, value FROM search_meta WHERE key IN ('max_term_chars', 'documents')"))
            self._figures = (int(meta.get("max_term_chars", 0)), int(meta.get("documents", 0)))
        return self._figures

    def max_term_chars(self) -> int:
        return self._index_figures()[0]

    def doc_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]

    def known_terms(self, candidates: Sequence[str]) -> dict[str, int]:
        # A one-shot search looks its words up; from the second query on (search
        # as you type) the whole vocabulary is read once and kept.
        if self._vocabulary is None and self._queries > 1:
            self._vocabulary = dict(self.conn.execute("SELECT term, df FROM search_terms").fetchall())
        if self._vocabulary is not None:
            return {t: self._vocabulary[t] for t in candidates if t in self._vocabulary}
        found = dict(self._in("SELECT term, df FROM search_terms WHERE term IN ({})", list(candidates)))
        self._looked_up.update(found)
        return found

    def _in(self, sql: str, values: list, *params) -> list[tuple]:
        rows: list[tuple] = []
        for i in range(0, len(values), _IN_CHUNK):
            chunk = values[i : i + _IN_CHUNK]
            rows += self.conn.execute(sql.format(",".join("?" * len(chunk))), (*params, *chunk)).fetchall()
        return rows

    def match(self, terms: Sequence[str], op: str, phrase: str, limit: int, title_only: bool = False,
              weigh_terms: bool = False, written: str = "") -> list[Hit]:
        params: list = [phrase, fts_expression(terms, op), limit]
        in_body = f"instr({_body_as(phrase)}, ?1) > 0"
        if written:
            params.append(written)
            in_body += f" OR instr({_body_as(written)}, ?{len(params)}) > 0"
        table = "search_title_fts" if title_only else "search_fts"
        if weigh_terms:
            # Not FTS5's bm25(): it counts every document of every term first.
            documents = self._index_figures()[1]
            known = self._vocabulary if self._vocabulary is not None else self._looked_up
            parts = []
            for term in terms:
                df = known.get(term, 0)
                idf = math.log(1.0 + (max(documents - df, 0) + 0.5) / (df + 0.5))
                params.append(term)
                n = len(params)
                parts.append(
                    f"(CASE WHEN instr(d.title_key, ?{n}) > 0 THEN {idf * TITLE_WEIGHT!r} "
                    f"WHEN instr({_body_as(term)}, ?{n}) > 0 THEN {idf * BODY_WEIGHT!r} ELSE 0.0 END)"
                )
            weight = " + ".join(parts)
            score = f"({weight}) / (({weight}) + 10.0)"
        else:
            # A shorter title or body that contains the query fits it better.
            score = (
                "CASE WHEN instr(d.title_key, ?1) > 0 THEN length(?1) * 1.0 / length(d.title_key) "
                "ELSE 1.0 / (1.0 + length(d.body) / 40.0) END"
            )
        # No ORDER BY: FTS5 then stops after `limit` matches instead of visiting all.
        sql = (
            f"SELECT d.id, d.node_id, d.source, d.seq, "
            f"CASE WHEN instr(d.title_key, ?1) > 0 THEN 4 WHEN {in_body} THEN 3 ELSE 0 END, {score} "
            f"FROM (SELECT rowid AS id FROM {table} WHERE {table} MATCH ?2 LIMIT ?3) m "
            f"JOIN search_docs d ON d.id = m.id"
        )
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            return []  # a term FTS5 cannot parse finds nothing rather than failing the search

    def by_title_key(self, key: str, limit: int) -> list[Hit]:
        return self.conn.execute(
            "SELECT id, node_id, source, seq, 4, 0.0 FROM search_docs WHERE title_key = ? AND source = 'node' LIMIT ?",
            (key, limit),
        ).fetchall()

    def pinyin(self, key: str, limit: int) -> list[tuple[Hit, str, int, str]]:
        # Keys are [a-z0-9]; '{' sorts right after 'z', closing the prefix range.
        # The best keys first, then their documents: a title shared by hundreds
        # of key points must not be joined and sorted whole.
        rows = self.conn.execute(
            "SELECT d.id, d.node_id, d.source, d.seq, p.key, p.start, p.title_key "
            "FROM (SELECT key, title_key, start FROM search_pinyin WHERE key >= ?1 AND key < ?2 "
            "      ORDER BY start, length(key), key, title_key LIMIT ?3) p "
            "CROSS JOIN search_docs d ON d.title_key = p.title_key AND d.source = 'node' LIMIT ?3",
            (key, key + "{", limit),
        )
        return [((r[0], r[1], r[2], r[3], 0, 0.0), r[4], r[5], r[6]) for r in rows]

    def initials_subsequence(self, key: str, limit: int) -> list[tuple[Hit, str]]:
        # GLOB runs in C over the index range of the first letter; keys hold only [a-z0-9].
        pattern = key[0] + "".join("*" + ch for ch in key[1:]) + "*"
        rows = self.conn.execute(
            "SELECT d.id, d.node_id, d.source, d.seq, p.key "
            "FROM (SELECT key, title_key FROM search_pinyin INDEXED BY ix_search_pinyin_title_initials "
            "      WHERE initials = 1 AND start = 0 AND key >= ?1 AND key < ?2 AND key GLOB ?3 "
            "      ORDER BY length(key), key, title_key LIMIT ?4) p "
            "CROSS JOIN search_docs d ON d.title_key = p.title_key AND d.source = 'node' LIMIT ?4",
            (key[0], key[0] + "{", pattern, limit),
        )
        return [((r[0], r[1], r[2], r[3], 0, 0.0), r[4]) for r in rows]

    def terms_with_grams(self, grams: Sequence[str], per_gram: int) -> set[str]:
        out: set[str] = set()
        for (terms,) in self._in("SELECT terms FROM search_grams WHERE gram IN ({})", list(grams)):
            out.update(terms.split(" ", per_gram)[:per_gram])  # stored commonest first
        return out

    def readings(self, chars: Sequence[str]) -> dict[str, str]:
        return dict(self._in("SELECT char, reading FROM search_readings WHERE char IN ({})", list(chars)))

    def docs(self, rowids: Sequence[int]) -> dict[int, DocRow]:
        rows = self._in(f"SELECT {_DOC_COLUMNS} FROM search_docs d WHERE d.id IN ({{}})", list(rowids))
        return {r[0]: r for r in rows}
