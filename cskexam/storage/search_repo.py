"""SQL of the search index: writing it at import, reading it per query.

Both sides work on the DB-API (sqlite3) connection under the SQLAlchemy
session, inside its transaction: a query runs two to five statements and
SQLAlchemy's per-statement overhead would be most of a millisecond budget.
``SearchRepo`` keeps the vocabulary (term → document count) after the first
query and reads it again only when the index's generation changed.
"""

from __future__ import annotations

import math
import re
import sqlite3
from typing import Iterable, Sequence

from cskexam.core.search import BODY_WEIGHT, PATH_SEPARATOR, TITLE_WEIGHT, DocRow, Hit, IndexDocs, TokenIds, fts_expression
from cskexam.errors import UserError

# The query side imports this module alone: the ORM models (models_search)
# would pull in sqlalchemy.orm, ~0.2 s, before the first search of a process.
# Two contentless FTS5 tables over the pre-split tokens: search_fts holds a
# document's title and body tokens together (every word of a query may be in
# either), search_title_fts its title tokens alone, so that "the title has all
# the words" walks title postings only, not those of every body. Neither keeps
# positions or columns (detail='none'): phrases are tested on the compact keys
# of search_docs. The 'ascii' tokenizer only has to split at the spaces.
# Nor do they keep token counts per document (columnsize=0): BM25 is not used
# (see SearchRepo.match), and the counts were a third of the build's FTS time.
# The tokens are the words' short ids (core.search.TokenIds); search_terms
# maps each word to its id.
FTS_TABLE = "search_fts"
TITLE_FTS_TABLE = "search_title_fts"
FTS_COLUMNS = ("tokens",)
FTS_OPTIONS = "content='', detail='none', tokenize='ascii', columnsize=0"
_FTS_OPTIONS = f"tokens, {FTS_OPTIONS}"
FTS_CREATE = f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({_FTS_OPTIONS})"
TITLE_FTS_CREATE = f"CREATE VIRTUAL TABLE {TITLE_FTS_TABLE} USING fts5({_FTS_OPTIONS})"

__all__ = [
    "SearchRepo",
    "dbapi_connection",
    "require_sqlite",
    "replace_question_docs",
    "refresh_vocabulary",
    "token_ids",
    "replace_grams",
    "pinyin_statements",
    "fts_statements",
    "title_fts_statements",
    "clear_documents",
    "finish_documents",
    "insert_node_docs",
    "index_node_docs",
    "write_meta",
    "index_meta",
]

_IN_CHUNK = 500
_DOC_COLUMNS = "d.id, d.node_id, d.source, d.kind, d.title, d.path, d.body, d.seq"


