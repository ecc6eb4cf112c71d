"""Shared fixtures.

* ``tmp_db_url``: URL of a fresh SQLite file in ``tmp_path``, already migrated to
  every Alembic head (copied from a template migrated once per test session, so
  it costs a file copy, not a migration).
* ``pg_url``: URL of a PostgreSQL database migrated to every head and holding
  nothing else: one uniquely named database per test run (dropped at the
  end), its tables emptied back to the migrated rows before each test.
  ``pg_empty_url``: an empty database (one per run, its schema made anew per test).
  The server is ``CSKEXAM_TEST_PG`` (default: postgres on 127.0.0.1:5432). When
  no server answers the test is skipped with the reason, unless
  ``CSKEXAM_REQUIRE_PG=1`` (CI), where it fails.
* ``db_url``: ``tmp_db_url`` and ``pg_url`` in turn (the test runs on both
  engines). Storage, services, search and concurrency tests use it.
* ``bundled_graph``: the knowledge graph of the bundled notes, parsed once per
  session (skips the test while the parser is not available). Treat it as
  read-only; use ``copy.deepcopy`` before changing it.
* ``bank_dir``: a question bank folder holding ``test_bank.GOOD``, used as the
  library's bank. ``library``: a library (temp SQLite) holding
  ``sample_graph()`` with its cards and questions and that bank, imported at
  ``support.T0``. ``exam_home``: ``CSKEXAM_HOME`` with a small exam blueprint
  (小卷, 11 questions, 10 minutes) among the user's blueprints.
* ``review_library_template`` / ``library_path`` / ``library_db``: a SQLite
  library holding the bundled notes with their cards synced (built once per
  session, copied per test; ``library_db`` is a Database on the copy).

Constants (``T0``) and helpers live in ``support.py``.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid

import pytest

PG_SERVER_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def pytest_configure(config):
    # The suite runs in parallel workers (pytest-xdist). Tests that use the
    # default data dir must not share one library and its lock across workers:
    # each worker gets its own CSKEXAM_HOME, as a single run has one.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        import tempfile

        os.environ["CSKEXAM_HOME"] = tempfile.mkdtemp(prefix=f"cskexam-{worker}-")


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist
def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (the default, pyproject.toml's addopts): one worker more than there are CPUs.

    A worker is often waiting rather than computing (on PostgreSQL, on a process a
    test started, on a terminal app's timers); the extra worker fills those gaps.
    ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still decides when it is set.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return cpus + 1


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory):
    from cskexam.storage.db import open_database

    path = tmp_path_factory.mktemp("db-template") / "template.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        # Fold the WAL into the main file so that copying one file is enough.
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def tmp_db_url(tmp_path, _migrated_template) -> str:
    target = tmp_path / "cskexam.sqlite3"
    shutil.copyfile(_migrated_template, target)
    return f"sqlite:///{target}"


class PgServer:
    """An administrative connection to the test server: creates and drops databases."""

    def __init__(self, url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.url = make_url(url)
        # CREATE/DROP DATABASE cannot run inside a transaction.
        self.engine = create_engine(self.url, isolation_level="AUTOCOMMIT", pool_size=1)
        self.prefix = f"cskexam_t{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self._count = 0

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        self._count += 1
        name = f"{self.prefix}_{self._count}"
        sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        with self.engine.connect() as conn:
            conn.exec_driver_sql(sql)
        return name

    def drop_orphans(self) -> None:
        """Drop the test databases of runs that were killed before they could (their process is gone)."""
        with self.engine.connect() as conn:
            names = conn.exec_driver_sql("SELECT datname FROM pg_database WHERE datname LIKE 'cskexam_t%%'").scalars()
            for name in list(names):
                pid = name[len("cskexam_t"):].partition("_")[0]
                if pid.isdigit() and not _process_alive(int(pid)):
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop(self, name: str) -> None:
        with self.engine.connect() as conn:
            # FORCE: a test that left a connection open must not leak its database.
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _pg_unavailable(reason: str):
    if os.environ.get("CSKEXAM_REQUIRE_PG") == "1":
        pytest.fail(f"PostgreSQL is required here (CSKEXAM_REQUIRE_PG=1): {reason}")
    pytest.skip(f"no PostgreSQL server for the PostgreSQL runs: {reason}")


@pytest.fixture(scope="session")
def pg_server():
    url = os.environ.get("CSKEXAM_TEST_PG", PG_SERVER_DEFAULT)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _pg_unavailable("the psycopg driver is not installed (pip install '.[postgres]')")
    from sqlalchemy.exc import OperationalError

    server = PgServer(url)
    try:
        with server.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except OperationalError as exc:
        server.engine.dispose()
        _pg_unavailable(f"{server.url.render_as_string()} does not answer ({exc.orig})")
    server.drop_orphans()
    yield server
    server.engine.dispose()


class PgLibrary:
    """One migrated database for the whole run, emptied back to its migrated rows per test.

    A database per test (CREATE DATABASE … TEMPLATE, DROP DATABASE) costs the
    server a checkpoint each time, near a second; emptying the tables costs
    a few milliseconds.
    """

    def __init__(self, server: PgServer):
        from sqlalchemy import MetaData, create_engine

        from cskexam.storage.db import open_database

        self.server = server
        self.name = server.create()
        self.url = server.url_of(self.name)
        open_database(self.url).close()
        self.engine = create_engine(self.url, pool_size=1)
        meta = MetaData()
        meta.reflect(self.engine)
        self.tables = [t for t in meta.sorted_tables if t.name != "alembic_version"]
        with self.engine.connect() as conn:
            # What the migrations themselves wrote (the default profile, …).
            self.seed = {t.name: [dict(r._mapping) for r in conn.execute(t.select())] for t in self.tables}

    def reset(self) -> None:
        # DELETE, not TRUNCATE: a test leaves a few rows, and TRUNCATE makes
        # new files for every table (a tenth of a second each time).
        with self.engine.begin() as conn:
            # A test that left a transaction open would make this wait for ever.
            conn.exec_driver_sql("SET LOCAL lock_timeout = '5s'")
            for table in reversed(self.tables):
                conn.execute(table.delete())
            for (sequence,) in conn.exec_driver_sql("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"):
                conn.exec_driver_sql(f'ALTER SEQUENCE "{sequence}" RESTART')
            for table in self.tables:
                if self.seed[table.name]:
                    conn.execute(table.insert(), self.seed[table.name])

    def close(self) -> None:
        self.engine.dispose()
        self.server.drop(self.name)


@pytest.fixture(scope="session")
def _pg_library(pg_server):
    library = PgLibrary(pg_server)
    yield library
    library.close()


@pytest.fixture
def pg_url(_pg_library):
    _pg_library.reset()
    return _pg_library.url


@pytest.fixture(scope="session")
def _pg_empty(pg_server):
    name = pg_server.create()
    yield name
    pg_server.drop(name)


@pytest.fixture
def pg_empty_url(pg_server, _pg_empty):
    """One database for the run, its schema dropped and made again per test (no checkpoint, unlike DROP DATABASE)."""
    from sqlalchemy import create_engine

    url = pg_server.url_of(_pg_empty)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SET lock_timeout = '5s'")
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()
    return url


@functools.lru_cache(maxsize=4)
def _search_refuses_postgresql(url: str) -> bool:
    """True while the search index is written for SQLite's FTS5 alone."""
    from sqlalchemy import create_engine

    from cskexam.errors import UserError
    from cskexam.storage import search_repo

    open_store = getattr(search_repo, "open_store", None)
    if open_store is None:
        return False
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            open_store(conn)
    except UserError:
        return True
    finally:
        engine.dispose()
    return False


