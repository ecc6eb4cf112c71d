"""A failing library: damaged pages, a dropped table, a held lock, a read-only or full disk.

Each case asserts the message (Chinese, naming the file, saying what to do),
the exit status 2, and that the library's contents did not change.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cskexam.cli import main

PAGE = 4096


@pytest.fixture(scope="module")
def library_template(tmp_path_factory) -> Path:
    """A library holding the bundled notes and a few answered cards, in one file (WAL folded in)."""
    from cskexam.services.library import open_library
    from cskexam.services.review import Reviewer

    path = tmp_path_factory.mktemp("faults") / "cskexam.sqlite3"
    with open_library(f"sqlite:///{path}") as library:
        library.ensure_imported()
        reviewer = Reviewer(library.db)
        for _ in range(3):
            card = reviewer.next_card()
            reviewer.answer(card.id, 3)
        reviewer.close()
        with library.db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def library(tmp_path, library_template, monkeypatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    path = home / "cskexam.sqlite3"
    shutil.copyfile(library_template, path)
    monkeypatch.setenv("CSKEXAM_HOME", str(home))
    monkeypatch.delenv("CSKEXAM_DB", raising=False)
    monkeypatch.setenv("CSKEXAM_WAIT", "5")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _logs(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM review_logs").fetchone()[0]
    finally:
        conn.close()


def _error(capsys) -> str:
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return out.err


def _review_once(monkeypatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n3\n"))
    return main(["review", "--limit", "1"])


def corrupt_middle(path: Path) -> None:
    """Garbage over the root page of every cskexam table (not page 1: the file still opens)."""
    conn = sqlite3.connect(path)
    roots = [r for (r,) in conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND rootpage > 1 AND name NOT IN ('alembic_version')")]
    conn.close()
    with path.open("r+b") as fh:
        for page in roots:
            fh.seek((page - 1) * PAGE)
            fh.write(b"\xa5" * 64)


# -- a damaged page ----------------------------------------------------------------------

@pytest.mark.parametrize("command", [["stats"], ["cards"], ["questions"], ["search", "客户"], ["import"], "review"])
def test_a_damaged_page_is_one_message_naming_the_file(library, capsys, monkeypatch, command):
    corrupt_middle(library)
    before = _digest(library)
    code = _review_once(monkeypatch) if command == "review" else main(command)
    assert code == 2
    err = _error(capsys)
    assert f"{library}: 资料库文件已损坏" in err and "cskexam db restore" in err
    assert _digest(library) == before


def test_db_check_finds_the_damage_and_restore_repairs_it(library, capsys):
    from cskexam.services.backup import daily_backup

    logs = _logs(library)
    assert daily_backup(library) is not None
    corrupt_middle(library)
    assert main(["db", "check"]) == 2
    err = _error(capsys)
    assert "资料库有问题" in err and "完整性检查发现" in err and "cskexam db restore" in err
    assert main(["db", "restore", "latest"]) == 0
    out = capsys.readouterr().out
    assert "已从" in out and "另存为" in out
    assert main(["db", "check"]) == 0
    assert "资料库完好" in capsys.readouterr().out
    assert _logs(library) == logs


def test_restore_of_a_file_whose_header_is_gone_keeps_it_aside(library, capsys):
    from cskexam.services.backup import daily_backup

    daily_backup(library)
    with library.open("r+b") as fh:
        fh.write(b"\x00garbage" * 16)
    assert main(["stats"]) == 2
    assert "已损坏" in _error(capsys)
    assert main(["db", "restore", "latest"]) == 0
    assert "改名保留" in capsys.readouterr().out
    assert list(library.parent.glob("cskexam.sqlite3.damaged-*"))
    assert main(["stats"]) == 0


# -- a dropped table ---------------------------------------------------------------------

def test_a_dropped_table_is_one_message(library, capsys):
    conn = sqlite3.connect(library)
    conn.execute("DROP TABLE review_logs")
    conn.commit()
    conn.close()
    before = _digest(library)
    assert main(["stats"]) == 2
    err = _error(capsys)
    assert f"{library}: 资料库缺少数据" in err and "review_logs" in err and "db restore" in err
    assert main(["db", "check"]) == 2
    assert "缺少数据表: review_logs" in _error(capsys)
    assert _digest(library) == before


def _drop_column(path: Path, table: str, column: str) -> None:
    conn = sqlite3.connect(path)
    for (index,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                 (table,)).fetchall():
        conn.execute(f'DROP INDEX "{index}"')
    conn.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    conn.commit()
    conn.close()


def _sql(statement: str):
    def change(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.execute(statement)
        conn.commit()
        conn.close()
    return change


@pytest.mark.parametrize("change, check_words, open_words", [
    (_sql("UPDATE alembic_version SET version_num = 'ffffffffffff'"), "更新版本的 cskexam", "更新版本的 cskexam"),
    (_sql("INSERT INTO alembic_version VALUES ('zzzz_from_the_future')"), "更新版本的 cskexam", "更新版本的 cskexam"),
    (_sql("DROP TABLE alembic_version"), "其他程序的数据表", "其他程序的数据表"),
    (_sql("DELETE FROM alembic_version"), "结构版本记录是空的", "结构版本记录是空的"),
    (lambda path: _drop_column(path, "cards", "state"), "数据表 cards 缺少列：state", "缺少数据列「cards.state」"),
], ids=["newer", "extra-newer-head", "foreign", "no-version", "column-gone"])
def test_db_check_names_what_keeps_cskexam_from_a_sound_file(library, capsys, change, check_words, open_words):
    """integrity_check says ok, yet every command fails: db check must say why, and nothing changes."""
    change(library)
    before = _digest(library)
    assert main(["db", "check"]) == 2
    err = _error(capsys)
    assert check_words in err and "✓" not in err
    assert main(["stats"]) == 2
    assert open_words in _error(capsys)
    assert _digest(library) == before


# -- a write lock held by another program -------------------------------------------------

def _hold_lock(path: Path, seconds: float) -> tuple[threading.Thread, threading.Event]:
    """Another program holding the write lock for up to ``seconds`` (set the event to let go sooner)."""
    ready, release = threading.Event(), threading.Event()

    def hold():
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        ready.set()
        release.wait(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait()
    return thread, release


def test_a_held_lock_is_said_promptly_and_the_wait_is_offered(library, capsys, monkeypatch):
    logs = _logs(library)
    holder, release = _hold_lock(library, 10.0)
    try:
        start = time.monotonic()
        code = main(["--wait", "0.2", "import"])
        elapsed = time.monotonic() - start
    finally:
        release.set()
        holder.join()
    assert code == 2 and elapsed < 3.5
    err = _error(capsys)
    assert f"{library}: 资料库正被另一个程序使用" in err and "--wait" in err
    assert _logs(library) == logs


def test_an_answer_under_a_held_lock_fails_once_instead_of_retrying(library, monkeypatch):
    from cskexam.errors import DatabaseProblem
    from cskexam.services.library import open_library
    from cskexam.services.review import Reviewer

    monkeypatch.setenv("CSKEXAM_WAIT", "0.2")
    with open_library() as lib:
        reviewer = Reviewer(lib.db)
        card = reviewer.next_card()
        holder, release = _hold_lock(library, 10.0)
        try:
            start = time.monotonic()
            with pytest.raises(DatabaseProblem) as info:
                reviewer.answer(card.id, 3)
            assert time.monotonic() - start < 2.5
        finally:
            release.set()
            holder.join()
        assert info.value.kind == "locked"
        reviewer.answer(card.id, 3)  # once the other program is done, it works
        reviewer.close()


def test_waiting_for_the_lock_succeeds_when_it_is_released(library, capsys, monkeypatch):
    holder, _ = _hold_lock(library, 0.5)
    try:
        assert main(["--wait", "10", "settings", "--new-per-day", "25"]) == 0
    finally:
        holder.join()


# -- read-only and full disks --------------------------------------------------------------

@pytest.fixture
def small_mount(tmp_path):
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_library_on_a_read_only_disk_says_so_and_keeps_everything(library, small_mount, capsys, monkeypatch):
    target = small_mount / "cskexam.sqlite3"
    shutil.copyfile(library, target)
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    monkeypatch.setenv("CSKEXAM_HOME", str(small_mount))
    before = _digest(target)
    assert _review_once(monkeypatch) == 2
    err = _error(capsys)
    assert str(target) in err and ("只读" in err or "无法打开资料库文件" in err)
    assert _digest(target) == before


def test_a_read_only_library_file_shows_the_card_then_says_so(library, capsys, monkeypatch):
    """Opened read-only (as a file without write permission is): reading works, the answer cannot be saved."""
    logs = _logs(library)
    monkeypatch.setenv("CSKEXAM_DB", f"sqlite:///file:{library}?mode=ro&uri=true")
    assert _review_once(monkeypatch) == 2
    out = capsys.readouterr()
    assert "问:" in out.out and "Traceback" not in out.err
    assert "资料库文件是只读的" in out.err and "写权限" in out.err
    assert _logs(library) == logs


def test_a_full_disk_says_so_and_keeps_everything(library, small_mount, capsys, monkeypatch):
    target = small_mount / "cskexam.sqlite3"
    shutil.copyfile(library, target)
    filler = small_mount / "filler"
    free = shutil.disk_usage(small_mount).free
    filler.write_bytes(b"\0" * max(0, free - 48 * 1024))
    monkeypatch.setenv("CSKEXAM_HOME", str(small_mount))
    logs = _logs(target)
    big = small_mount.parent / "notes.txt"
    big.write_text("\n".join(f"第{i}章 客户服务第{i}讲\n一、服务的特性{i}\n1、无形性{i}\n2、不可分性{i}" for i in range(1, 400)),
                   encoding="utf-8")
    assert main(["import", str(big)]) == 2
    err = _error(capsys)
    assert str(target) in err and ("磁盘空间已满" in err or "读写资料库文件时出错" in err)
    filler.unlink()
    assert _logs(target) == logs
    assert main(["stats"]) == 0


def test_a_file_size_limit_mid_write_is_one_message(library, tmp_path):
    """prlimit --fsize: the kernel refuses to grow any file past the limit (EFBIG)."""
    if shutil.which("prlimit") is None:
        pytest.skip("prlimit is not installed")
    notes = tmp_path / "notes.txt"
    notes.write_text("\n".join(f"第{i}章 客户服务第{i}讲\n一、服务的特性{i}\n1、无形性{i}\n2、不可分性{i}" for i in range(1, 1500)),
                     encoding="utf-8")
    limit = 128 * 1024  # the -wal file may not grow past this
    logs = _logs(library)
    env = {**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(["prlimit", f"--fsize={limit}", sys.executable, "-m", "cskexam", "import", str(notes)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and str(library) in done.stderr
    assert _logs(library) == logs
