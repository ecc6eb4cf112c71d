"""The search index in the database: the one storage seam of search.

``SearchStore`` is the seam: the write side an import uses (documents,
question stems, pinyin keys, typo grams, character readings, vocabulary,
meta data) and the read side a query uses (``core.search.SearchBackend``).
``open_store(connection)`` gives the implementation for the engine:
``search_sqlite.SqliteSearchStore`` (FTS5) or
``search_postgres.PostgresSearchStore`` (GIN over word arrays), both built on
``SqlSearchStore``'s shared SQL; they store the same words, so both engines
rank alike. They work on the DB-API connection under the SQLAlchemy session
(the ORM's per-statement overhead would be most of a query's budget), with
``?`` or ``:name`` parameters that ``_sql`` turns into the driver's style.
"""

from __future__ import annotations

import math
import re
import sqlite3
from itertools import islice
from typing import Any, Iterable, Iterator, Protocol, Sequence, cast

from cskexam.core.search.documents import Document
from cskexam.core.search.query import BODY_WEIGHT, TITLE_WEIGHT, DocRow, Hit, SearchBackend
from cskexam.errors import UserError

__all__ = ["SearchStore", "SqlSearchStore", "open_store", "driver_connection"]

# Question documents live above this id: node documents keep their outline
# order as ids (the order matches come in), and stems are replaced as a range.
QUESTION_ROWID_BASE = 1 << 30  # within a 32-bit integer: PostgreSQL's INTEGER
_IN_CHUNK = 500
_WRITE_CHUNK = 2000  # documents held at once while an index is written
_DOC_INSERT = (
    "INSERT INTO search_docs (id, node_id, source, ref, kind, title, title_key, path, body, seq, tokens, title_tokens) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)
_HAS_LETTER = re.compile(r"[a-z]")
# A query's characters that no indexed word holds break ties among partial matches by this
# much at most: less than any difference of the words found makes (at most 16 of them looked at).
_NEAR_MISS = 0.001
_MAX_NEAR_CHARS = 16


class SearchStore(SearchBackend, Protocol):
    """The stored search index: written at import (in the import's transaction), read per query."""

    def replace_documents(self, docs: Iterable[Document]) -> int:
        """All documents (question stems dropped) become ``docs``: node documents in outline order.

        ``docs`` may be a generator: it is written a chunk at a time. Returns how many were written.
        """

    def replace_questions(self, docs: Sequence[Document]) -> None: ...

    def replace_pinyin(self, rows: Iterable[tuple[str, str, int, bool]]) -> None: ...

    def replace_grams(self, rows: Iterable[tuple[str, str]]) -> None: ...

    def has_readings(self) -> bool: ...

    def replace_readings(self, rows: Iterable[tuple[str, str]]) -> None: ...

    def refresh_vocabulary(self) -> list[tuple[str, int]]:
        """Store and return every indexed word with its document count."""

    def meta(self) -> dict[str, str]: ...

    def write_meta(self, meta: dict[str, str]) -> None: ...

    def sync(self) -> None:
        """Forget what is kept in memory of the index if it was rebuilt since."""

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
    if type(driver).__module__.startswith("sqlalchemy"):
        driver = driver_connection(driver)
    if isinstance(driver, sqlite3.Connection):
        from cskexam.storage.search_sqlite import SqliteSearchStore

        return SqliteSearchStore(driver)
    if type(driver).__module__.startswith("psycopg"):
        from cskexam.storage.search_postgres import PostgresSearchStore

        return PostgresSearchStore(driver)
    raise UserError("搜索索引只支持 SQLite 和 PostgreSQL 数据库")


def _chunks(docs: Iterable[Document]) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, _WRITE_CHUNK)):
        yield chunk


def body_as(words: str) -> str:
    """The body as phrase tests read it: letters without case (a lower-cased copy, only where the words have letters)."""
    return "lower(d.body)" if _HAS_LETTER.search(words) else "d.body"


