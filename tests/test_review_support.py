"""Fixtures shared by the review, stats and drill tests (import them from here).

``library_db``: a Database on a temp SQLite copy of a library holding the
bundled notes with their cards synced (built once per session).
``review_db``: the same library on SQLite and on PostgreSQL in turn.
"""

from __future__ import annotations

import datetime as dt
import shutil
from datetime import timezone

import pytest

from cskexam.services.cards import sync_cards
from cskexam.services.library import import_steps
from cskexam.storage.models_graph import ImportRunRow
from cskexam.storage import graph_repo
from cskexam.storage.db import open_database

IMPORTED_AT = dt.datetime(2024, 5, 5, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def review_library_template(tmp_path_factory, bundled_graph):
    path = tmp_path_factory.mktemp("review-lib") / "lib.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        graph_repo.save_graph(s, bundled_graph, IMPORTED_AT)
        sync_cards(s, bundled_graph, IMPORTED_AT)
        # Recorded as an import that ran every step, so that opening the app
        # does not run the other features' steps over these hand-made rows.
        s.add(ImportRunRow(started_at=IMPORTED_AT, finished_at=IMPORTED_AT, files=[], steps=[step.name for step in import_steps()]))
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def library_path(tmp_path, review_library_template):
    target = tmp_path / "lib.sqlite3"
    shutil.copyfile(review_library_template, target)
    return target


@pytest.fixture
def library_db(library_path):
    database = open_database(f"sqlite:///{library_path}")
    yield database
    database.close()


def _fill(db, graph) -> None:
    with db.session() as s:
        graph_repo.save_graph(s, graph, IMPORTED_AT)
        sync_cards(s, graph, IMPORTED_AT)
        s.add(ImportRunRow(started_at=IMPORTED_AT, finished_at=IMPORTED_AT, files=[], steps=[step.name for step in import_steps()]))


@pytest.fixture(params=["sqlite", "postgresql"])
def review_db(request, bundled_graph):
    if request.param == "sqlite":
        yield request.getfixturevalue("library_db")
        return
    database = open_database(request.getfixturevalue("pg_url"))
    _fill(database, bundled_graph)
    yield database
    database.close()
