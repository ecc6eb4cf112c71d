"""Daily backups of the library, its health check and restoring a backup.

* ``daily_backup``: the first time a library is opened on a day, a copy is
  made with SQLite's online backup API into ``backups/`` beside the database
  file (``cskexam-2026-12-07.sqlite3``); the last ``KEEP_DAYS`` copies are
  kept. A library that fails SQLite's quick check is not copied, so a damaged
  file never pushes the good copies out.
* ``check_library``: SQLite's integrity check and the tables cskexam needs,
  in plain words, with the backups there are.
* ``restore_library``: the current contents are saved first (or, when they
  are too damaged to copy, the files are renamed aside), then the backup is
  copied in through SQLite, so a running cskexam sees it on its next step.
  The saved copies are pruned like the daily ones (the newest ``KEEP_DAYS``).
* Before the schema of an existing SQLite library is upgraded, its contents
  are saved too (``cskexam.storage.db``, ``…-before-upgrade-…``).

Only SQLite libraries have backups: backing up a PostgreSQL library is the
server's job (pg_dump, the host's snapshots), or ``cskexam db copy`` makes an
SQLite file of it; the commands say so instead of doing nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from cskexam.errors import DatabaseProblem, UserError, os_error_text
from cskexam.storage import backup as store
from cskexam.storage.db import require_plain_file
from cskexam.storage.db_errors import (
    database_name, describe_database_error, lock_wait_seconds, locked_problem, sqlite_file, sqlite_without_file,
)

KEEP_DAYS = store.KEEP
POSTGRES_BACKUPS = ("备份、检查和恢复只适用于 SQLite 资料库：PostgreSQL 资料库由数据库服务器负责备份（如 pg_dump 或服务器的快照），"
                    "cskexam 不做自动备份；也可以用 cskexam db copy 把它复制成一个 SQLite 文件，例如 "
                    "cskexam db copy {url} sqlite:////home/me/cskexam-copy.sqlite3")
NO_FILE = ("这个 SQLite 地址没有指向文件（内存中的数据库 sqlite://，或 file: 形式的地址）：备份、检查和恢复需要"
           "资料库文件的路径，如 sqlite:////home/me/cskexam.sqlite3")
SIDE_FILES = ("-wal", "-shm")


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)  # SQLite's own words, for the record
    missing_tables: list[str] = field(default_factory=list)
    schema: list[str] = field(default_factory=list)  # plain words: another program's file, a newer version …
    backups: list[store.BackupFile] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.missing_tables and not self.schema


@dataclass
class RestoreResult:
    path: Path
    restored: store.BackupFile
    saved_as: Path | None  # the contents before the restore
    moved_aside: list[Path] = field(default_factory=list)  # damaged files renamed instead


def library_file(url: str) -> Path:
    """The SQLite file of ``url``; UserError for other databases."""
    path = sqlite_file(url)
    if path is None:
        if sqlite_without_file(url):
            raise UserError(NO_FILE, url)  # an SQLite URL has no password to hide
        shown = database_name(url)
        raise UserError(POSTGRES_BACKUPS.format(url=shown), shown)
    require_plain_file(path)  # a folder or a pipe in its place is named so (a pipe would also block)
    return path


def existing_library_file(url: str) -> Path | None:
    """The SQLite file of ``url`` when it already exists (a new, empty library needs no backup)."""
    path = sqlite_file(url)
    return path if path is not None and path.is_file() else None


def daily_backup(path: Path, today: dt.date | None = None, *, keep: int = KEEP_DAYS) -> Path | None:
    """Make today's backup of the library file ``path`` unless it exists; prune to ``keep``. None when none was made."""
    today = today or dt.date.today()
    target = store.backup_path(path, today)
    if target.exists():
        return None
    try:
        if store.integrity_problems(path, quick=True, limit=1):
            return None
        store.ensure_backup_dir(path)
        store.copy_to_file(path, target, wait_s=1.0)
    except (OSError, sqlite3.Error, store.LockTimeout, UserError):
        # A backup that cannot be made (full disk, read-only folder, busy
        # library) must not keep the candidate from studying; `db check`
        # shows the date of the last one.
        return None
    for old in store.list_backups(path)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def check_library(url: str) -> CheckReport:
    path = library_file(url)
    if not path.exists():
        raise UserError("资料库还不存在（第一次运行 cskexam 时创建）", str(path))
    report = CheckReport(path, backups=store.list_backups(path))
    try:
        report.problems = store.integrity_problems(path)
        if not report.problems:
            report.schema = store.schema_problems(path)
        if not report.problems and store.has_table(path, "alembic_version") and not report.schema:
            report.missing_tables = store.missing_tables(path)
    except sqlite3.Error as exc:
        problem = describe_database_error(exc, str(path))
        if problem is not None and problem.kind not in ("corrupt", "schema", "other"):
            raise problem from None
        report.problems = ["文件头已损坏，SQLite 不再认为它是数据库" if "not a database" in str(exc) else str(exc)]
    return report


