"""How the review, stats and drill tests' library is built (the fixtures are in conftest.py)."""

from __future__ import annotations

import datetime as dt
from datetime import timezone

from cskexam.services.cards import sync_cards
from cskexam.services.library import import_steps
from cskexam.storage.models_graph import ImportRunRow
from cskexam.storage import graph_repo
from cskexam.storage.db import open_database

IMPORTED_AT = dt.datetime(2024, 5, 5, 12, 0, tzinfo=timezone.utc)


def build_review_library(path, bundled_graph) -> None:
    """A SQLite library at ``path`` holding ``bundled_graph`` with its cards synced."""
    db = open_database(f"sqlite:///{path}")
    fill_review_library(db, bundled_graph)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def fill_review_library(db, bundled_graph) -> None:
    """Store ``bundled_graph`` with its cards synced in the (empty) database ``db``."""
    with db.session() as s:
        graph_repo.save_graph(s, bundled_graph, IMPORTED_AT)
        sync_cards(s, bundled_graph, IMPORTED_AT)
        # Recorded as an import that ran every step, so that opening the app
        # does not run the other features' steps over these hand-made rows.
        s.add(ImportRunRow(started_at=IMPORTED_AT, finished_at=IMPORTED_AT, files=[],
                           steps=[step.name for step in import_steps()]))
