"""Copies of an SQLite library made with SQLite's online backup API.

A library is the database file *and* its ``-wal`` and ``-shm`` files: in WAL
mode the latest answers may live only in the ``-wal`` file until a
checkpoint copies them into the main file, so copying or deleting the main
file alone loses them. The backup API reads through an SQLite connection and
therefore copies what a reader sees, WAL included, while other programs go on
reading and writing.

A copy is written to a temporary name, switched to a rollback journal (one
self-contained file) and only then renamed into place: a crash never leaves
a half-written backup under a backup's name.

Besides the daily copies, ``backups/`` holds the contents saved before a
restore (``…-before-restore-20261207-053000.sqlite3``) and before the schema
is upgraded (``…-before-upgrade-…``); each kind keeps its newest ``KEEP``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from cskexam.errors import UserError

BACKUP_DIR_NAME = "backups"
KEEP = 7
BEFORE_RESTORE = "before-restore"
BEFORE_UPGRADE = "before-upgrade"
# Pages copied per step: between steps other connections may write, and the
# progress callback may give up on a lock held too long.
PAGES_PER_STEP = 1024


@dataclass(frozen=True)
class BackupFile:
    day: dt.date
    path: Path
    size: int


class LockTimeout(Exception):
    """Another connection held the database longer than we were willing to wait."""


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR_NAME


def backup_path(db_path: Path, day: dt.date) -> Path:
    return backup_dir(db_path) / f"{db_path.stem}-{day.isoformat()}{db_path.suffix or '.sqlite3'}"


def list_backups(db_path: Path) -> list[BackupFile]:
    """The daily backups of ``db_path``, newest first."""
    folder = backup_dir(db_path)
    pattern = re.compile(re.escape(db_path.stem) + r"-(\d{4}-\d{2}-\d{2})" + re.escape(db_path.suffix or ".sqlite3") + "$")
    out = []
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    for entry in entries:
        m = pattern.match(entry.name)
        if not m:
            continue
        try:
            day = dt.date.fromisoformat(m.group(1))
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(BackupFile(day, entry, size))
    return sorted(out, key=lambda b: b.day, reverse=True)


def stamped_path(db_path: Path, kind: str, when: dt.datetime) -> Path:
    """Where the contents saved before a restore or an upgrade go: ``cskexam-before-restore-20261207-053000.sqlite3``."""
    return backup_dir(db_path) / f"{db_path.stem}-{kind}-{when.strftime('%Y%m%d-%H%M%S')}{db_path.suffix or '.sqlite3'}"


def list_stamped(db_path: Path, kind: str) -> list[Path]:
    """The copies of one ``kind`` (before-restore, before-upgrade), newest first."""
    pattern = re.compile(re.escape(f"{db_path.stem}-{kind}-") + r"(\d{8}-\d{6})" + re.escape(db_path.suffix or ".sqlite3") + "$")
    try:
        entries = list(backup_dir(db_path).iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [(m.group(1), e) for e in entries if (m := pattern.match(e.name))]
    return [e for _, e in sorted(found, key=lambda f: f[0], reverse=True)]


def prune_stamped(db_path: Path, kind: str, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` copies of ``kind``; returns what was deleted."""
    gone = list_stamped(db_path, kind)[keep:]
    for old in gone:
        old.unlink(missing_ok=True)
    return gone


def ensure_backup_dir(db_path: Path) -> Path:
    """The ``backups`` folder beside the library, made when missing (the library's own folder must exist)."""
    folder = backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    return folder


def _connect(path: Path, *, timeout_s: float = 5.0) -> sqlite3.Connection:
    # Not mode=ro even to read: a read-only connection to a WAL database
    # fails when the -shm file does not exist yet.
    return sqlite3.connect(str(path), timeout=timeout_s)