def find_backup(url: str, day: dt.date | None) -> store.BackupFile:
    path = library_file(url)
    backups = store.list_backups(path)
    if not backups:
        raise UserError(f"没有自动备份（备份保存在 {store.backup_dir(path)}）", str(path))
    if day is None:
        return backups[0]
    for b in backups:
        if b.day == day:
            return b
    have = "、".join(b.day.isoformat() for b in backups)
    raise UserError(f"没有 {day.isoformat()} 的备份（现有: {have}）", str(path))


def list_library_backups(url: str) -> list[store.BackupFile]:
    return store.list_backups(library_file(url))


def restore_library(url: str, day: dt.date | None, *, now: dt.datetime | None = None) -> RestoreResult:
    """Replace the library's contents with the backup of ``day`` (default: the newest)."""
    path = library_file(url)
    chosen = find_backup(url, day)
    wait = lock_wait_seconds()
    try:
        if store.integrity_problems(chosen.path):
            raise UserError("这份备份本身已损坏，请选另一天的备份", str(chosen.path))
    except sqlite3.Error:
        raise UserError("这份备份本身已损坏，请选另一天的备份", str(chosen.path)) from None
    when = now or dt.datetime.now()
    stamp = when.strftime("%Y%m%d-%H%M%S")
    target = store.stamped_path(path, store.BEFORE_RESTORE, when)
    saved: Path | None = target
    moved: list[Path] = []
    try:
        if path.exists():
            try:
                store.ensure_backup_dir(path)
                store.copy_to_file(path, target, wait_s=wait)
            except sqlite3.DatabaseError as exc:
                if not _damaged(exc, path):
                    raise
                saved = None
                moved = _move_aside(path, stamp)
        else:
            saved = None
        try:
            store.copy_into(chosen.path, path, wait_s=wait)
        except sqlite3.DatabaseError as exc:
            if not _damaged(exc, path) or moved:
                raise
            moved = _move_aside(path, stamp)
            store.copy_into(chosen.path, path, wait_s=wait)
    except store.LockTimeout:
        raise _locked(path) from None
    except sqlite3.Error as exc:
        problem = describe_database_error(exc, str(path))
        if problem is None:
            raise
        raise problem from None
    except OSError as exc:
        raise UserError(f"无法恢复: {os_error_text(exc)}", str(path)) from None
    try:
        store.prune_stamped(path, store.BEFORE_RESTORE, KEEP_DAYS)
    except OSError:
        pass  # an old copy that cannot be deleted stays; the restore itself is done
    return RestoreResult(path, chosen, saved, moved)


def _damaged(exc: sqlite3.Error, path: Path) -> bool:
    problem = describe_database_error(exc, str(path))
    return problem is not None and problem.kind == "corrupt"


def _move_aside(path: Path, stamp: str) -> list[Path]:
    """Rename a library too damaged to copy (and its -wal/-shm) out of the way; they are kept, not deleted."""
    moved = []
    for name in (path.name, *(path.name + s for s in SIDE_FILES)):
        src = path.with_name(name)
        if src.exists():
            dest = path.with_name(f"{name}.damaged-{stamp}")
            src.replace(dest)
            moved.append(dest)
    return moved


def _locked(path: Path) -> DatabaseProblem:
    return locked_problem(str(path))
