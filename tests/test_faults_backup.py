"""Daily backups and restore: acknowledged answers survive, WAL included; nothing is ever lost by a restore."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from cskexam.cli import main
from cskexam.services import backup
from cskexam.storage import backup as store


def _logs(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM review_logs").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path))
    monkeypatch.delenv("CSKEXAM_DB", raising=False)
    monkeypatch.delenv("CSKEXAM_WAIT", raising=False)
    return tmp_path


def _answer(reviewer, n: int) -> list[int]:
    ids = []
    for _ in range(n):
        card = reviewer.next_card()
        ids.append(reviewer.answer(card.id, 3).log_id)
    return ids


def test_acknowledged_answers_survive_backup_and_restore(home):
    from cskexam.services.library import open_library
    from cskexam.services.review import Reviewer

    path = home / "cskexam.sqlite3"
    with open_library() as library:
        library.ensure_imported()
        reviewer = Reviewer(library.db)
        first = _answer(reviewer, 4)
        # The answers are acknowledged but may live only in the -wal file.
        assert path.with_name(path.name + "-wal").stat().st_size > 0
        made = backup.daily_backup(path, dt.date(2026, 12, 6))
        assert made is not None and _logs(made) == len(first)
        assert not made.with_name(made.name + "-wal").exists()  # one self-contained file
        later = _answer(reviewer, 3)
        result = backup.restore_library(f"sqlite:///{path}", dt.date(2026, 12, 6),
                                        now=dt.datetime(2026, 12, 7, 9, 30))
        # The drill still open sees the restored library and goes on.
        assert reviewer.answer(reviewer.next_card().id, 3).log_id
        reviewer.close()
    assert result.saved_as is not None and _logs(result.saved_as) == len(first) + len(later)
    assert _logs(path) == len(first) + 1
    assert store.integrity_problems(path) == []


def test_one_backup_a_day_the_last_seven_kept(home):
    from cskexam.services.library import open_library

    path = home / "cskexam.sqlite3"
    with open_library() as library:
        library.ensure_imported()
    assert not (home / "backups").exists()  # a new library needs none
    for day in range(1, 10):
        assert backup.daily_backup(path, dt.date(2026, 11, day)) is not None
        assert backup.daily_backup(path, dt.date(2026, 11, day)) is None  # once a day
    kept = [b.day.day for b in store.list_backups(path)]
    assert kept == [9, 8, 7, 6, 5, 4, 3]
    with open_library():
        pass  # opening an existing library makes today's
    assert store.list_backups(path)[0].day == dt.date.today()


def test_a_damaged_library_does_not_push_good_backups_out(home):
    from cskexam.services.library import open_library
    from tests.test_faults_db import corrupt_middle

    path = home / "cskexam.sqlite3"
    with open_library() as library:
        library.ensure_imported()
        with library.db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    backup.daily_backup(path, dt.date(2026, 12, 1))
    corrupt_middle(path)
    assert backup.daily_backup(path, dt.date(2026, 12, 2)) is None
    assert [b.day for b in store.list_backups(path)] == [dt.date(2026, 12, 1)]


def test_restore_without_a_date_lists_and_changes_nothing(home, capsys):
    from cskexam.services.library import open_library

    path = home / "cskexam.sqlite3"
    assert main(["db", "restore"]) == 0
    assert "还没有自动备份" in capsys.readouterr().out
    with open_library() as library:
        library.ensure_imported()
    backup.daily_backup(path, dt.date(2026, 12, 5))
    before = path.read_bytes()
    assert main(["db", "restore"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-05" in out and "cskexam db restore 2026-12-05" in out
    assert path.read_bytes() == before
    assert main(["db", "restore", "2026-01-01"]) == 2
    assert "没有 2026-01-01 的备份（现有: 2026-12-05）" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["db", "restore", "昨天"])
    assert info.value.code == 2 and "日期应写成 2026-12-07" in capsys.readouterr().err


def test_db_commands_on_other_databases_say_they_are_for_sqlite(home, capsys):
    assert main(["--db", "postgresql+psycopg://u@localhost/nowhere", "db", "check"]) == 2
    assert "只适用于 SQLite" in capsys.readouterr().err


# -- before an upgrade, pruning, missing folders, PostgreSQL -------------------------------------

def _downgrade_one_step(path: Path) -> None:
    from alembic import command

    from cskexam.storage.db import alembic_config, open_database

    db = open_database(f"sqlite:///{path}")
    try:
        with db.engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0012_search_words_and_readings")  # one head, one step back
    finally:
        db.close()


def test_an_upgrade_of_an_existing_library_is_preceded_by_a_backup(home):
    from cskexam.services.library import open_library
    from cskexam.services.review import Reviewer

    path = home / "cskexam.sqlite3"
    with open_library() as library:
        library.ensure_imported()
        with Reviewer(library.db) as reviewer:
            answered = len(_answer(reviewer, 2))
    _downgrade_one_step(path)
    (home / "backups").mkdir(exist_ok=True)
    for old in range(9):  # copies left by earlier upgrades
        stale = store.stamped_path(path, store.BEFORE_UPGRADE, dt.datetime(2026, 1, 1 + old, 8, 0))
        stale.write_bytes(b"")
    with open_library():
        pass
    copies = store.list_stamped(path, store.BEFORE_UPGRADE)
    assert len(copies) == store.KEEP
    newest = copies[0]
    assert newest.stat().st_size > 0 and _logs(newest) == answered  # the contents before the upgrade
    conn = sqlite3.connect(newest)
    try:
        versions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    finally:
        conn.close()
    assert "0013_search_on_postgresql" not in versions  # taken before the schema changed
    with open_library():
        pass  # up to date: no further copy
    assert store.list_stamped(path, store.BEFORE_UPGRADE)[0] == newest


def test_no_upgrade_without_its_backup(home, capsys, monkeypatch):
    from cskexam.services.library import open_library

    path = home / "cskexam.sqlite3"
    with open_library() as library:
        library.ensure_imported()
    _downgrade_one_step(path)
    (home / "backups").write_text("a file where the folder should be")
    assert main(["stats"]) == 2
    err = capsys.readouterr().err
    assert "升级数据库结构前要先备份" in err and "没有任何改动" in err and "Traceback" not in err
    conn = sqlite3.connect(path)
    try:
        versions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    finally:
        conn.close()
    assert "0013_search_on_postgresql" not in versions


def test_copies_saved_before_restores_are_pruned_to_seven(home):
    from cskexam.services.library import open_library

    path = home / "cskexam.sqlite3"
    with open_library() as library:
        library.ensure_imported()
    backup.daily_backup(path, dt.date(2026, 12, 1))
    for minute in range(10):
        result = backup.restore_library(f"sqlite:///{path}", None, now=dt.datetime(2026, 12, 7, 9, minute))
        assert result.saved_as is not None and result.saved_as.exists()
    saved = store.list_stamped(path, store.BEFORE_RESTORE)
    assert [p.name for p in saved] == [f"cskexam-before-restore-20261207-09{m:02d}00.sqlite3" for m in range(9, 2, -1)]
    assert len(saved) == 7 and [b.day for b in store.list_backups(path)] == [dt.date(2026, 12, 1)]


def test_a_copy_into_a_missing_folder_is_refused_not_made(home):
    from cskexam.errors import UserError
    from cskexam.services.library import open_library

    path = home / "cskexam.sqlite3"
    with open_library() as library:
        library.ensure_imported()
    dest = home / "nowhere" / "copy.sqlite3"
    with pytest.raises(UserError) as info:
        store.copy_to_file(path, dest)
    assert "目标文件夹不存在" in str(info.value) and str(home / "nowhere") in str(info.value)
    assert not (home / "nowhere").exists()


def test_postgresql_libraries_are_told_whose_job_backups_are(home, capsys):
    for command in (["db", "check"], ["db", "restore"], ["db", "restore", "latest"]):
        assert main(["--db", "postgresql+psycopg://u@localhost/nowhere", *command]) == 2
        err = capsys.readouterr().err
        assert "数据库服务器负责备份" in err and "cskexam db copy" in err and "Traceback" not in err


@pytest.mark.parametrize("make, words", [
    (lambda p: p.mkdir(), "这是一个目录"),
    (lambda p: __import__("os").mkfifo(p), "不是普通文件"),
], ids=["folder", "fifo"])
def test_db_commands_on_a_folder_or_pipe_say_so_without_blocking(home, capsys, make, words):
    make(home / "cskexam.sqlite3")
    for argv in (["db", "check"], ["db", "restore"], ["db", "restore", "latest"], ["stats"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err
