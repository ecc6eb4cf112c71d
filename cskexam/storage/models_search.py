"""Tables of the search index (derived data, rebuilt whole at every import).

``search_docs`` holds one row per indexed node (and per indexed question stem)
with what a result shows; the contentless FTS5 tables ``search_fts`` (title
and body tokens) and ``search_title_fts`` (title tokens) index the pre-split
tokens, as short word ids, under the same rowid (question rows keep a copy of their tokens, which
deleting them from a contentless table needs). They are created by the
migration, not by this metadata: FTS5 virtual tables have no ORM form.
``search_terms`` is the vocabulary a query is split against without loading a
segmenter dictionary (with each word's id), ``search_grams`` finds typo candidates and
``search_pinyin`` the pinyin and initials keys of titles.

The index needs SQLite (FTS5).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from cskexam.storage.base import Base

# Defined with the query side, which must not import the ORM (see search_repo).
from cskexam.storage.search_repo import FTS_COLUMNS, FTS_CREATE, FTS_TABLE, PATH_SEPARATOR, TITLE_FTS_CREATE, TITLE_FTS_TABLE

NODE_ID = String(40)


class SearchDocRow(Base):
    __tablename__ = "search_docs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # Not a foreign key: the index is derived data, written after the graph.
    # Node documents have rowids 1..n in outline order, question stems from
    # QUESTION_ROWID_BASE on (see search_repo).
    node_id: Mapped[str] = mapped_column(NODE_ID)
    source: Mapped[str] = mapped_column(String(16), server_default="node")  # "node" or "question"
    ref: Mapped[str] = mapped_column(String(64), server_default="")  # question id
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    title_key: Mapped[str] = mapped_column(Text, index=True)  # compact(title)
    # Ancestor titles joined by PATH_SEPARATOR (control characters never survive
    # the notes parser); splitting is cheaper than JSON on every result.
    path: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    # What search_fts holds for a question row (node rows keep none): removing
    # a row from a contentless FTS5 table needs its tokens.
    tokens: Mapped[str] = mapped_column(Text, server_default="")


class SearchTermRow(Base):
    __tablename__ = "search_terms"
    __table_args__ = {"sqlite_with_rowid": False}

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    df: Mapped[int] = mapped_column(Integer)
    # The short id the FTS tables hold for the word (core.search.TokenIds).
    token: Mapped[str] = mapped_column(Text, server_default="")


class SearchGramRow(Base):
    """A character 2-gram and the vocabulary words containing it (space-separated, commonest first)."""

    __tablename__ = "search_grams"
    __table_args__ = {"sqlite_with_rowid": False}

    gram: Mapped[str] = mapped_column(Text, primary_key=True)
    terms: Mapped[str] = mapped_column(Text)


class SearchPinyinRow(Base):
    __tablename__ = "search_pinyin"
    __table_args__ = (
        # Whole-title initials only, for initials with words skipped (hgfx → hghjfx).
        Index("ix_search_pinyin_title_initials", "key", sqlite_where=text("initials = 1 AND start = 0")),
        {"sqlite_with_rowid": False},
    )

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    title_key: Mapped[str] = mapped_column(Text, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    initials: Mapped[bool] = mapped_column(Boolean)


class SearchMetaRow(Base):
    __tablename__ = "search_meta"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ = [
    "SearchDocRow",
    "SearchTermRow",
    "SearchGramRow",
    "SearchPinyinRow",
    "SearchMetaRow",
    "FTS_TABLE",
    "TITLE_FTS_TABLE",
    "TITLE_FTS_CREATE",
    "PATH_SEPARATOR",
    "FTS_COLUMNS",
    "FTS_CREATE",
]
