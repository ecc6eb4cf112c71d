"""The schema on both engines: every migration runs, and it matches the models."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, select

from cskexam.storage.db import open_database, script_heads


def test_a_fresh_postgresql_database_reaches_every_head(pg_empty_url):
    db = open_database(pg_empty_url)
    try:
        assert db.current_heads() == set(script_heads())
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        assert {"nodes", "cards", "questions", "exam_attempts", "alembic_version"} <= tables
        # The second open finds it up to date.
        assert db.migrate() is False
    finally:
        db.close()


def test_boolean_server_defaults_hold_on_both_engines(db_url):
    from cskexam.storage.models_graph import ImportRunRow, NodeRow

    db = open_database(db_url)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    try:
        with db.session() as s:
            s.execute(
                NodeRow.__table__.insert().values(
                    id="n1", kind="point", title="客户服务", text="", marker="", document_id="n1",
                    position=0, seq=0, tags=[], flags=[], source_file="a.md", source_line=1,
                    first_seen=now, last_seen=now, changed_at=now,
                )
            )
            s.add(ImportRunRow(started_at=now, finished_at=now, files=[]))
        with db.session() as s:
            assert s.scalar(select(NodeRow.active).where(NodeRow.id == "n1")) is True
            assert s.scalar(select(ImportRunRow.started_at)) == now
    finally:
        db.close()


def test_migrated_schema_matches_every_models_module_on_both_engines(db_url):
    import importlib
    import pkgutil

    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import cskexam.storage as storage
    from cskexam.storage.autogen import include_object_for
    from cskexam.storage.base import Base

    for info in pkgutil.iter_modules(storage.__path__):
        if info.name.startswith("models_"):
            importlib.import_module(f"cskexam.storage.{info.name}")
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            opts = {"compare_type": True, "include_object": include_object_for(conn)}
            ctx = MigrationContext.configure(conn, opts=opts)
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        db.close()


def test_a_bare_postgresql_url_uses_psycopg_3():
    from cskexam.storage.db import Database

    db = Database("postgresql://someone@127.0.0.1:5432/nothing")
    try:
        assert db.engine.dialect.driver == "psycopg"
    finally:
        db.close()