def leave_search_out_on_postgresql(monkeypatch, url: str) -> None:
    """Imports on PostgreSQL skip the search index while search supports SQLite only.

    Does nothing once the search layer accepts PostgreSQL.
    """
    if not _search_refuses_postgresql(url):
        return
    from cskexam.services import library, search_index

    steps = [step for step in library.import_steps() if "search" not in step.name]
    monkeypatch.setattr(library, "import_steps", lambda: steps)
    monkeypatch.setattr(search_index, "index_question_stems", lambda *a, **k: 0)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, monkeypatch) -> str:
    if request.param == "sqlite":
        return request.getfixturevalue("tmp_db_url")
    url = request.getfixturevalue("pg_url")
    leave_search_out_on_postgresql(monkeypatch, url)
    return url


@pytest.fixture(scope="session")
def bundled_graph():
    from cskexam.services.notes import load_graph

    try:
        return load_graph()
    except NotImplementedError:
        pytest.skip("the notes parser is not available yet")


# -- a small library with questions -----------------------------------------------------------

@pytest.fixture
def bank_dir(tmp_path, monkeypatch):
    from test_bank import GOOD

    d = tmp_path / "bank"
    d.mkdir()
    (d / "01.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr("cskexam.services.questions.question_bank_dir", lambda: d)
    return d


@pytest.fixture
def library(tmp_db_url, bank_dir, monkeypatch):
    from support import T0
    from test_questions_helpers import open_sample_library

    lib = open_sample_library(tmp_db_url, bank_dir, monkeypatch, T0)
    yield lib
    lib.close()


@pytest.fixture
def exam_home(tmp_path, monkeypatch):
    from test_exam_core import SMALL

    home = tmp_path / "home"
    monkeypatch.setenv("CSKEXAM_HOME", str(home))
    blueprints = home / "blueprints"
    blueprints.mkdir(parents=True)
    (blueprints / "quiz.yaml").write_text("name: 小卷\norder: 0\n" + SMALL.split("\n", 2)[2], encoding="utf-8")
    return home


# -- the bundled notes with their cards (review, stats, drill) ---------------------------------

@pytest.fixture(scope="session")
def review_library_template(tmp_path_factory, bundled_graph):
    from test_review_support import build_review_library

    path = tmp_path_factory.mktemp("review-lib") / "lib.sqlite3"
    build_review_library(path, bundled_graph)
    return path


@pytest.fixture
def library_path(tmp_path, review_library_template):
    target = tmp_path / "lib.sqlite3"
    shutil.copyfile(review_library_template, target)
    return target


@pytest.fixture
def library_db(library_path):
    from cskexam.storage.db import open_database

    database = open_database(f"sqlite:///{library_path}")
    yield database
    database.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def review_db(request, bundled_graph):
    """``library_db`` on SQLite, and the same library built on PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("library_db")
        return
    from test_review_support import fill_review_library

    from cskexam.storage.db import open_database

    database = open_database(request.getfixturevalue("pg_url"))
    fill_review_library(database, bundled_graph)
    yield database
    database.close()


@pytest.fixture
def sample_library(db_url, bank_dir, monkeypatch):
    """``library`` on SQLite and on PostgreSQL in turn (storage and services tests)."""
    from support import T0
    from test_questions_helpers import open_sample_library

    lib = open_sample_library(db_url, bank_dir, monkeypatch, T0)
    yield lib
    lib.close()
