"""A new PostgreSQL library created from the models equals one taken through every migration."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from cskexam.storage.db import Database, open_database, script_heads


def describe(url: str) -> dict:
    """Tables, columns (type, null, default), constraints, indexes and seeded rows, from the catalogs."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            def rows(sql: str) -> list:
                return sorted(tuple(r) for r in conn.exec_driver_sql(sql))

            return {
                "columns": rows(
                    "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default "
                    "FROM information_schema.columns WHERE table_schema = 'public'"),
                "constraints": rows(
                    "SELECT t.relname, c.conname, c.contype, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                    "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                    "WHERE n.nspname = 'public'"),
                "indexes": rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"),
                "sequences": rows("SELECT sequencename, data_type FROM pg_sequences WHERE schemaname = 'public'"),
                "versions": rows("SELECT version_num FROM alembic_version"),
                "profiles": rows("SELECT name FROM profiles"),
            }
    finally:
        engine.dispose()


@pytest.fixture
def second_empty_url(pg_server):
    name = pg_server.create()
    yield pg_server.url_of(name)
    pg_server.drop(name)


def test_a_fresh_postgresql_database_is_made_from_the_models_and_equals_the_migrated_one(
        pg_empty_url, second_empty_url, monkeypatch):
    migrated = Database(second_empty_url)
    try:
        migrated.upgrade_by_migrations()
    finally:
        migrated.close()

    def no_migrations(self):
        raise AssertionError("an empty PostgreSQL database must not be migrated step by step")

    monkeypatch.setattr(Database, "upgrade_by_migrations", no_migrations)
    fresh = open_database(pg_empty_url)
    try:
        assert fresh.current_heads() == set(script_heads())
        assert fresh.migrate() is False
    finally:
        fresh.close()
    made, expected = describe(pg_empty_url), describe(second_empty_url)
    for part in expected:
        assert made[part] == expected[part], part
    assert any(name == "ix_search_docs_words" for _, name, _ in made["indexes"])


def test_two_first_starts_at_once_make_the_schema_once(pg_empty_url):
    import threading

    errors: list[BaseException] = []

    def start():
        try:
            open_database(pg_empty_url).close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert describe(pg_empty_url)["versions"] == [(head,) for head in sorted(script_heads())]
