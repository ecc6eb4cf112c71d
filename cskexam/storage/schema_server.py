"""A new PostgreSQL library's schema created in one go from the models, instead of migration by migration.

An empty database gets every table of the models' metadata, the indexes the
migrations make by hand (search's GIN indexes over expressions), the rows the
migrations seed (the default profile) and the Alembic heads, in one
transaction. ``tests/test_schema_server.py`` checks that the result equals a
database taken through every migration (tables, columns, defaults, keys,
indexes); when it does not, fix the models or the list below, or let fresh
databases migrate (``Database._create_fresh``).
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

# Made by raw SQL in migration 0013 (the models cannot say "GIN over an expression").
GIN_INDEXES = {"ix_search_docs_words": "tokens", "ix_search_docs_title_words": "title_tokens"}
# As migrations/env.py makes it.
VERSION_TABLE_DDL = "CREATE TABLE alembic_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY)"


def metadata():
    """Every table of every ``models_<feature>`` module."""
    import cskexam.storage as storage
    from cskexam.storage.base import Base

    for info in pkgutil.iter_modules(storage.__path__):
        if info.name.startswith("models_"):
            importlib.import_module(f"cskexam.storage.{info.name}")
    return Base.metadata


def create_schema(conn, heads) -> None:
    """Create the schema, seed rows and ``heads`` on ``conn`` (inside the caller's transaction)."""
    import sqlalchemy as sa

    from cskexam.storage.profile_key import DEFAULT_PROFILE

    metadata().create_all(conn)
    for name, column in GIN_INDEXES.items():
        conn.exec_driver_sql(f"CREATE INDEX {name} ON search_docs USING gin (string_to_array({column}, ' '))")
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    profiles = sa.table("profiles", sa.column("name", sa.String()), sa.column("created_at", sa.DateTime()))
    conn.execute(sa.insert(profiles), [{"name": DEFAULT_PROFILE, "created_at": now}])
    conn.exec_driver_sql(VERSION_TABLE_DDL)
    for head in sorted(heads):
        conn.execute(sa.text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})
