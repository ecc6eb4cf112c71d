"""Migrations on both engines: a database of the previous release upgrades, 0014 and the merge go down and up again.

The previous release left three heads (0006, 0013, 0014); 0015 joins them.
Each test starts from an empty database (SQLite file, or the run's empty
PostgreSQL database made anew) and drives Alembic directly.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest
from sqlalchemy import inspect, text

from cskexam.storage.db import Database, alembic_config, open_database
from cskexam.storage.migration_scripts import script_heads

RELEASE_HEADS = {"0006_import_steps", "0013_search_on_postgresql", "0014_profiles"}
NOW = dt.datetime(2026, 12, 1, 8, 0)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.sqlite3'}"
    return request.getfixturevalue("pg_empty_url")


def _alembic(db: Database, command_name: str, target: str) -> set[str]:
    from alembic import command

    config = alembic_config()
    with db.engine.connect() as conn:
        config.attributes["connection"] = conn
        getattr(command, command_name)(config, target)
        conn.commit()
    return db.current_heads()


def _schema_differences(db: Database) -> list:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import cskexam.storage as storage
    from cskexam.storage.autogen import include_object_for
    from cskexam.storage.base import Base

    for info in pkgutil.iter_modules(storage.__path__):
        if info.name.startswith("models_"):
            importlib.import_module(f"cskexam.storage.{info.name}")
    with db.engine.connect() as conn:
        opts = {"compare_type": True, "include_object": include_object_for(conn)}
        return compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)


def _add_profile_rows(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO profiles (name, created_at) VALUES ('考生01', :t)"), {"t": NOW})
        for profile in ("default", "考生01"):
            conn.execute(text("INSERT INTO question_settings (profile, key, value) VALUES (:p, 'clear_after', '3')"),
                         {"p": profile})


def test_there_is_one_head():
    assert script_heads() == {"0015_one_head"}


def test_a_database_of_the_previous_release_upgrades_and_keeps_its_rows(empty_url):
    db = Database(empty_url)
    try:
        for head in sorted(RELEASE_HEADS):
            _alembic(db, "upgrade", head)
        assert db.current_heads() == RELEASE_HEADS
        _add_profile_rows(db)
    finally:
        db.close()
    db = open_database(empty_url)
    try:
        assert db.current_heads() == {"0015_one_head"}
        assert _schema_differences(db) == []
        with db.engine.connect() as conn:
            assert sorted(conn.scalars(text("SELECT name FROM profiles"))) == ["default", "考生01"]
            assert conn.scalar(text("SELECT count(*) FROM question_settings")) == 2
    finally:
        db.close()


def test_the_merge_and_profiles_go_down_and_up_again(empty_url):
    db = open_database(empty_url)
    try:
        _add_profile_rows(db)
        # Down through the merge: the previous release's three heads.
        assert _alembic(db, "downgrade", "0014_profiles") == RELEASE_HEADS
        # Down through 0014 (and the search revisions after 0011): no profiles left.
        assert _alembic(db, "downgrade", "0011_card_edits") == {"0011_card_edits", "0005_exam", "0006_import_steps"}
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            columns = {c["name"] for c in inspect(conn).get_columns("question_settings")}
            # Only the default profile's rows survive in tables without profiles.
            assert conn.scalar(text("SELECT count(*) FROM question_settings")) == 1
        assert "profiles" not in tables and "profile" not in columns
        assert _alembic(db, "upgrade", "heads") == {"0015_one_head"}
        assert _schema_differences(db) == []
        with db.engine.connect() as conn:
            assert list(conn.execute(text("SELECT profile, key FROM question_settings"))) == [("default", "clear_after")]
            assert list(conn.scalars(text("SELECT name FROM profiles"))) == ["default"]
    finally:
        db.close()
