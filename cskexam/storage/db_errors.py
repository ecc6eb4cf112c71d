"""Database failures in words a candidate understands.

A damaged page, a full disk, a read-only file, a lock held by another
program or a dropped table each get one message saying what happened and
what to do; constraint and programming errors are bugs and stay as they are.
``Database`` raises these (through SQLAlchemy's ``handle_error`` hook) once
the database is open; the CLI and the TUI also map a driver error that
escaped SQLAlchemy with ``describe_database_error``.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from cskexam.errors import DatabaseProblem

RESTORE_HINT = "可运行 cskexam db check 检查，用 cskexam db restore 从自动备份恢复"
LOCK_WAIT_ENV = "CSKEXAM_WAIT"
DEFAULT_WAIT_MS = 5000


def describe_database_error(exc: BaseException, where: str) -> DatabaseProblem | None:
    """The message for a database failure ``exc`` (SQLAlchemy's or the driver's), or None when it is a bug."""
    if isinstance(exc, DatabaseProblem):
        return exc
    if isinstance(exc, DBAPIError):
        exc = exc.orig if exc.orig is not None else exc
    if isinstance(exc, sqlite3.Error):
        return _describe_sqlite(exc, where)
    if type(exc).__module__.startswith(("psycopg", "sqlalchemy")) and type(exc).__name__ == "OperationalError":
        return DatabaseProblem(_server_problem(str(exc), where), where, kind="io")
    return None


# The driver's (libpq's) words for why a server could not be used, and ours; the
# English is only matched, never shown.
_SERVER_PROBLEMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"failed to resolve host|could not translate host name|Name or service not known", re.I),
     "找不到数据库服务器的主机「{host}」：请检查 URL 中的主机名"),
    (re.compile(r'database "[^"]*" does not exist', re.I),
     "数据库服务器上没有名为「{database}」的数据库：请先创建它（如 createdb {database}），或检查 URL 中的数据库名"),
    (re.compile(r"password authentication failed|no password supplied|authentication failed|"
                r'role "[^"]*" does not exist|pg_hba\.conf', re.I),
     "数据库服务器拒绝登录（用户「{user}」不存在或密码不对）：请检查 URL 中的用户名和密码"),
    (re.compile(r"Connection refused|timeout expired|timed out|No route to host|Network is unreachable|"
                r"server closed the connection|could not connect|connection failed", re.I),
     "无法连接数据库服务器 {host}:{port}（服务器没有运行，或不接受这个地址的连接）：请检查服务器是否已启动、URL 中的主机和端口是否正确"),
]


def _server_problem(text: str, where: str) -> str:
    """A PostgreSQL server's failure in Chinese, naming the part of the URL to check."""
    try:
        url = make_url(where)
        names = {"host": url.host or "localhost", "port": url.port or 5432, "database": url.database or "",
                 "user": url.username or ""}
    except (SQLAlchemyError, ValueError, TypeError):
        names = {"host": "?", "port": 5432, "database": "?", "user": "?"}
    for pattern, message in _SERVER_PROBLEMS:
        if pattern.search(text):
            return message.format(**names)
    return "数据库服务器出错，刚才的操作没有完成（之前保存的内容不受影响）：请检查服务器是否运行正常后重试"


def _describe_sqlite(exc: sqlite3.Error, where: str) -> DatabaseProblem | None:
    if isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    base = name.split("_")[1] if name.count("_") >= 1 else ""
    if base in ("CORRUPT", "NOTADB") or "malformed" in text or "not a database" in text:
        return DatabaseProblem(f"资料库文件已损坏（{sqlite_words(text)}）。{RESTORE_HINT}", where, kind="corrupt")
    if base == "FULL" or "disk is full" in text:
        return DatabaseProblem("磁盘空间已满，刚才的操作没有保存（之前保存的内容不受影响）。请腾出磁盘空间后重试",
                               where, kind="full")
    if base == "READONLY" or "readonly" in text:
        return DatabaseProblem("资料库文件是只读的，无法保存。请检查此文件、同名的 -wal 与 -shm 文件及所在目录的写权限",
                               where, kind="readonly")
    if base in ("BUSY", "LOCKED") or "locked" in text:
        return locked_problem(where)
    if base == "IOERR" or "disk I/O" in text:
        return DatabaseProblem("读写资料库文件时出错（磁盘已满、文件过大或磁盘故障）。刚才的操作没有保存；"
                               "请检查磁盘后重试", where, kind="io")
    if base == "CANTOPEN" or "unable to open" in text:
        return DatabaseProblem("无法打开资料库文件（文件或目录无法访问）。请检查路径和权限", where, kind="io")
    missing = _MISSING.search(text)
    if missing:
        what = "数据表" if missing.group(1) == "table" else "数据列"
        return DatabaseProblem(f"资料库缺少{what}「{missing.group(2)[:60]}」：文件可能被其他程序改动过。{RESTORE_HINT}",
                               where, kind="schema")
    if isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError:
        return DatabaseProblem(f"资料库出错（{sqlite_words(text)}）。{RESTORE_HINT}", where, kind="other")
    return None


