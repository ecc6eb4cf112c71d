"""What Alembic's autogenerate must not touch.

SQLite virtual tables (FTS5 indexes) and their shadow tables (``<name>_data``,
``_idx``, ``_content``, ``_docsize``, ``_config``) are created with raw SQL in
migrations and have no model. Without this filter autogenerate would draft
``drop_table`` for each of them.
"""

from __future__ import annotations

from sqlalchemy import Column, text

_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")


def unmanaged_tables(connection) -> set[str]:
    """Virtual tables and their shadow tables in the connected SQLite database."""
    if connection.dialect.name != "sqlite":
        return set()
    rows = connection.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    )
    virtual = {row[0] for row in rows}
    return virtual | {f"{name}{suffix}" for name in virtual for suffix in _SHADOW_SUFFIXES}


def include_object_for(connection):
    """An ``include_object`` hook for ``context.configure`` / ``MigrationContext``."""
    skip = unmanaged_tables(connection)

    def include_object(obj, name, type_, reflected, compare_to):
        if type_ == "table" and name in skip:
            return False
        if type_ in ("index", "column", "unique_constraint", "foreign_key_constraint") and getattr(
            getattr(obj, "table", None), "name", None
        ) in skip:
            return False
        if type_ == "index" and reflected and compare_to is None and not all(
            isinstance(e, Column) for e in obj.expressions
        ):
            # An index over an expression (search's GIN indexes on PostgreSQL) is raw SQL in a migration.
            return False
        return True

    return include_object
