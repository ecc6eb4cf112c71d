"""A new SQLite library's schema created in one go, instead of migration by migration.

``schema_sqlite.sql`` holds the statements of a fully migrated SQLite
database (tables, FTS tables, indexes), in an order that can be replayed, and
the Alembic heads it corresponds to. An empty database is given that schema,
the rows the migrations seed, and the heads in ``alembic_version`` in one
transaction; Alembic is not imported. A database that already has tables
always goes through the migrations. When the snapshot's heads are not the
revision files' heads (a migration was added and the snapshot not
regenerated), the migrations run instead; ``tests/test_schema_snapshot.py``
fails until it is regenerated with ``python -m cskexam.storage.schema_snapshot``.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent / "schema_sqlite.sql"
_HEADS_PREFIX = "-- alembic heads: "
# Statements are separated by a line holding only this (sqlite_master's SQL never contains it).
_SEPARATOR = "\n;;\n"


def dump_schema(conn) -> str:
    """The snapshot text of the database on ``conn`` (an SQLAlchemy connection to SQLite)."""
    rows = conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).all()
    virtual = [name for type_, name, sql in rows if type_ == "table" and sql.upper().startswith("CREATE VIRTUAL TABLE")]
    # FTS shadow tables are created by their virtual table.
    kept = [(type_, name, sql) for type_, name, sql in rows
            if not any(name.startswith(f"{table}_") for table in virtual)]
    order = {"table": 0, "index": 1, "view": 2, "trigger": 3}
    kept.sort(key=lambda row: order.get(row[0], 4))  # stable: creation order within each kind
    heads = sorted(row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version"))
    return _HEADS_PREFIX + " ".join(heads) + "\n" + _SEPARATOR.join(sql for _, _, sql in kept) + "\n"


@functools.lru_cache(maxsize=1)
def _load() -> tuple[frozenset[str], tuple[str, ...]] | None:
    try:
        text = SNAPSHOT.read_text(encoding="utf-8")
    except OSError:
        return None
    first, _, body = text.partition("\n")
    if not first.startswith(_HEADS_PREFIX):
        return None
    heads = frozenset(first[len(_HEADS_PREFIX):].split())
    # Kept byte for byte (sqlite_master stores the text as given, trailing blanks included).
    statements = tuple(s for s in body.removesuffix("\n").split(_SEPARATOR) if s.strip())
    return heads, statements


def snapshot_heads() -> frozenset[str] | None:
    loaded = _load()
    return loaded[0] if loaded else None


def create_schema(conn) -> None:
    """Create the snapshot's schema, seed rows and heads on ``conn`` (inside the caller's transaction)."""
    import sqlalchemy as sa

    from cskexam.storage.profile_key import DEFAULT_PROFILE

    loaded = _load()
    if loaded is None:
        raise RuntimeError("no schema snapshot")
    heads, statements = loaded
    for statement in statements:
        conn.exec_driver_sql(statement)
    # What the migrations seed: the default profile (0014) and the version rows.
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    # Written as migration 0014 writes it (a plain DateTime, naive UTC).
    profiles = sa.table("profiles", sa.column("name", sa.String()), sa.column("created_at", sa.DateTime()))
    conn.execute(sa.insert(profiles), [{"name": DEFAULT_PROFILE, "created_at": now}])
    for head in sorted(heads):
        conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES (?)", (head,))


def regenerate() -> str:
    """Migrate an in-memory database through every migration and write its snapshot."""
    import tempfile

    from cskexam.storage.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/migrated.sqlite3")
        try:
            db.upgrade_by_migrations()
            with db.engine.connect() as conn:
                text = dump_schema(conn)
        finally:
            db.close()
    SNAPSHOT.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    regenerate()