_MISSING = re.compile(r"no such (table|column): ([\w.]+)")


def sqlite_words(text: str) -> str:
    """SQLite's reason in Chinese; one it does not know, by its kind only."""
    if "not a database" in text:
        return "文件头不是 SQLite 数据库"
    if "malformed" in text:
        return "数据库文件的结构已损坏"
    if "encrypted" in text:
        return "文件已加密或不是数据库"
    return "SQLite 报告了未知的错误"


def url_for_message(url: str) -> str:
    """A URL that could not be parsed, shown without anything that looks like a password."""
    shown = re.sub(r"//([^:/@]*):[^@]*@", r"//\1:***@", str(url))
    return shown if len(shown) <= 200 else shown[:40] + "…"


def database_name(url: str) -> str:
    """What messages name for ``url``: the SQLite file, or the URL without its password."""
    try:
        parsed = make_url(url)
    except (SQLAlchemyError, ValueError, TypeError):
        return url_for_message(url)
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    return parsed.render_as_string(hide_password=True)


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases and in-memory ones)."""
    try:
        parsed = make_url(url)
    except (SQLAlchemyError, ValueError, TypeError):
        return None
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    try:
        return Path(database).expanduser()
    except RuntimeError:  # ~someone unknown: opening the database says so
        return Path(database)


def sqlite_without_file(url: str) -> bool:
    """An SQLite URL that names no file path: in memory (sqlite://, sqlite:///:memory:) or a file: URI."""
    try:
        parsed = make_url(url)
    except (SQLAlchemyError, ValueError, TypeError):
        return False
    return parsed.get_backend_name() == "sqlite" and sqlite_file(url) is None


def sqlite_in_memory(url: str) -> bool:
    """An SQLite database that lives in memory only (sqlite://, sqlite:///:memory:)."""
    try:
        parsed = make_url(url)
    except (SQLAlchemyError, ValueError, TypeError):
        return False
    return parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")


def locked_problem(where: str) -> DatabaseProblem:
    """Another program holds the write lock; the command line adds its --wait option (``cli.LOCK_WAIT_HINT``)."""
    return DatabaseProblem(
        "资料库正被另一个程序使用（它持有写锁，等待后仍未释放）。"
        "请关闭另一个 cskexam 窗口或等它完成后重试",
        where, kind="locked")


def lock_wait_ms(default_ms: int = DEFAULT_WAIT_MS) -> int:
    """How long a statement waits for another program's write lock: ``--wait`` / CSKEXAM_WAIT, else ``default_ms``."""
    try:
        value = float(os.environ.get(LOCK_WAIT_ENV, ""))
    except ValueError:
        return default_ms
    return int(min(max(value, 0.0), 24 * 3600.0) * 1000) if math.isfinite(value) else default_ms


def lock_wait_seconds() -> float:
    return lock_wait_ms() / 1000


def guard_library_file(engine, path: Path, where: str) -> None:
    """Refuse to commit into a library file that was deleted, moved or replaced while
    open: SQLite would go on writing into the old file, which is gone once closed,
    and a new connection would make an empty file at the path and read nothing.
    The file's identity is taken at the first connection; each later connection
    and each commit checks it (one ``stat``)."""
    from sqlalchemy import event

    first: list[tuple[int, int] | None] = []

    def identity() -> tuple[int, int] | None:
        try:
            info = os.stat(path)
        except OSError:
            return None
        return info.st_dev, info.st_ino

    def on_connect(dbapi_connection, record) -> None:
        if not first:
            first.append(identity())
        elif first[0] is not None and identity() != first[0]:
            raise library_file_gone(where)  # a new connection found another (new, empty) file

    def on_commit(conn) -> None:
        if first and first[0] is not None and identity() != first[0]:
            raise library_file_gone(where)

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "commit", on_commit)


def library_file_gone(where: str) -> DatabaseProblem:
    return DatabaseProblem(
        "资料库文件在使用中被删除、移走或替换，刚才和之后的操作都无法保存。请退出 cskexam 后重新打开；"
        "文件若是误删，可用 cskexam db restore 从自动备份恢复", where, kind="io")
