"""Tables of the knowledge graph: nodes, edges, definitions and import runs.

Rows are never deleted: a node that vanished from the notes is kept with
``active = False`` so that cards, review history and wrong answers that point
at it stay valid (and come back if the node reappears).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy import text as sql_text
from sqlalchemy import true
from sqlalchemy.orm import Mapped, mapped_column

from cskexam.storage.base import Base

NODE_ID = String(40)


class NodeRow(Base):
    __tablename__ = "nodes"

    id: Mapped[str] = mapped_column(NODE_ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    marker: Mapped[str] = mapped_column(Text, default="")
    # Deferred: a bulk insert of a whole outline need not be parent-first.
    parent_id: Mapped[str | None] = mapped_column(
        NODE_ID, ForeignKey("nodes.id", deferrable=True, initially="DEFERRED"), index=True
    )
    document_id: Mapped[str] = mapped_column(NODE_ID, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # among its siblings
    seq: Mapped[int] = mapped_column(Integer, default=0)  # outline order over the library
    count: Mapped[int | None] = mapped_column(Integer)
    mnemonic: Mapped[str | None] = mapped_column(Text)
    page: Mapped[str | None] = mapped_column(String(32))
    tags: Mapped[list[Any]] = mapped_column(default=list)
    flags: Mapped[list[Any]] = mapped_column(default=list)
    source_file: Mapped[str] = mapped_column(Text, default="")
    source_line: Mapped[int] = mapped_column(Integer, default=0)
    # Last line of the node's own text, and those lines as written (原文).
    source_end: Mapped[int] = mapped_column(Integer, default=0, server_default=sql_text("0"))
    original: Mapped[str] = mapped_column(Text, default="", server_default=sql_text("''"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    first_seen: Mapped[dt.datetime]
    last_seen: Mapped[dt.datetime]
    # Last change of what the node says (kind, title, text, count, …), not of
    # its place: cards and questions built from the node are stale after this.
    changed_at: Mapped[dt.datetime]

    __table_args__ = (Index("ix_nodes_active_seq", "active", "seq"),)


class EdgeRow(Base):
    __tablename__ = "edges"

    source_id: Mapped[str] = mapped_column(NODE_ID, ForeignKey("nodes.id"), primary_key=True)
    target_id: Mapped[str] = mapped_column(NODE_ID, ForeignKey("nodes.id"), primary_key=True, index=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True, default="related")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    first_seen: Mapped[dt.datetime]
    last_seen: Mapped[dt.datetime]


class DefinitionRow(Base):
    __tablename__ = "definitions"

    # Stable hash of node id, term and the ordinal among equal (node, term).
    id: Mapped[str] = mapped_column(NODE_ID, primary_key=True)
    node_id: Mapped[str] = mapped_column(NODE_ID, ForeignKey("nodes.id"), index=True)
    term: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    first_seen: Mapped[dt.datetime]
    last_seen: Mapped[dt.datetime]
    changed_at: Mapped[dt.datetime]


class ImportRunRow(Base):
    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime]
    # [{"name": ..., "path": ..., "sha1": ..., "bytes": ...}, ...]
    files: Mapped[list[Any]] = mapped_column(default=list)
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    deactivated: Mapped[int] = mapped_column(Integer, default=0)
    reactivated: Mapped[int] = mapped_column(Integer, default=0)
    nodes: Mapped[int] = mapped_column(Integer, default=0)  # active after the run
    edges: Mapped[int] = mapped_column(Integer, default=0)
    definitions: Mapped[int] = mapped_column(Integer, default=0)
    # The import steps that ran (None for runs recorded before steps were tracked).
    steps: Mapped[list[str] | None] = mapped_column(default=None, nullable=True)