def _copy(source: sqlite3.Connection, target: sqlite3.Connection, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise LockTimeout()

    source.backup(target, pages=PAGES_PER_STEP, progress=progress, sleep=0.05)


def copy_to_file(db_path: Path, dest: Path, *, wait_s: float = 5.0) -> Path:
    """Copy the library at ``db_path`` (WAL included) into the new file ``dest``.

    The folder of ``dest`` must exist: a mistyped folder is the user's to fix, not ours to make.
    """
    if not dest.parent.is_dir():
        raise UserError(f"目标文件夹不存在: {dest.parent}（请先创建它，或换一个位置）", str(dest))
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    source = _connect(db_path, timeout_s=wait_s)
    try:
        target = sqlite3.connect(str(tmp))
        try:
            _copy(source, target, wait_s)
            # One self-contained file: a copy never depends on a -wal beside it.
            target.execute("PRAGMA journal_mode = DELETE").fetchall()
        finally:
            target.close()
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return dest


def copy_into(source_path: Path, db_path: Path, *, wait_s: float = 5.0) -> None:
    """Replace the contents of the library at ``db_path`` with ``source_path``, through SQLite.

    Other connections to ``db_path`` see the new contents at their next
    transaction; the copy waits up to ``wait_s`` for their write lock.
    """
    source = _connect(source_path, timeout_s=wait_s)
    try:
        target = _connect(db_path, timeout_s=wait_s)
        try:
            _copy(source, target, wait_s)
            target.execute("PRAGMA journal_mode = WAL").fetchall()
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            target.close()
    finally:
        source.close()


def integrity_problems(path: Path, *, quick: bool = False, limit: int = 20) -> list[str]:
    """SQLite's own check of the file: an empty list when it is sound."""
    conn = _connect(path)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}({int(limit)})")]
    finally:
        conn.close()
    if rows == ["ok"]:
        return []
    lines = [line.strip() for r in rows for line in str(r).splitlines()]
    return [line for line in lines if line and not line.startswith("*** in database")]


def has_table(path: Path, name: str) -> bool:
    conn = _connect(path)
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None
    finally:
        conn.close()


def missing_tables(path: Path) -> list[str]:
    """Tables cskexam's models define that the file lacks (e.g. dropped by another program)."""
    import importlib
    import pkgutil

    import cskexam.storage as pkg
    from cskexam.storage.base import Base

    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("models_"):
            importlib.import_module(f"cskexam.storage.{info.name}")
    conn = _connect(path)
    try:
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    finally:
        conn.close()
    return sorted(set(Base.metadata.tables) - have)


def schema_problems(path: Path) -> list[str]:
    """What keeps cskexam from using a sound SQLite file, in plain words: an empty list when nothing.

    Another program's tables, a lost or newer schema version, a column gone
    from a table (each makes every command fail, though integrity_check says ok).
    """
    from cskexam.storage.migration_scripts import known_revisions, script_heads

    conn = _connect(path)
    try:
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if not have:
            return []
        if "alembic_version" not in have:
            return ["其中是其他程序的数据表，没有 cskexam 的结构版本记录：这不是 cskexam 的资料库"]
        versions = {str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")}
        if not versions:
            return ["结构版本记录是空的（可能被其他程序改动过），cskexam 无法判断这个文件的结构"]
        unknown = versions - (known_revisions() or versions)
        if unknown:
            return [f"资料库由更新版本的 cskexam 创建（结构版本 {'、'.join(sorted(unknown))[:80]}），"
                    "请升级 cskexam 后再打开；这个版本不能使用它"]
        if versions != script_heads():
            return []  # an older schema: opening the library upgrades it
        columns = {t: {r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')} for t in have}
    finally:
        conn.close()
    out = []
    for name, table in sorted(_model_tables().items()):
        if name in columns:
            gone = [c.name for c in table.columns if c.name not in columns[name]]
            if gone:
                out.append(f"数据表 {name} 缺少列：{'、'.join(gone[:8])}")
    return out


def _model_tables() -> dict:
    import importlib
    import pkgutil

    import cskexam.storage as pkg
    from cskexam.storage.base import Base

    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("models_"):
            importlib.import_module(f"cskexam.storage.{info.name}")
    return dict(Base.metadata.tables)
