"""Copy every row of a library from one database to another (SQLite ↔ PostgreSQL).

The tables are the models' (``Base.metadata``), in foreign-key order, read
and written through SQLAlchemy's types, so timestamps, JSON and booleans
arrive as the destination stores them. The search index is left out: it is
derived from the notes, engine-specific, and built again at the destination.
The destination is written in one transaction: a failed copy leaves it as
it was.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Callable, Iterator

from sqlalchemy import Table, func, select, text
from sqlalchemy.engine import Connection

from cskexam.storage.base import Base

CHUNK = 2000
DERIVED_PREFIX = "search_"

Progress = Callable[[str, int], None]


def library_tables() -> list[Table]:
    """Every table of the library but the derived search index, parents first."""
    import cskexam.storage as storage

    for info in pkgutil.iter_modules(storage.__path__):
        if info.name.startswith("models_"):
            importlib.import_module(f"cskexam.storage.{info.name}")
    return [t for t in Base.metadata.sorted_tables if not t.name.startswith(DERIVED_PREFIX)]


def row_counts(conn: Connection, tables: list[Table]) -> dict[str, int]:
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}


def rows_in_order(conn: Connection, table: Table) -> Iterator[list[dict]]:
    """The rows of ``table`` in key order, in chunks."""
    order = list(table.primary_key.columns) or list(table.columns)
    result = conn.execution_options(stream_results=True).execute(select(table).order_by(*order)).mappings()
    while True:
        chunk = result.fetchmany(CHUNK)
        if not chunk:
            return
        yield [dict(row) for row in chunk]


def copy_rows(source: Connection, target: Connection, progress: Progress | None = None) -> dict[str, int]:
    """Copy every library table from ``source`` into ``target`` (emptied first); rows per table.

    ``target`` must be inside a transaction the caller commits.
    """
    tables = library_tables()
    # What the destination's migrations wrote (the default profile) makes way for the source's rows.
    for table in reversed(tables):
        target.execute(table.delete())
    copied: dict[str, int] = {}
    for table in tables:
        n = 0
        for chunk in rows_in_order(source, table):
            target.execute(table.insert(), chunk)
            n += len(chunk)
        copied[table.name] = n
        if progress is not None:
            progress(table.name, n)
    if target.dialect.name == "postgresql":
        _advance_sequences(target, tables)
    return copied


def _advance_sequences(conn: Connection, tables: list[Table]) -> None:
    """Rows came with their ids: the next id PostgreSQL hands out must come after them."""
    for table in tables:
        for column in table.primary_key.columns:
            if column.autoincrement is not True:
                continue
            sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                    {"t": table.name, "c": column.name}).scalar()
            if sequence:
                conn.execute(
                    text(f"SELECT setval(:s, COALESCE((SELECT max({column.name}) FROM {table.name}), 0) + 1, false)"),
                    {"s": sequence},
                )


def holds_library(conn: Connection) -> bool:
    """True when the database holds notes or any candidate's history (not a fresh one)."""
    for table in library_tables():
        if table.name == "profiles":
            continue
        if conn.execute(select(table).limit(1)).first() is not None:
            return True
    return False
