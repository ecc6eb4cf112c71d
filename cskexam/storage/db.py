"""Engine, sessions and schema migrations.

``open_database(url)`` gives a ready ``Database``: for SQLite the parent
directory is created, the journal is WAL (readers never block the writer), a
busy connection waits up to 5 s instead of failing, and foreign keys are
enforced. The schema is brought to every Alembic head; a database that is
already up to date is recognised without importing Alembic (~0.2 s saved on
every start), by comparing its ``alembic_version`` rows with the heads read
from the revision files.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, SAWarning, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from cskexam.errors import UserError
from cskexam.userfiles import require_parent_dir
from cskexam.storage.profile_key import DEFAULT_PROFILE, PROFILE_KEY
from cskexam.storage.migration_scripts import MIGRATIONS_DIR, script_heads
# sqlite_file is re-exported: the library copy knows it from here.
from cskexam.storage.db_errors import (  # noqa: F401
    RESTORE_HINT,
    describe_database_error,
    guard_library_file,
    lock_wait_ms,
    sqlite_words,
    sqlite_file,
    url_for_message,
)

BUSY_TIMEOUT_MS = 5000
# Opening a file that another instance is creating or upgrading: SQLite may
# report it locked at once rather than wait (the other holds the WAL index or
# the schema), so the open is tried again a few times before it fails.
OPEN_ATTEMPTS = 4
OPEN_RETRY_PAUSE_S = 0.25

# pg_advisory_xact_lock key held while a fresh PostgreSQL database gets its schema.
SCHEMA_LOCK_KEY = 0x63736B65  # "cske"

CORRUPT_MESSAGE = "数据库文件已损坏或不是 cskexam 数据库"


class Database:
    """One database: an engine plus a session factory, seen as one profile.

    ``profile`` is the candidate whose reviews, answers and exams the
    repositories read and write (``storage.profiles_repo.current_profile``);
    ``for_profile`` gives a view of the same engine as another candidate.
    """

    def __init__(self, url: str, *, echo: bool = False, profile: str = DEFAULT_PROFILE):
        self.url = url
        self.profile = profile
        try:
            if "\0" in url:
                raise ValueError("NUL in URL")
            parsed = make_url(url)
            # %00 in a URL decodes to NUL, which no file name or server name may hold.
            if any("\0" in str(part) for part in (parsed.database, parsed.host, parsed.username) if part):
                raise ValueError("NUL in URL")
        except (SQLAlchemyError, ValueError, TypeError):
            raise UserError(
                "无效的数据库 URL（应形如 sqlite:////路径/cskexam.sqlite3 或 postgresql+psycopg://用户@主机/库名）",
                file=url_for_message(url),
            ) from None
        if parsed.get_backend_name() not in ("sqlite", "postgresql"):
            raise UserError(f"不支持的数据库「{parsed.get_backend_name()}」：cskexam 使用 SQLite 或 PostgreSQL"
                            "（sqlite:////路径/cskexam.sqlite3 或 postgresql+psycopg://用户@主机/库名）",
                            file=url_for_message(url))
        if parsed.port is not None and not 0 < parsed.port < 65536:
            # The driver would take it only at connecting, and say so in English.
            raise UserError(f"无效的数据库 URL：端口 {parsed.port} 不存在（端口须在 1–65535 之间）",
                            file=url_for_message(url))
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.sqlite_path: Path | None = None
        if self.is_sqlite:
            database = parsed.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                try:
                    self.sqlite_path = Path(database).expanduser()
                except RuntimeError:  # ~someone unknown
                    raise UserError("路径中的 ~用户名 无法展开（没有这个用户），请写完整路径",
                                    file=url_for_message(url)) from None
                # The default data dir is made by paths.data_dir; a folder the
                # user names must already exist.
                require_parent_dir(self.sqlite_path)
                require_plain_file(self.sqlite_path)
        if parsed.drivername == "postgresql":
            # SQLAlchemy's default PostgreSQL driver is psycopg2; cskexam's is psycopg 3.
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            with warnings.catch_warnings():
                # SQLAlchemy warns in English of ? arguments it ignores (sqlite:///?mode=ro): refused instead.
                warnings.simplefilter("error", SAWarning)
                self.engine: Engine = create_engine(parsed, echo=echo)
        except ImportError as exc:
            if parsed.get_backend_name() == "postgresql":
                raise UserError("使用 PostgreSQL 需要安装驱动：pip install 'cskexam[postgres]'（psycopg 3），"
                            "URL 写作 postgresql://… 或 postgresql+psycopg://…", file=self.display_name) from None
            raise UserError(f"URL 指定的数据库驱动「{exc.name or parsed.drivername}」没有安装；"
                            "SQLite 写作 sqlite:////路径/cskexam.sqlite3", file=self.display_name) from None
        except (SQLAlchemyError, SAWarning, ValueError, TypeError):
            raise UserError("无效的数据库 URL：? 后面的参数不对（如 timeout 须是数字），去掉它们再试",
                            file=self.display_name) from None
        # A pooled connection must not keep the profile of its last user.
        event.listen(self.engine, "checkout", self._on_checkout)
        # Set once the database is open and checked (see open_database): from
        # then on a failing statement becomes a DatabaseProblem.
        self.translate_errors = False
        event.listen(self.engine, "handle_error", self._on_error)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas(wal=self.sqlite_path is not None))
        if self.sqlite_path is not None:
            guard_library_file(self.engine, self.sqlite_path, self.display_name)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def display_name(self) -> str:
        """What error messages name: the file for SQLite, the URL without password otherwise."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return make_url(self.url).render_as_string(hide_password=True)

    def _on_checkout(self, dbapi_connection, record, proxy) -> None:
        record.info[PROFILE_KEY] = self.profile

    def for_profile(self, profile: str) -> "Database":
        """This database (same engine and pool) as ``profile`` sees it."""
        view = object.__new__(Database)
        view.__dict__.update(self.__dict__)
        view.profile = profile
        return view

    def connect(self):
        """A plain Connection of this profile (the review loop keeps one)."""
        conn = self.engine.connect()
        conn.info[PROFILE_KEY] = self.profile
        return conn

    @contextmanager
    def session(self, *, immediate: bool = False) -> Iterator[Session]:
        """A session that commits when the block ends and rolls back if it raises.

        ``immediate=True`` takes SQLite's write lock at the start (waiting up to
        the busy timeout), so a transaction that reads and then writes cannot
        fail half-way because another process wrote in between.
        """
        session = self._sessions()
        session.info[PROFILE_KEY] = self.profile
        try:
            if immediate and self.is_sqlite:
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session
            session.commit()
        except BaseException:
            try:
                session.rollback()
            except Exception:  # a damaged file or a lost connection: the first error tells it
                pass
            raise
        finally:
            session.close()

    # -- schema -----------------------------------------------------------
    def check(self) -> None:
        """Fail with a clear message when the file is not a usable database."""
        try:
            with self.engine.connect() as conn:
                if self.is_sqlite:
                    tables = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
                else:
                    tables = set(inspect(conn).get_table_names())
        except DBAPIError as exc:
            raise self._open_error(exc) from None
        if tables and "alembic_version" not in tables:
            raise UserError(f"{CORRUPT_MESSAGE}（其中已有其他程序的数据表）", file=self.display_name)
        if len(tables) > 1 and not self.current_heads():
            # Upgrading from nothing would try to create tables that are there.
            raise UserError("资料库的结构版本记录是空的（文件可能被其他程序改动过），无法判断它的结构。"
                            f"{RESTORE_HINT}", file=self.display_name)

    def current_heads(self) -> set[str]:
        with self.engine.connect() as conn:
            return _version_rows(conn)

    def is_up_to_date(self) -> bool:
        heads = script_heads()
        return heads is not None and self.current_heads() == heads

    def migrate(self) -> bool:
        """Bring the schema to every head; returns True when something was applied."""
        attempt = 1
        while True:
            try:
                self.check()
                if self.is_up_to_date():
                    return False
                if self._create_fresh():
                    return True
                if self.is_up_to_date():  # another instance made it meanwhile
                    return False
                return self.upgrade_by_migrations()
            except DBAPIError as exc:
                if attempt >= OPEN_ATTEMPTS or not _is_locked(exc):
                    raise self._open_error(exc) from None
            # Once the other instance is done, there is nothing left to do here.
            time.sleep(OPEN_RETRY_PAUSE_S * attempt)
            attempt += 1

    def _create_fresh(self) -> bool:
        """An empty database gets the whole schema at once: SQLite from its snapshot
        (see schema_snapshot), PostgreSQL from the models (see schema_server)."""
        if not self.is_sqlite:
            return self._create_fresh_server()
        from cskexam.storage.schema_snapshot import create_schema, snapshot_heads

        heads = script_heads()
        if heads is None or snapshot_heads() != heads:
            return False
        with self.engine.connect() as conn:
            # Under the write lock, so that of two first starts one creates and the other finds it done.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            if conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar():
                conn.rollback()
                return False
            create_schema(conn)
            conn.commit()
        return True

    def _create_fresh_server(self) -> bool:
        if self.engine.dialect.name != "postgresql":
            return False
        from cskexam.storage.schema_server import create_schema

        heads = script_heads()
        if heads is None:
            return False
        with self.engine.connect() as conn:
            # Of two first starts one creates; the other waits here, then finds the tables.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK_KEY})")
            if inspect(conn).get_table_names():
                conn.rollback()
                return False
            create_schema(conn, heads)
            conn.commit()
        return True

    def upgrade_by_migrations(self) -> bool:
        from alembic import command
        from alembic.script import ScriptDirectory
        from alembic.util import CommandError

        config = alembic_config()
        known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
        with self.engine.connect() as conn:
            # The write lock is held for the whole upgrade: a second process
            # starting at the same time waits, then finds nothing left to do.
            if self.is_sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            before = _version_rows(conn)
            unknown = before - known
            if unknown:
                raise UserError(
                    f"数据库由更新版本的 cskexam 创建（未知的结构版本 {', '.join(sorted(unknown))}），请升级 cskexam",
                    file=self.display_name,
                )
            if self.is_sqlite and before and before != script_heads():
                # (a second process that waited for the lock finds the upgrade done: no copy)
                self._save_before_upgrade()
            config.attributes["connection"] = conn
            try:
                command.upgrade(config, "heads")
            except (CommandError, DBAPIError) as exc:
                detail = getattr(exc, "orig", None) or exc
                raise UserError(f"数据库结构升级失败: {detail}", file=self.display_name) from None
            after = _version_rows(conn)
            conn.commit()
        return after != before

    def _save_before_upgrade(self) -> Path | None:
        """Copy an existing SQLite library into ``backups/`` before its schema changes.

        Called under the write lock of the upgrade (readers, such as the copy, go on).
        When no copy can be made, nothing is upgraded: the message says why.
        """
        import datetime as dt

        from cskexam.errors import os_error_text
        from cskexam.storage import backup

        path = self.sqlite_path
        if path is None or not path.is_file():
            return None
        target = backup.stamped_path(path, backup.BEFORE_UPGRADE, dt.datetime.now())
        try:
            backup.ensure_backup_dir(path)
            backup.copy_to_file(path, target, wait_s=max(lock_wait_ms() / 1000, 5.0))
        except (OSError, sqlite3.Error, backup.LockTimeout, UserError) as exc:
            reason = os_error_text(exc) if isinstance(exc, OSError) else str(exc) or "资料库正被另一个程序使用"
            raise UserError(
                f"升级数据库结构前要先备份，但备份未能完成（{reason}），资料库没有任何改动。"
                f"请检查 {target.parent} 是否可写、磁盘是否还有空间，然后重试",
                file=self.display_name,
            ) from None
        try:
            backup.prune_stamped(path, backup.BEFORE_UPGRADE)
        except OSError:
            pass  # an old copy that cannot be deleted stays
        return target

    def _open_error(self, exc: DBAPIError) -> UserError:
        detail = str(exc.orig) if exc.orig is not None else str(exc)
        if "not a database" in detail or "malformed" in detail or "file is encrypted" in detail:
            return UserError(f"{CORRUPT_MESSAGE}（{sqlite_words(detail)}）。{RESTORE_HINT}，或换一个数据库文件（--db）",
                             file=self.display_name)
        problem = describe_database_error(exc, self.display_name)
        if problem is not None:
            return problem
        return UserError("无法打开数据库：请检查 URL（--db / CSKEXAM_DB）是否正确、数据库是否可用", file=self.display_name)

    # -- errors while in use -----------------------------------------------
    def _on_error(self, context) -> None:
        if not self.translate_errors:
            return
        problem = describe_database_error(context.original_exception, self.display_name)
        if problem is not None:
            raise problem from context.original_exception

    def close(self) -> None:
        self.engine.dispose()