class SqlSearchStore:
    """What both engines' stores share; a subclass says how documents are indexed and matched."""

    NAMED_STYLE = False  # the driver takes :name and ? parameters (sqlite3); else %(name)s and %s
    COLLATE = ""  # what makes text sort by code point
    FIND = "instr"  # the position of a string in another, 0 if absent

    def __init__(self, conn):
        self.conn = conn
        self._generation: object = None
        self._forget()

    def _forget(self) -> None:
        self._vocabulary: dict[str, int] | None = None
        self._looked_up: dict[str, int] = {}
        self._figures: tuple[int, int] | None = None  # (longest term, documents)
        self._queries = 0

    def _sql(self, sql: str) -> str:
        if self.NAMED_STYLE:
            return sql
        return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", sql.replace("?", "%s"))

    def _rows(self, sql: str, params: Sequence | dict = ()) -> list[Any]:  # DB-API rows, in Hit or DocRow layout
        return self.conn.execute(self._sql(sql), params).fetchall()

    def _execute(self, sql: str, params: Sequence | dict = ()) -> None:
        self.conn.execute(self._sql(sql), params)

    def _write(self, sql: str, rows: Iterable[Sequence]) -> None:
        # Both drivers take any iterable: rows made by a generator are never all held.
        cur = self.conn.cursor()
        cur.executemany(self._sql(sql), rows)
        cur.close()

    def _in(self, sql: str, values: list) -> list[tuple]:
        """``sql`` with its ``{}`` made a list of ``values``, a chunk at a time."""
        rows: list[tuple] = []
        for i in range(0, len(values), _IN_CHUNK):
            chunk = values[i : i + _IN_CHUNK]
            rows += self._rows(sql.format(",".join("?" * len(chunk))), chunk)
        return rows

    # -- write side -----------------------------------------------------------

    def replace_documents(self, docs: Iterable[Document]) -> int:
        self._delete_documents()
        written = 0
        for chunk in _chunks(docs):
            self._index(chunk, 1 + written)
            written += len(chunk)
        return written

    def _delete_documents(self) -> None:
        raise NotImplementedError

    def _index(self, docs: Sequence[Document], first: int) -> None:
        """Store and index ``docs`` from id ``first``."""
        raise NotImplementedError

    def _insert(self, docs: Sequence[Document], first: int, keep_tokens: bool) -> list[tuple[int, str]]:
        """Store ``docs`` from id ``first``; returns (id, title and body words) of each."""
        ids = range(first, first + len(docs))
        words = [f"{d.title_tokens} {d.body_tokens}" for d in docs]
        self._write(_DOC_INSERT, [
            (i, *d[:9], w if keep_tokens else "", d.title_tokens if keep_tokens else "")
            for i, d, w in zip(ids, docs, words)
        ])
        return list(zip(ids, words))

    def replace_pinyin(self, rows: Iterable[tuple[str, str, int, bool]]) -> None:
        self.conn.execute("DELETE FROM search_pinyin")
        self._write("INSERT INTO search_pinyin (key, title_key, start, initials) VALUES (?,?,?,?)", rows)

    def replace_grams(self, rows: Iterable[tuple[str, str]]) -> None:
        self.conn.execute("DELETE FROM search_grams")
        self._write("INSERT INTO search_grams (gram, terms) VALUES (?, ?)", rows)

    def has_readings(self) -> bool:
        return bool(self._rows("SELECT 1 FROM search_readings LIMIT 1"))

    def replace_readings(self, rows: Iterable[tuple[str, str]]) -> None:
        self.conn.execute("DELETE FROM search_readings")
        self._write("INSERT INTO search_readings (char, reading) VALUES (?, ?)", rows)

    def _store_vocabulary(self, rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
        self.conn.execute("DELETE FROM search_terms")
        self._write("INSERT INTO search_terms (term, df) VALUES (?, ?)", rows)
        self.write_meta({"max_term_chars": str(max((len(t) for t, _ in rows), default=0))})
        return rows

    def meta(self) -> dict[str, str]:
        return dict(self._rows("SELECT key, value FROM search_meta"))

    def write_meta(self, meta: dict[str, str]) -> None:
        self._write(
            "INSERT INTO search_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            meta.items(),
        )

    # -- read side --------------------------------------------------------------

    def sync(self) -> None:
        self._queries += 1
        row = self._rows("SELECT value FROM search_meta WHERE key = 'generation'")
        if row != self._generation:
            self._generation = row
            self._forget()
            self._queries = 1

    def _index_figures(self) -> tuple[int, int]:
        if self._figures is None:
            meta = dict(self._rows("SELECT key, value FROM search_meta WHERE key IN ('max_term_chars', 'documents')"))
            self._figures = (int(meta.get("max_term_chars", 0)), int(meta.get("documents", 0)))
        return self._figures

    def max_term_chars(self) -> int:
        return self._index_figures()[0]

    def doc_count(self) -> int:
        return self._rows("SELECT count(*) FROM search_docs")[0][0]

    def known_terms(self, candidates: Sequence[str]) -> dict[str, int]:
        # A one-shot search looks its words up; from the second query on (search
        # as you type) the whole vocabulary is read once and kept.
        if self._vocabulary is None and self._queries > 1:
            self._vocabulary = dict(self._rows("SELECT term, df FROM search_terms"))
        if self._vocabulary is not None:
            return {t: self._vocabulary[t] for t in candidates if t in self._vocabulary}
        found = dict(self._in("SELECT term, df FROM search_terms WHERE term IN ({})", list(candidates)))
        self._looked_up.update(found)
        return found

    def _candidates(self, terms: Sequence[str], op: str, title_only: bool, params: dict) -> str:
        """A query of the ids of up to :limit documents with all (AND) or any (OR) of ``terms``, in id order."""
        raise NotImplementedError

    QUERY_ERRORS: tuple[type[Exception], ...] = ()

    def match(self, terms: Sequence[str], op: str, phrase: str, limit: int, title_only: bool = False,
              weigh_terms: bool = False, written: str = "") -> list[Hit]:
        find = self.FIND
        params: dict = {"phrase": phrase, "limit": limit, "written": written}
        in_body = f"{find}({body_as(phrase)}, :phrase) > 0"
        if written:
            in_body += f" OR {find}({body_as(written)}, :written) > 0"
        if weigh_terms:
            # Not a full-text rank: it counts every document of every term first.
            documents = self._index_figures()[1]
            known = self._vocabulary if self._vocabulary is not None else self._looked_up
            parts = []
            for n, term in enumerate(terms):
                df = known.get(term, 0)
                idf = math.log(1.0 + (max(documents - df, 0) + 0.5) / (df + 0.5))
                params.update({f"t{n}": term, f"tw{n}": idf * TITLE_WEIGHT, f"bw{n}": idf * BODY_WEIGHT})
                parts.append(
                    f"(CASE WHEN {find}(d.title_key, :t{n}) > 0 THEN :tw{n} "
                    f"WHEN {find}({body_as(term)}, :t{n}) > 0 THEN :bw{n} ELSE 0.0 END)"
                )
            weight = " + ".join(parts)
            score = f"({weight}) / (({weight}) + 10.0)"
            unknown = sorted(set(phrase) - set("".join(terms)))[:_MAX_NEAR_CHARS]
            if unknown:
                # 服务特征 where no note says 特征: of the titles that hold 服务, the one that also holds
                # 特 (客户服务的五大特性) fits better than the whole document's. Only a tie-break.
                for n, ch in enumerate(unknown):
                    params[f"u{n}"] = ch
                held = " + ".join(f"(CASE WHEN {find}(d.title_key, :u{n}) > 0 THEN 1.0 ELSE 0.0 END)"
                                  for n in range(len(unknown)))
                score = f"{score} + ({held}) * {_NEAR_MISS / len(unknown)!r}"
        elif title_only:
            # Every word is in the title: the less else it says, the closer it fits
            # (the words of 服务的特征 cover four of its five characters).
            score = (
                "CASE WHEN length(d.title_key) > length(:phrase) "
                "THEN CAST(length(:phrase) AS DOUBLE PRECISION) / length(d.title_key) ELSE 1.0 END"
            )
        else:
            # A shorter title or body that contains the query fits it better.
            score = (
                f"CASE WHEN {find}(d.title_key, :phrase) > 0 "
                "THEN CAST(length(:phrase) AS DOUBLE PRECISION) / length(d.title_key) "
                "ELSE 1.0 / (1.0 + CAST(length(d.body) AS DOUBLE PRECISION) / 40.0) END"
            )
        sql = (
            f"SELECT d.id, d.node_id, d.source, d.seq, "
            f"CASE WHEN {find}(d.title_key, :phrase) > 0 THEN 4 WHEN {in_body} THEN 3 ELSE 0 END, {score} "
            f"FROM ({self._candidates(terms, op, title_only, params)}) m JOIN search_docs d ON d.id = m.id ORDER BY d.id"
        )
        try:
            return self._rows(sql, params)
        except self.QUERY_ERRORS:
            return []  # a term the engine cannot parse finds nothing rather than failing the search

    def by_title_key(self, key: str, limit: int) -> list[Hit]:
        return self._rows(
            "SELECT id, node_id, source, seq, 4, 0.0 FROM search_docs WHERE title_key = ? AND source = 'node' "
            "ORDER BY id LIMIT ?",
            (key, limit),
        )

    def pinyin(self, key: str, limit: int) -> list[tuple[Hit, str, int, str]]:
        # Keys are [a-z0-9]; '{' sorts right after 'z', closing the prefix range.
        # The best keys first, then their documents: a title shared by hundreds
        # of key points must not be joined and sorted whole.
        c = self.COLLATE
        order = f"p.start, length(p.key), p.key{c}, p.title_key{c}"
        rows = self._rows(
            f"SELECT d.id, d.node_id, d.source, d.seq, p.key, p.start, p.title_key "
            f"FROM (SELECT key, title_key, start FROM search_pinyin p WHERE key{c} >= :key AND key{c} < :end "
            f"      ORDER BY {order} LIMIT :limit) p "
            f"JOIN search_docs d ON d.title_key = p.title_key AND d.source = 'node' ORDER BY {order}, d.id LIMIT :limit",
            {"key": key, "end": key + "{", "limit": limit},
        )
        # Plain tuples in Hit layout (see SearchBackend).
        hits = [((r[0], r[1], r[2], r[3], 0, 0.0), r[4], r[5], r[6]) for r in rows]
        return cast("list[tuple[Hit, str, int, str]]", hits)

    def terms_with_grams(self, grams: Sequence[str], per_gram: int) -> set[str]:
        out: set[str] = set()
        for (terms,) in self._in("SELECT terms FROM search_grams WHERE gram IN ({})", list(grams)):
            out.update(terms.split(" ", per_gram)[:per_gram])  # stored commonest first
        return out

    def readings(self, chars: Sequence[str]) -> dict[str, str]:
        return dict(self._in("SELECT char, reading FROM search_readings WHERE char IN ({})", list(chars)))

    def docs(self, rowids: Sequence[int]) -> dict[int, DocRow]:
        rows = self._in(
            "SELECT id, node_id, source, kind, title, path, body, seq FROM search_docs WHERE id IN ({})", list(rowids)
        )
        return cast("dict[int, DocRow]", {r[0]: r for r in rows})
