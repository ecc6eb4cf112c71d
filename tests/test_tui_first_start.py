"""Pilot tests of a start on a fresh data dir: the library is shown from the parsed notes before it is
even opened, then stored; keys pressed meanwhile wait, and a kill before the store loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cskexam.services.library import open_library
from cskexam.services.notes_import import first_start, graph_summary, prepare_import
from cskexam.tui.app import WAIT_IMPORT, CskexamApp
from pilot_helpers import notifications, record_notifications, run, screen_rows, wait_for, wait_for_text

SIZE = (100, 32)
SLOW = 60  # the import steps build cards with jieba: slow on a busy machine
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'fresh' / 'cskexam.sqlite3'}"
    (tmp_path / "fresh").mkdir()
    return url


def library_line(app) -> str:
    """The library's line as shown (its rows, from 资料库 to the import time)."""
    rows = screen_rows(app)
    start = next(i for i, row in enumerate(rows) if "资料库" in row)
    end = next(i for i in range(start, len(rows)) if "导入时间" in rows[i])
    return "\n".join(row.strip() for row in rows[start:end + 1])


def test_a_fresh_start_shows_the_parsed_library_before_opening_it_and_keys_wait(fresh_url):
    assert first_start(fresh_url)
    opening = threading.Event()
    opened = []

    def opener(url):
        assert opening.wait(SLOW), "the test never let the library open"
        library = open_library(url)
        opened.append(library)
        return library

    async def main():
        app = CskexamApp(db_url=fresh_url, library_opener=opener, parse_first_start=True)
        record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_text(pilot, "导入时间", timeout=SLOW)
            assert app.library is None and app.parsed_summary is not None  # shown, not opened yet
            shown = library_line(app)
            await pilot.press("g")  # the key waits for the library, and says so
            await wait_for(pilot, lambda: any(WAIT_IMPORT in n.message for n in notifications(app)))
            assert app.screen.SCREEN_NAME == "home"

            opening.set()
            await wait_for_text(pilot, "客户服务管理师二级-《技能理论》重点考点", timeout=SLOW)
            assert app.screen.SCREEN_NAME == "graph"
            # What was shown is what was stored: the same figures, the same import time.
            assert app.library.summary() == app.parsed_summary
            assert app.import_result is not None and app.import_result.imported_at == app.parsed_summary.imported_at
            await wait_for(pilot, lambda: not app.preparing, timeout=SLOW)
            await pilot.press("h")
            await wait_for_text(pilot, "距离考试", timeout=SLOW)
            assert library_line(app) == shown

    run(main())
    assert not first_start(fresh_url)
    with open_library(fresh_url) as library:
        assert library.pending_steps() == [] and len(library.cards()) > 40


def test_the_parsed_summary_is_the_stored_one(fresh_url):
    import datetime as dt

    prepared = prepare_import()
    now = dt.datetime(2026, 12, 7, 9, 30, 15, 123456, tzinfo=dt.timezone.utc)
    expected = graph_summary(prepared.graph, now)
    with open_library(fresh_url) as library:
        library.ensure_imported(defer_steps=True, prepared=prepared, now=now)
        assert library.summary() == expected


def test_only_a_library_file_not_created_yet_is_a_first_start(tmp_path, fresh_url, monkeypatch):
    assert first_start(fresh_url)
    assert not first_start("sqlite:///:memory:")
    assert not first_start("postgresql://u@localhost/cskexam")
    monkeypatch.setenv("CSKEXAM_PROFILE", "小王")  # another candidate's line names the profile: read it stored
    assert not first_start(fresh_url)
    monkeypatch.delenv("CSKEXAM_PROFILE")
    with open_library(fresh_url):
        pass
    assert not first_start(fresh_url)


def test_killed_while_storing_the_parsed_notes_the_next_start_imports_them(fresh_url):
    # What the app's worker does on a fresh data dir, killed before the store commits.
    code = (
        "import os, signal\n"
        "from cskexam.services import library as L\n"
        "from cskexam.storage import library_repo\n"
        "from cskexam.services.notes_import import first_start, prepare_import\n"
        f"assert first_start({fresh_url!r})\n"
        "prepared = prepare_import()\n"
        f"lib = L.open_library({fresh_url!r})\n"
        "def killer(*args, **kwargs):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "library_repo.add_import_run = killer\n"
        "lib.ensure_imported(defer_steps=True, prepared=prepared)\n"
    )
    killed = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(REPO)),
                            capture_output=True, text=True, timeout=240)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with open_library(fresh_url) as library:
        assert library.summary().empty  # nothing of the import was committed
    assert not first_start(fresh_url)  # the file is there: the next start opens it first

    async def main():
        app = CskexamApp(db_url=fresh_url, library_opener=open_library, parse_first_start=True)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_text(pilot, "导入时间", timeout=SLOW)
            assert app.parsed_summary is None and app.import_result is not None
            await wait_for(pilot, lambda: not app.preparing, timeout=SLOW)

    run(main())
    with open_library(fresh_url) as library:
        assert library.summary().points > 0 and library.pending_steps() == []