def require_plain_file(path: Path) -> None:
    """UserError when an SQLite path names a folder, a device or a pipe: SQLite's own words would blame the disk."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return  # a new library
    except OSError as exc:
        from cskexam.errors import os_error_text
        from cskexam.userfiles import stat_input

        if exc.errno == errno.ELOOP or exc.errno == errno.ENOENT:
            stat_input(path)  # names a loop or a dangling link in its words
        raise UserError(f"无法打开资料库文件: {os_error_text(exc)}", file=str(path)) from None
    if stat.S_ISDIR(mode):
        raise UserError("这是一个目录，不是资料库文件（--db 应写到文件名，如 sqlite:////路径/cskexam.sqlite3）",
                        file=str(path))
    if not stat.S_ISREG(mode):
        raise UserError("这不是普通文件（设备、管道或套接字不能作为资料库）", file=str(path))


def open_database(url: str, migrate: bool = True, *, echo: bool = False, profile: str = DEFAULT_PROFILE) -> Database:
    """A Database for ``url``, checked and (by default) migrated to every head."""
    db = Database(url, echo=echo, profile=profile)
    try:
        if migrate:
            db.migrate()
        else:
            db.check()
    except BaseException:
        db.close()
        raise
    db.translate_errors = True
    return db


def alembic_config():
    """An Alembic Config pointing at the package's migrations (no ini file needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _is_locked(exc: DBAPIError) -> bool:
    return isinstance(exc.orig, sqlite3.OperationalError) and "locked" in str(exc.orig)


def _version_rows(conn) -> set[str]:
    if not inspect(conn).has_table("alembic_version"):
        return set()
    return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def _sqlite_pragmas(wal: bool):
    def on_connect(dbapi_connection, record):
        if record is not None:
            record.info["wal"] = wal
        cursor = dbapi_connection.cursor()
        try:
            # busy_timeout first: switching to WAL itself needs a lock.
            cursor.execute(f"PRAGMA busy_timeout = {lock_wait_ms(BUSY_TIMEOUT_MS)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if wal:
                cursor.execute("PRAGMA journal_mode = WAL")
                # In WAL mode NORMAL still survives a killed process (the commit is in
                # the WAL file); only a power cut may lose the last answers. FULL
                # made every answer wait for an fsync.
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    return on_connect
