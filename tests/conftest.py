"""Shared fixtures.

* ``tmp_db_url``: URL of a fresh SQLite file in ``tmp_path``, already migrated to
  every Alembic head (copied from a template migrated once per test session, so
  it costs a file copy, not a migration).
* ``pg_url``: URL of a fresh, uniquely named PostgreSQL database, migrated to
  every head (``CREATE DATABASE … TEMPLATE`` of a database migrated once per
  session) and dropped after the test. ``pg_empty_url``: the same, empty.
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

import os
import shutil
import uuid

import pytest

PG_SERVER_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


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

    def drop(self, name: str) -> None:
        with self.engine.connect() as conn:
            # FORCE: a test that left a connection open must not leak its database.
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
    yield server
    server.engine.dispose()


@pytest.fixture(scope="session")
def _pg_template(pg_server):
    from cskexam.storage.db import open_database

    name = pg_server.create()
    db = open_database(pg_server.url_of(name))
    db.close()  # a template must have no connection while it is copied
    yield name
    pg_server.drop(name)


@pytest.fixture
def pg_url(pg_server, _pg_template):
    name = pg_server.create(template=_pg_template)
    yield pg_server.url_of(name)
    pg_server.drop(name)


@pytest.fixture
def pg_empty_url(pg_server):
    name = pg_server.create()
    yield pg_server.url_of(name)
    pg_server.drop(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request) -> str:
    if request.param == "sqlite":
        return request.getfixturevalue("tmp_db_url")
    return request.getfixturevalue("pg_url")


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
