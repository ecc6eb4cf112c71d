"""Shared fixtures.

* ``tmp_db_url``: URL of a fresh SQLite file in ``tmp_path``, already migrated to
  every Alembic head (copied from a template migrated once per test session, so
  it costs a file copy, not a migration).
* ``bundled_graph``: the knowledge graph of the bundled notes, parsed once per
  session (skips the test while the parser is not available). Treat it as
  read-only; use ``copy.deepcopy`` before changing it.
"""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory):
    from cskexam.storage.db import open_database

    path = tmp_path_factory.mktemp("db-template") / "template.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        # Fold the WAL into the main file so that copying one file is enough.
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def tmp_db_url(tmp_path, _migrated_template) -> str:
    target = tmp_path / "cskexam.sqlite3"
    shutil.copyfile(_migrated_template, target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def bundled_graph():
    from cskexam.services.notes import load_graph

    try:
        return load_graph()
    except NotImplementedError:
        pytest.skip("the notes parser is not available yet")
