"""Tables of the search index (derived data, rebuilt whole at every import).

``search_docs``: one row per indexed node or question stem, with what a
result shows; ``search_terms``: the vocabulary a query is split against;
``search_grams``: typo candidates; ``search_pinyin``: the titles' pinyin and
initials keys; ``search_readings``: the pinyin of single characters. The
SQLite FTS5 tables and PostgreSQL GIN indexes are made by the migrations.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from cskexam.storage.base import Base

NODE_ID = String(40)


class SearchDocRow(Base):
    __tablename__ = "search_docs"

    # Not a foreign key: the index is derived data, written after the graph.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    node_id: Mapped[str] = mapped_column(NODE_ID)
    source: Mapped[str] = mapped_column(String(16), server_default="node")  # "node" or "question"
    ref: Mapped[str] = mapped_column(String(64), server_default="")  # question id
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    title_key: Mapped[str] = mapped_column(Text, index=True)  # compact(title)
    path: Mapped[str] = mapped_column(Text, default="")  # ancestor titles joined by PATH_SEPARATOR
    body: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    # The document's words (all, and the title's). SQLite keeps only a question
    # row's, which removing it from FTS5 needs; PostgreSQL indexes them (GIN).
    tokens: Mapped[str] = mapped_column(Text, server_default="")
    title_tokens: Mapped[str] = mapped_column(Text, server_default="")


class SearchTermRow(Base):
    __tablename__ = "search_terms"
    __table_args__ = {"sqlite_with_rowid": False}

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    df: Mapped[int] = mapped_column(Integer)


class SearchGramRow(Base):
    """A character or character pair and the words holding it (space-separated, commonest first)."""

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


class SearchReadingRow(Base):
    """A character's commonest toneless pinyin: how a query in characters sounds."""

    __tablename__ = "search_readings"
    __table_args__ = {"sqlite_with_rowid": False}

    char: Mapped[str] = mapped_column(String(1), primary_key=True)
    reading: Mapped[str] = mapped_column(String(8))


class SearchMetaRow(Base):
    __tablename__ = "search_meta"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ = ["SearchDocRow", "SearchTermRow", "SearchGramRow", "SearchPinyinRow", "SearchReadingRow", "SearchMetaRow"]
