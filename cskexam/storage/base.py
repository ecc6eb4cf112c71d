"""The declarative base every storage model derives from.

Each feature keeps its tables in its own ``models_<feature>.py`` and its own
Alembic branch revision (see ``migrations/README.md``). The naming convention
gives every constraint and index a predictable name, which Alembic needs to
alter or drop them later (SQLite batch mode in particular).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, MetaData
from sqlalchemy.orm import DeclarativeBase

from cskexam.storage.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Mapped[datetime] columns store UTC and come back timezone-aware;
    # Mapped[dict]/Mapped[list] columns are JSON.
    type_annotation_map = {
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
        list[Any]: JSON(),
    }


def dialect_insert(session) -> Any:
    """The INSERT construct of the session's engine, with its ON CONFLICT clauses.

    Only that dialect is imported: the other one's import would cost a
    candidate's first answer tens of milliseconds.
    """
    bind = session.get_bind() if hasattr(session, "get_bind") else session
    if bind.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert
    from sqlalchemy.dialects import sqlite

    return sqlite.insert


def insert_or_ignore(session, table, values: dict):
    """An INSERT that does nothing when the key exists: two devices adding the
    same row at once both go on (SQLite and PostgreSQL each say it their way)."""
    return dialect_insert(session)(table).values(values).on_conflict_do_nothing()