def dbapi_connection(session_or_connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy Session or Connection (same transaction)."""
    conn = session_or_connection
    if hasattr(conn, "connection") and callable(getattr(conn, "connection")):
        conn = conn.connection()  # Session → Connection
    return require_sqlite(conn.connection.driver_connection)


def require_sqlite(driver) -> sqlite3.Connection:
    if not isinstance(driver, sqlite3.Connection):
        raise UserError("搜索索引需要 SQLite 数据库（使用了 FTS5 全文索引）")
    return driver




# -- write side ----------------------------------------------------------------

# Question documents live above this rowid: replacing them is a range delete,
# and node documents keep their outline order as rowids (FTS5's index order).
QUESTION_ROWID_BASE = 1 << 40
TITLE_KEY_INDEX = "ix_search_docs_title_key"
_INSERT_NODE_DOC = (
    "INSERT INTO search_docs (id, node_id, kind, title, title_key, path, body, seq) "
    "VALUES (?,?,?,?,?,?,?,?)"
)
_INSERT_QUESTION_DOC = (
    "INSERT INTO search_docs (id, node_id, source, ref, kind, title, title_key, path, body, seq, tokens) "
    "VALUES (?,?,'question',?,?,?,?,?,?,?,?)"
)
_INSERT_FTS = f"INSERT INTO {FTS_TABLE}(rowid, tokens) VALUES (?, ?)"
# Many rows in one statement: SQLite reads them from one JSON array, in C, with
# no Python between rows (and the GIL released the whole time, see
# search_index). Tokens are letters, digits and spaces: nothing to escape.
_INSERT_FTS_JSON = "INSERT INTO {table}(rowid, tokens) SELECT key + ?1, value FROM json_each(?2)"
PINYIN_INITIALS_INDEX = "ix_search_pinyin_title_initials"
_CREATE_PINYIN_INITIALS_INDEX = (
    f"CREATE INDEX {PINYIN_INITIALS_INDEX} ON search_pinyin (key) WHERE initials = 1 AND start = 0"
)


def _joined_tokens(docs: IndexDocs):
    # What search_fts holds for a document: its title tokens, then its body tokens.
    return map(" ".join, zip(docs.title_tokens, docs.body_tokens))


def fts_statements(title_tokens: list[str], body_tokens: list[str], first_rowid: int) -> list[tuple[str, tuple]]:
    """The statement that indexes documents (rowids from ``first_rowid``) in search_fts: title and body tokens."""
    return [
        (
            _INSERT_FTS_JSON.format(table=FTS_TABLE),
            (first_rowid, _json_strings(map(" ".join, zip(title_tokens, body_tokens)), words=True)),
        ),
    ]


def title_fts_statements(title_tokens: list[str], first_rowid: int) -> list[tuple[str, tuple]]:
    """The statement that indexes documents (rowids from ``first_rowid``) in search_title_fts."""
    return [(_INSERT_FTS_JSON.format(table=TITLE_FTS_TABLE), (first_rowid, _json_strings(title_tokens, words=True)))]


def _json_strings(strings: Iterable[str], words: bool = False) -> str:
    """A JSON array of ``strings``.

    Tokens are letters, digits and spaces, which JSON takes as they are: one
    join is ten times faster than json.dumps checking every character. With
    ``words`` the strings are known to be word runs and spaces (index tokens),
    which hold no control characters: only quotes are looked for.
    """
    strings = list(strings)
    if not strings:
        return "[]"
    body = '","'.join(strings)
    # The separators hold all the quotes there may be.
    if body.count('"') != 2 * (len(strings) - 1) or "\\" in body or not (words or body.isprintable()):
        import json

        return json.dumps(strings, ensure_ascii=False)
    return f'["{body}"]'


# FTS5 keeps this much of new postings in memory before writing them out as
# a segment (default 1 MB): a library's index then starts as a few big
# segments instead of dozens of small ones merged again and again.
FTS_HASH_BYTES = 16 << 20


# FTS5 merges segments as they are written (automerge, default 4). A build
# writes one segment per chunk of documents; merging them on the way rewrites
# the postings again and again (a third of FTS5's work) and queries are no
# faster for it, so a build merges nothing and sets the default back at the end.
FTS_AUTOMERGE = 4


def _fts_option(cur: sqlite3.Cursor, table: str, option: str, value: int) -> None:
    try:
        cur.execute(f"INSERT INTO {table}({table}, rank) VALUES ('{option}', {int(value)})")
    except sqlite3.OperationalError:  # an SQLite without the option: its default
        pass


def clear_documents(conn: sqlite3.Connection) -> None:
    """Empty the index of documents before a full rebuild (caller's transaction); ``finish_documents`` after it."""
    cur = conn.cursor()
    for table in (FTS_TABLE, TITLE_FTS_TABLE):
        _fts_option(cur, table, "hashsize", FTS_HASH_BYTES)
        _fts_option(cur, table, "automerge", 0)
    cur.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
    cur.execute(f"INSERT INTO {TITLE_FTS_TABLE}({TITLE_FTS_TABLE}) VALUES ('delete-all')")
    cur.execute(f"DROP INDEX IF EXISTS {TITLE_KEY_INDEX}")
    cur.execute("DELETE FROM search_docs")
    cur.close()


def finish_documents(conn: sqlite3.Connection) -> None:
    """After a full rebuild: later writes (question stems) merge segments again as usual."""
    cur = conn.cursor()
    for table in (FTS_TABLE, TITLE_FTS_TABLE):
        _fts_option(cur, table, "automerge", FTS_AUTOMERGE)
    cur.close()


def insert_node_docs(conn: sqlite3.Connection, docs: IndexDocs, start: int = 0) -> None:
    """Store what results show of node documents ``start``.. (rowid = position + 1); FTS rows: fts_statements.

    Call ``index_node_docs`` once all are in: sorting once beats a B-tree
    insert per row.
    """
    end = len(docs)
    conn.executemany(
        _INSERT_NODE_DOC,
        zip(range(start + 1, end + 1), docs.node_ids[start:], docs.kinds[start:], docs.titles[start:],
            docs.title_keys[start:], docs.paths[start:], docs.bodies[start:], docs.seqs[start:]),
    )


def index_node_docs(conn: sqlite3.Connection) -> None:
    conn.execute(f"CREATE INDEX IF NOT EXISTS {TITLE_KEY_INDEX} ON search_docs (title_key)")


def _insert_question_docs(conn: sqlite3.Connection, docs: IndexDocs) -> None:
    # A stem is indexed as body text only (the tested node's title is its own
    # document's), and its row keeps the tokens, which removing it again needs.
    ids = range(QUESTION_ROWID_BASE, QUESTION_ROWID_BASE + len(docs))
    tokens = list(_joined_tokens(docs))
    conn.executemany(
        _INSERT_QUESTION_DOC,
        zip(ids, docs.node_ids, docs.refs, docs.kinds, docs.titles, docs.title_keys, docs.paths, docs.bodies,
            docs.seqs, tokens),
    )
    conn.executemany(_INSERT_FTS, zip(ids, tokens))


def replace_question_docs(conn: sqlite3.Connection, docs: IndexDocs) -> None:
    """Swap the indexed question stems; node documents stay as they are.

    A contentless FTS5 table forgets a row only when given its tokens again,
    which is why question rows keep theirs.
    """
    cur = conn.cursor()
    old = cur.execute("SELECT id, tokens FROM search_docs WHERE id >= ?", (QUESTION_ROWID_BASE,)).fetchall()
    cur.executemany(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, tokens) VALUES ('delete', ?, ?)", old)
    cur.execute("DELETE FROM search_docs WHERE id >= ?", (QUESTION_ROWID_BASE,))
    cur.close()
    _insert_question_docs(conn, docs)


def refresh_vocabulary(conn: sqlite3.Connection, ids: TokenIds) -> list[tuple[str, int]]:
    """Store the words of the FTS index with their ids and document counts in search_terms; returns (term, df) pairs.

    fts5vocab reads the ids and counts straight from the index, in C (its
    'doc' count is exact without positions); ``ids`` gives their words. Only
    words some document holds are kept.
    """
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS temp.search_vocab")
    cur.execute(f"CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, {FTS_TABLE}, row)")
    counts = cur.execute("SELECT term, doc FROM temp.search_vocab").fetchall()
    cur.execute("DROP TABLE temp.search_vocab")
    word_of = ids.word_of
    # In the table's key order: appending to a B-tree beats inserting all over it.
    rows = sorted((word, token, df) for token, df in counts if (word := word_of(token)) is not None)
    cur.execute("DELETE FROM search_terms")
    cur.executemany("INSERT INTO search_terms (term, token, df) VALUES (?, ?, ?)", rows)
    cur.close()
    write_meta(conn, {"max_term_chars": str(max((len(t) for t, _, _ in rows), default=0))})
    return [(term, df) for term, _, df in rows]


def token_ids(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """The (word, id) pairs of the stored index (see core.search.TokenIds)."""
    return conn.execute("SELECT term, token FROM search_terms").fetchall()


def replace_grams(conn: sqlite3.Connection, rows: Iterable[tuple[str, str]]) -> None:
    """Store (gram, space-separated terms) rows: one row per gram, read in one look-up."""
    conn.execute("DELETE FROM search_grams")
    # In key order: appending to a B-tree is several times faster than inserting all over it.
    conn.executemany("INSERT INTO search_grams (gram, terms) VALUES (?, ?)", sorted(rows))


def pinyin_statements(rows_json: str) -> list[tuple[str, tuple]]:
    """The statements that replace the pinyin keys with ``rows_json``.

    ``rows_json`` is a JSON array of [key, title_key, start, initials] rows
    ((key, title_key) is unique: keys are computed once per distinct title),
    sorted by (key, title_key), so that the table is appended to in key
    order (any order is stored right, only slower). One statement reads the
    array in C; the partial index is built after the rows.
    """
    return [
        (f"DROP INDEX IF EXISTS {PINYIN_INITIALS_INDEX}", ()),
        ("DELETE FROM search_pinyin", ()),
        (
            "INSERT INTO search_pinyin (key, title_key, start, initials) "
            "SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)",
            (rows_json,),
        ),
        (_CREATE_PINYIN_INITIALS_INDEX, ()),
    ]


def write_meta(conn: sqlite3.Connection, meta: dict[str, str]) -> None:
    conn.executemany(
        "INSERT INTO search_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        meta.items(),
    )


def index_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM search_meta").fetchall())


# -- read side -----------------------------------------------------------------


_HAS_LETTER = re.compile(r"[a-z]")


def _body_as(words: str) -> str:
    """The body as phrase tests read it for ``words`` (normalised, so lower case).

    A phrase counts where the body holds it as written, which is also what
    results highlight. Letters are compared without case, which costs a
    lower-cased copy of every candidate body: only for words with letters in them.
    """
    return "lower(d.body)" if _HAS_LETTER.search(words) else "d.body"


class SearchRepo:
    """``cskexam.core.search.SearchBackend`` over the stored index."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._data_version: int | None = None
        self._generation: object = None
        self._forget()

    def _forget(self) -> None:
        self._vocabulary: dict[str, int] | None = None
        self._looked_up: dict[str, int] = {}  # document counts of terms found before the vocabulary is read
        self._tokens: dict[str, str] = {}  # the FTS ids of the terms looked up (or of all, with the vocabulary)
        self._figures: tuple[int, int] | None = None  # (longest term, documents)
        self._lookups = 0

    def sync(self) -> None:
        """Forget what is kept of the index if it was rebuilt since.

        ``PRAGMA data_version`` changes whenever another connection commits,
        which is cheap to ask; the index's generation is read only then.
        """
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
            meta = dict(
                self.conn.execute("SELECT key, value FROM search_meta WHERE key IN ('max_term_chars', 'documents')")
            )
            longest = meta.get("max_term_chars")
            if longest is None:  # an index written before the figure was kept
                longest = self.conn.execute("SELECT coalesce(max(length(term)), 0) FROM search_terms").fetchone()[0]
            self._figures = (int(longest), int(meta.get("documents", 0)))
        return self._figures

    def max_term_chars(self) -> int:
        return self._index_figures()[0]

    def doc_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]

    def known_terms(self, candidates: Sequence[str]) -> dict[str, int]:
        """The candidates in the vocabulary, with their document counts.

        The first query looks its candidates up; from the second on (a stream
        of queries: search as you type) the whole vocabulary is read once and
        kept, and a query is split with dictionary look-ups. A one-shot search
        thus never reads tens of thousands of terms.
        """
        self._lookups += 1
        vocab = self._vocabulary
        if vocab is None and self._lookups > 1:
            rows = self.conn.execute("SELECT term, df, token FROM search_terms").fetchall()
            vocab = self._vocabulary = {term: df for term, df, _ in rows}
            self._tokens = {term: token for term, _, token in rows}
        if vocab is not None:
            return {t: vocab[t] for t in candidates if t in vocab}
        found: dict[str, int] = {}
        for i in range(0, len(candidates), _IN_CHUNK):
            chunk = candidates[i : i + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            for term, df, token in self.conn.execute(
                f"SELECT term, df, token FROM search_terms WHERE term IN ({marks})", chunk
            ):
                found[term] = df
                self._tokens[term] = token
        self._looked_up.update(found)
        return found

    def _token(self, term: str) -> str | None:
        """The FTS id of ``term`` (None if no document holds it)."""
        token = self._tokens.get(term)
        if token is None and self._vocabulary is None:
            # A word not looked up by known_terms: a typo correction.
            row = self.conn.execute("SELECT df, token FROM search_terms WHERE term = ?", (term,)).fetchone()
            if row is not None:
                self._looked_up[term] = row[0]
                token = self._tokens[term] = row[1]
        return token

    def _document_count(self, term: str) -> int:
        known = self._vocabulary if self._vocabulary is not None else self._looked_up
        return known.get(term, 0)

    def match(
        self,
        terms: Sequence[str],
        op: str,
        phrase: str,
        limit: int,
        title_only: bool = False,
        weigh_terms: bool = False,
        written: str = "",
    ) -> list[Hit]:
        tokens = [self._token(t) for t in terms]
        if None in tokens:
            if op == "AND":
                return []  # a word no document holds
            terms = [t for t, token in zip(terms, tokens) if token is not None]
            tokens = [token for token in tokens if token is not None]
            if not tokens:
                return []
        params: list = [phrase, fts_expression(tokens, op), limit]
        in_body = f"instr({_body_as(phrase)}, ?1) > 0"
        if written:
            params.append(written)
            in_body += f" OR instr({_body_as(written)}, ?{len(params)}) > 0"
        table = TITLE_FTS_TABLE if title_only else FTS_TABLE
        inner = f"SELECT rowid AS id FROM {table} WHERE {table} MATCH ?2 LIMIT ?3"
        if weigh_terms:
            # Not FTS5's bm25(): it counts every document of every term first,
            # milliseconds for a word like 的. The document frequencies are known.
            documents = self._index_figures()[1]
            parts = []
            for term in terms:
                df = self._document_count(term)
                idf = math.log(1.0 + (max(documents - df, 0) + 0.5) / (df + 0.5))
                params.append(term)
                n = len(params)
                parts.append(
                    f"(CASE WHEN instr(d.title_key, ?{n}) > 0 THEN {idf * TITLE_WEIGHT!r} "
                    f"WHEN instr({_body_as(term)}, ?{n}) > 0 THEN {idf * BODY_WEIGHT!r} ELSE 0.0 END)"
                )
            weight = " + ".join(parts) or "0.0"
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
            f"FROM ({inner}) m JOIN search_docs d ON d.id = m.id"
        )
        try:
            # Plain tuples in Hit layout: building NamedTuples would cost more than the query.
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            # A term FTS5 still cannot parse finds nothing rather than failing the search.
            return []

    def by_title_key(self, key: str, limit: int) -> list[Hit]:
        return self.conn.execute(
            "SELECT id, node_id, source, seq, 4, 0.0 FROM search_docs WHERE title_key = ? AND source = 'node' LIMIT ?",
            (key, limit),
        ).fetchall()

    def pinyin(self, key: str, limit: int) -> list[tuple[Hit, str, int]]:
        # Keys are [a-z0-9]; '{' sorts right after 'z', closing the prefix range.
        # The best keys first, then their documents: a title shared by hundreds
        # of key points must not be joined and sorted whole.
        rows = self.conn.execute(
            "SELECT d.id, d.node_id, d.source, d.seq, p.key, p.start "
            "FROM (SELECT key, title_key, start FROM search_pinyin WHERE key >= ?1 AND key < ?2 "
            "      ORDER BY start, length(key) LIMIT ?3) p "
            "CROSS JOIN search_docs d ON d.title_key = p.title_key AND d.source = 'node' LIMIT ?3",
            (key, key + "{", limit),
        )
        return [((r[0], r[1], r[2], r[3], 0, 0.0), r[4], r[5]) for r in rows]

    def initials_subsequence(self, key: str, limit: int) -> list[tuple[Hit, str]]:
        # GLOB runs in C over the index range of the first letter; keys hold only [a-z0-9].
        pattern = key[0] + "".join("*" + ch for ch in key[1:]) + "*"
        rows = self.conn.execute(
            "SELECT d.id, d.node_id, d.source, d.seq, p.key "
            "FROM (SELECT key, title_key FROM search_pinyin INDEXED BY ix_search_pinyin_title_initials "
            "      WHERE initials = 1 AND start = 0 AND key >= ?1 AND key < ?2 AND key GLOB ?3 "
            "      ORDER BY length(key) LIMIT ?4) p "
            "CROSS JOIN search_docs d ON d.title_key = p.title_key AND d.source = 'node' LIMIT ?4",
            (key[0], key[0] + "{", pattern, limit),
        )
        return [((r[0], r[1], r[2], r[3], 0, 0.0), r[4]) for r in rows]

    def docs(self, rowids: Sequence[int]) -> dict[int, DocRow]:
        out: dict[int, DocRow] = {}
        for i in range(0, len(rowids), _IN_CHUNK):
            chunk = list(rowids[i : i + _IN_CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM search_docs d WHERE d.id IN ({marks})", chunk)
            # Plain tuples in DocRow layout, keyed by rowid.
            out.update((r[0], r) for r in rows)
        return out

    def terms_with_grams(self, grams: Sequence[str], per_gram: int) -> set[str]:
        out: set[str] = set()
        if not grams:
            return out
        marks = ",".join("?" * len(grams))
        for (terms,) in self.conn.execute(f"SELECT terms FROM search_grams WHERE gram IN ({marks})", list(grams)):
            # Stored commonest first, so the first ones are the likeliest corrections.
            out.update(terms.split(" ", per_gram)[:per_gram])
        return out

    # -- for the naive baseline and diagnostics ------------------------------
    def all_docs(self) -> list[DocRow]:
        return [DocRow(*r) for r in self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM search_docs d ORDER BY d.id")]
