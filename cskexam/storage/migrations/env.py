"""Alembic environment for cskexam.

Normally run from ``cskexam.storage.db.Database.migrate``, which passes an
open connection (already holding SQLite's write lock) in
``config.attributes["connection"]``. Run from the ``alembic`` command line it
opens its own connection to ``sqlalchemy.url`` or ``cskexam.paths.database_url()``.
"""

from __future__ import annotations

import importlib
import pkgutil

from alembic import context
from sqlalchemy import create_engine


def _target_metadata():
    # Every models_<feature> module, so that autogenerate sees all tables.
    import cskexam.storage as storage
    from cskexam.storage.base import Base

    for info in pkgutil.iter_modules(storage.__path__):
        if info.name.startswith("models_"):
            importlib.import_module(f"cskexam.storage.{info.name}")
    return Base.metadata


# Alembic makes version_num VARCHAR(32); some revision ids are longer. SQLite
# does not enforce the length, PostgreSQL does, so the table is made first.
_VERSION_TABLE_DDL = "CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY)"


def _run(connection) -> None:
    from sqlalchemy import text

    from cskexam.storage.autogen import include_object_for

    if connection.dialect.name != "sqlite":
        connection.execute(text(_VERSION_TABLE_DDL))

    context.configure(
        connection=connection,
        target_metadata=_target_metadata(),
        include_object=include_object_for(connection),
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from cskexam.paths import database_url

    url = context.config.get_main_option("sqlalchemy.url") or database_url()
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("cskexam migrations run online only")
run_migrations_online()
