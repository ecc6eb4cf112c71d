"""Pilot tests of the first start: the library is shown as soon as its graph is stored, while the
cards, questions and search index are prepared in the background; keys wait for them."""

from __future__ import annotations

import re
import threading

import pytest

from cskexam.errors import UserError
from cskexam.services import library as library_mod
from cskexam.services.library import open_library
from cskexam.tui.app import CskexamApp
from pilot_helpers import notifications, record_notifications, run, screen_text, wait_for, wait_for_text

SIZE = (100, 32)
# The steps build cards with jieba: slow on a busy machine.
SLOW = 60


@pytest.fixture
def gate(monkeypatch):
    """An import step that waits for the test, before the real ones: the app stays preparing until it is set."""
    event = threading.Event()

    def wait(session, graph, now):
        assert event.wait(SLOW), "the test never opened the gate"

    real = library_mod.import_steps
    monkeypatch.setattr(library_mod, "import_steps",
                        lambda: [library_mod.ImportStep("test:gate", "等待测试", wait), *real()])
    yield event
    event.set()  # never leave the worker waiting


def make_app(db_url: str) -> CskexamApp:
    app = CskexamApp(db_url=db_url, library_opener=open_library)
    record_notifications(app)
    return app


def home_is_preparing(text: str) -> bool:
    return "正在准备复习卡片、题目与搜索索引" in text and "正在生成复习卡片" in text


def test_first_start_shows_the_library_at_once_and_a_key_waits_for_the_cards(tmp_db_url, gate):
    async def main():
        app = make_app(tmp_db_url)
        async with app.run_test(size=SIZE) as pilot:
            text = await wait_for_text(pilot, "导入时间", timeout=SLOW)
            await wait_for(pilot, lambda: home_is_preparing(screen_text(app)))
            assert app.import_result is not None and app.preparing
            # Today's figures wait for the cards: no 新卡 0 while they are being built.
            assert not re.search(r"新卡\s+0", screen_text(app))
            assert re.search(r"要点\s+[1-9]", text)

            await pilot.press("r")
            await wait_for(pilot, lambda: any("正在准备…，请稍候" in n.message for n in notifications(app)))
            assert app.screen.SCREEN_NAME == "home"

            gate.set()
            # The key acts once the cards are stored: 复习 opens on new cards, not on an empty queue.
            await wait_for(pilot, lambda: re.search(r"新卡 [1-9]", screen_text(app)) is not None
                           and getattr(app.screen, "SCREEN_NAME", "") == "drill", timeout=SLOW)
            assert "没有到期的卡片" not in screen_text(app)
            assert not app.preparing and app.library.pending_steps() == []

    run(main())


def test_the_graph_opens_while_preparing_and_home_shows_the_figures_when_ready(tmp_db_url, gate):
    async def main():
        app = make_app(tmp_db_url)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_text(pilot, "导入时间", timeout=SLOW)
            await pilot.press("g")
            await wait_for_text(pilot, "客户服务管理师二级-《技能理论》重点考点")
            assert app.preparing
            # 复习本节 from the graph waits too, and says so.
            await pilot.press("d")
            await wait_for(pilot, lambda: any("正在准备…，请稍候" in n.message for n in notifications(app)))
            assert app.screen.SCREEN_NAME == "graph"

            gate.set()
            await wait_for(pilot, lambda: not app.preparing, timeout=SLOW)
            await pilot.press("h")
            await wait_for(pilot, lambda: re.search(r"新卡\s+[1-9]", screen_text(app)) is not None)
            assert not home_is_preparing(screen_text(app))

    run(main())


def test_a_start_after_a_kill_between_the_stages_finishes_the_preparation(tmp_db_url, gate):
    with open_library(tmp_db_url) as library:
        library.ensure_imported(defer_steps=True)  # the graph stored; then the process died

    async def main():
        app = make_app(tmp_db_url)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_text(pilot, "导入时间", timeout=SLOW)
            await wait_for(pilot, lambda: home_is_preparing(screen_text(app)))
            assert app.import_result is None  # nothing imported: only finished
            gate.set()
            await wait_for(pilot, lambda: re.search(r"新卡\s+[1-9]", screen_text(app)) is not None, timeout=SLOW)
            assert not home_is_preparing(screen_text(app))

    run(main())
    with open_library(tmp_db_url) as library:
        assert library.pending_steps() == []
        assert len(library.cards()) > 40


def test_a_failed_preparation_is_shown_and_keys_say_why(tmp_db_url, monkeypatch):
    def broken(session, graph, now):
        raise UserError("题库文件无法读取", "题库.yaml")

    monkeypatch.setattr(library_mod, "import_steps", lambda: [library_mod.ImportStep("test:broken", "出错", broken)])

    async def main():
        app = make_app(tmp_db_url)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_text(pilot, "卡片与题目未能准备好", timeout=SLOW)
            assert "题库文件无法读取" in screen_text(app)
            await pilot.press("r")
            await wait_for(pilot, lambda: sum("题库文件无法读取" in n.message for n in notifications(app)) >= 2)
            assert app.screen.SCREEN_NAME == "home"
            await pilot.press("g")  # the graph is there all the same
            await wait_for_text(pilot, "客户服务管理师二级-《技能理论》重点考点")

    run(main())
    with open_library(tmp_db_url) as library:
        assert library.pending_steps() == ["test:broken"]  # tried again on the next start


def test_home_while_preparing_fits_80x24(tmp_db_url, gate):
    async def main():
        app = make_app(tmp_db_url)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_text(pilot, "导入时间", timeout=SLOW)
            await wait_for(pilot, lambda: home_is_preparing(screen_text(app)))
            rows = screen_text(app).splitlines()
            assert len(rows) == 24
            # the whole menu, its last key above the footer, and nothing past the right edge
            assert any("k   考生档案" in row for row in rows) and "q 退出" in rows[-1]
            assert any("╰" in row for row in rows[-3:-1])
            gate.set()  # let the preparation end, so closing the app does not wait for the gate's timeout

    run(main())
