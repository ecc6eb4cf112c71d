"""A new SQLite library created from the schema snapshot equals one taken through every migration."""

from __future__ import annotations

from sqlalchemy import inspect

from cskexam.storage import schema_snapshot
from cskexam.storage.db import Database, open_database, script_heads


def _describe(db: Database) -> dict:
    with db.engine.connect() as conn:
        insp = inspect(conn)
        tables = {}
        for table in sorted(insp.get_table_names()):
            tables[table] = {
                "columns": [(c["name"], str(c["type"]), c["nullable"], c["default"]) for c in insp.get_columns(table)],
                "pk": insp.get_pk_constraint(table)["constrained_columns"],
                "fks": sorted((fk["name"] or "", tuple(fk["constrained_columns"]), fk["referred_table"])
                              for fk in insp.get_foreign_keys(table)),
                "indexes": sorted((ix["name"], tuple(ix["column_names"]), ix["unique"]) for ix in insp.get_indexes(table)),
                "uniques": sorted((u["name"] or "", tuple(u["column_names"])) for u in insp.get_unique_constraints(table)),
            }
        master = sorted(tuple(row) for row in conn.exec_driver_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        versions = sorted(row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version"))
        profiles = sorted(row[0] for row in conn.exec_driver_sql("SELECT name FROM profiles"))
    return {"tables": tables, "master": master, "versions": versions, "profiles": profiles}


def test_fresh_database_is_created_from_the_snapshot_without_migrations(tmp_path, monkeypatch):
    def no_migrations(self):
        raise AssertionError("an empty database must not be migrated step by step")

    monkeypatch.setattr(Database, "upgrade_by_migrations", no_migrations)
    db = open_database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    try:
        assert db.is_up_to_date()
    finally:
        db.close()


def test_snapshot_schema_equals_the_fully_migrated_schema(tmp_path):
    fresh = open_database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    migrated = Database(f"sqlite:///{tmp_path / 'migrated.sqlite3'}")
    try:
        migrated.upgrade_by_migrations()
        fresh_schema, migrated_schema = _describe(fresh), _describe(migrated)
        assert fresh_schema["tables"] == migrated_schema["tables"]
        assert fresh_schema == migrated_schema
        assert set(fresh_schema["versions"]) == script_heads()
        assert "search_fts" in fresh_schema["tables"]
    finally:
        fresh.close()
        migrated.close()


def test_snapshot_file_is_current(tmp_path):
    """Fails after a new migration until ``python -m cskexam.storage.schema_snapshot`` is run."""
    migrated = Database(f"sqlite:///{tmp_path / 'migrated.sqlite3'}")
    try:
        migrated.upgrade_by_migrations()
        with migrated.engine.connect() as conn:
            expected = schema_snapshot.dump_schema(conn)
    finally:
        migrated.close()
    assert schema_snapshot.SNAPSHOT.read_text(encoding="utf-8") == expected
    assert schema_snapshot.snapshot_heads() == script_heads()


def test_a_stale_snapshot_falls_back_to_the_migrations(tmp_path, monkeypatch):
    monkeypatch.setattr(schema_snapshot, "snapshot_heads", lambda: frozenset({"0001_graph"}))
    db = open_database(f"sqlite:///{tmp_path / 'stale.sqlite3'}")
    try:
        assert db.is_up_to_date()
    finally:
        db.close()


def test_a_database_with_tables_is_migrated_not_recreated(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    db = Database(url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    db.close()
    db = open_database(url)
    try:
        assert db.is_up_to_date()
        assert "nodes" in inspect(db.engine).get_table_names()
    finally:
        db.close()
