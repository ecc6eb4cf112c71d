"""Engine, sessions, corrupt files and the migration fast path."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import text

from cskexam.errors import UserError
from cskexam.storage import db as dbmod
from cskexam.storage import migration_scripts
from cskexam.storage.db import Database, open_database
from cskexam.storage.migration_scripts import script_heads


def test_open_creates_the_file_and_sets_sqlite_pragmas(tmp_path):
    path = tmp_path / "a" / "cskexam.sqlite3"
    (tmp_path / "a").mkdir()
    db = open_database(f"sqlite:///{path}")
    try:
        assert path.is_file()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert db.current_heads() == set(script_heads())
    finally:
        db.close()


def test_fresh_database_reaches_every_head_known_to_alembic(tmp_path):
    from alembic.script import ScriptDirectory

    heads = set(ScriptDirectory.from_config(dbmod.alembic_config()).get_heads())
    assert set(script_heads()) == heads
    db = open_database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        assert db.current_heads() == heads
        with db.engine.connect() as conn:
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"nodes", "edges", "definitions", "import_runs", "alembic_version"} <= tables
    finally:
        db.close()


def _hold_write_lock(path, seconds):
    """Another program's connection holding the write lock on ``path`` for ``seconds`` (a thread)."""
    import threading

    held = threading.Event()

    def hold():
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        threading.Event().wait(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait()
    return thread


def test_opening_a_file_another_instance_is_creating_waits_for_it(tmp_path, monkeypatch):
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(dbmod, "OPEN_RETRY_PAUSE_S", 0.1)
    path = tmp_path / "shared.sqlite3"
    holder = _hold_write_lock(path, 0.3)
    try:
        db = open_database(f"sqlite:///{path}")
    finally:
        holder.join()
    try:
        assert db.current_heads() == set(script_heads())
    finally:
        db.close()


def test_a_file_locked_for_good_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(dbmod, "OPEN_RETRY_PAUSE_S", 0.01)
    path = tmp_path / "shared.sqlite3"
    holder = _hold_write_lock(path, 2.0)
    try:
        with pytest.raises(UserError) as info:
            open_database(f"sqlite:///{path}")
    finally:
        holder.join()
    assert "资料库正被另一个程序使用" in str(info.value) and info.value.file == str(path)


def test_opening_an_up_to_date_database_skips_the_upgrade(tmp_db_url, monkeypatch):
    def boom(self):
        raise AssertionError("upgrade machinery invoked on an up-to-date database")

    monkeypatch.setattr(Database, "upgrade_by_migrations", boom)
    open_database(tmp_db_url).close()


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_db_url):
    code = (
        "import sys; from cskexam.storage.db import open_database; "
        f"open_database({tmp_db_url!r}).close(); "
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_database_behind_the_scripts_is_upgraded(tmp_path):
    from alembic import command

    path = tmp_path / "old.sqlite3"
    db = Database(f"sqlite:///{path}")
    config = dbmod.alembic_config()
    with db.engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_graph")
        conn.commit()
    assert db.current_heads() == {"0001_graph"}
    db.close()
    db = open_database(f"sqlite:///{path}")
    try:
        assert db.current_heads() == set(script_heads())
    finally:
        db.close()


def test_a_failing_migration_is_a_user_error_and_leaves_the_database_as_it_was(tmp_path):
    from alembic import command

    path = tmp_path / "old.sqlite3"
    db = Database(f"sqlite:///{path}")
    config = dbmod.alembic_config()
    with db.engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_graph")
        conn.commit()
    with db.engine.begin() as conn:
        # A table in the way of what a later revision creates, after 0002 made its first ones.
        conn.exec_driver_sql("CREATE TABLE cards (id INTEGER PRIMARY KEY)")
    with pytest.raises(UserError, match="数据库结构升级失败"):
        db.migrate()
    with db.engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        versions = {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
    db.close()
    assert "search_meta" not in tables and versions == {"0001_graph"}  # the upgrade rolled back as a whole


def test_garbage_file_is_a_clear_user_error(tmp_path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(os.urandom(8192))
    with pytest.raises(UserError) as info:
        open_database(f"sqlite:///{path}")
    assert "数据库文件已损坏或不是 cskexam 数据库" in info.value.message
    assert info.value.file == str(path)
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"  # not overwritten


def test_text_file_posing_as_database_is_a_user_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("宏观环境分析(宏五)\n" * 200, encoding="utf-8")
    with pytest.raises(UserError, match="已损坏"):
        open_database(f"sqlite:///{path}")


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(UserError, match="不是 cskexam 数据库") as info:
        open_database(f"sqlite:///{path}")
    assert info.value.file == str(path)
    con = sqlite3.connect(path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert names == {"contacts"}


def test_database_from_a_newer_version_is_refused(tmp_db_url):
    db = Database(tmp_db_url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('0099_future')")
    db.close()
    with pytest.raises(UserError, match="更新版本"):
        open_database(tmp_db_url)


def test_directory_as_database_path_is_a_user_error(tmp_path):
    folder = tmp_path / "adir"
    folder.mkdir()
    with pytest.raises(UserError) as info:
        open_database(f"sqlite:///{folder}")
    assert info.value.file == str(folder)


def test_session_commits_on_success_and_rolls_back_on_error(tmp_db_url):
    db = open_database(tmp_db_url)
    now = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
    row = {"s": now.replace(tzinfo=None), "f": "[]"}
    insert = text(
        "INSERT INTO import_runs (started_at, finished_at, files, added, updated, unchanged,"
        " deactivated, reactivated, nodes, edges, definitions) VALUES (:s, :s, :f, 1,0,0,0,0,0,0,0)"
    )
    try:
        with db.session() as s:
            s.execute(insert, row)
        with pytest.raises(RuntimeError):
            with db.session(immediate=True) as s:
                s.execute(insert, row)
                raise RuntimeError("fail after writing")
        with db.session() as s:
            assert s.execute(text("SELECT count(*) FROM import_runs")).scalar() == 1
    finally:
        db.close()


def test_utc_datetime_columns_store_utc_and_return_aware(tmp_db_url):
    from cskexam.storage.models_graph import ImportRunRow

    db = open_database(tmp_db_url)
    beijing = dt.timezone(dt.timedelta(hours=8))
    local = dt.datetime(2025, 3, 1, 12, 0, tzinfo=beijing)
    try:
        with db.session() as s:
            s.add(ImportRunRow(started_at=local, finished_at=local, files=[]))
        with db.session() as s:
            raw = s.execute(text("SELECT started_at FROM import_runs")).scalar()
            run = s.query(ImportRunRow).one()
        assert raw.startswith("2025-03-01 04:00:00")
        assert run.started_at == local and run.started_at.tzinfo == dt.timezone.utc
        with pytest.raises(Exception, match="naive"):
            with db.session() as s:
                s.add(ImportRunRow(started_at=dt.datetime(2025, 1, 1), finished_at=local, files=[]))
    finally:
        db.close()


def test_migrated_schema_matches_every_models_module(tmp_db_url):
    """Autogenerate finds no difference: each feature's migration matches its models."""
    import importlib
    import pkgutil

    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import cskexam.storage as storage
    from cskexam.storage.base import Base

    for info in pkgutil.iter_modules(storage.__path__):
        if info.name.startswith("models_"):
            importlib.import_module(f"cskexam.storage.{info.name}")
    db = open_database(tmp_db_url)
    try:
        with db.engine.connect() as conn:
            from cskexam.storage.autogen import include_object_for

            opts = {"compare_type": True, "include_object": include_object_for(conn)}
            ctx = MigrationContext.configure(conn, opts=opts)
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        db.close()


def test_script_heads_falls_back_when_a_revision_is_not_literal(tmp_path, monkeypatch):
    (tmp_path / "0001_a.py").write_text('revision = "a"\ndown_revision = None\n')
    (tmp_path / "0002_b.py").write_text('revision = "b"\ndown_revision = "a"\n')
    (tmp_path / "0003_c.py").write_text('revision: str = "c"\ndown_revision = ("a",)  # a branch\n')
    (tmp_path / "0005_e.py").write_text('revision = "e"\ndown_revision = (\n    "c",\n)\n')  # spans lines
    monkeypatch.setattr(migration_scripts, "VERSIONS_DIR", tmp_path)
    script_heads.cache_clear()
    try:
        assert script_heads() == {"b", "e"}
        (tmp_path / "0004_d.py").write_text('revision = "d"\ndown_revision = compute()\n')
        script_heads.cache_clear()
        assert script_heads() is None
    finally:
        script_heads.cache_clear()
