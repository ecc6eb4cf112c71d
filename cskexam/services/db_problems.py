"""A database failure that escaped the storage layer, as the user's message (for the CLI and the TUI)."""

from __future__ import annotations

import sqlite3

from cskexam.errors import DatabaseProblem


def database_problem(error: BaseException, db_url: str | None) -> DatabaseProblem | None:
    """The message for ``error`` when it is the database's failure (damaged, full, locked …), else None."""
    if isinstance(error, DatabaseProblem):
        return error
    if not isinstance(error, sqlite3.Error) and not type(error).__module__.startswith(("sqlalchemy", "psycopg")):
        return None
    from cskexam.paths import database_url
    from cskexam.storage.db_errors import database_name, describe_database_error

    return describe_database_error(error, database_name(database_url(db_url)))
