"""Snapshot tests (pytest-textual-snapshot's SVG format) of every screen at 80x24 and 120x40.

One app start per size walks through the screens and compares each one's
screenshot with the accepted SVG in ``__snapshots__/``. After a deliberate
change of a screen: ``pytest tests/test_snapshots.py --snapshot-update`` and
look at the new SVGs before committing them.

The library is a small hand-made graph (not the bundled notes, which change
with the parser) imported at a fixed time, and 搜索's timing reads a still
clock, so every figure on these screens is the same on every run. Two screens show the clock and are
checked as text instead (the same walk, same sizes): 统计 draws its charts
against today's date and the exam sitting counts down.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from pytest_textual_snapshot import SVGImageExtension

from cskexam.tui.app import CskexamApp
from pilot_helpers import screen_text, wait_for, wait_for_text
from test_bank import GOOD
from test_questions_helpers import sample_graph

ESC = "escape"


async def _screen(pilot, name: str) -> None:
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "SCREEN_NAME", "") == name)


T0 = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def library(tmp_db_url, tmp_path, monkeypatch):
    """The hand-made sample graph (not the bundled notes, which change with the parser), fixed import time."""
    from cskexam.services import library as library_mod

    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "01.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr("cskexam.services.questions.question_bank_dir", lambda: bank)
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))  # the exam's user blueprints dir, empty
    # 搜索 prints how long a search took; a still clock makes that figure the same on every run
    import types

    from cskexam.tui.screens import search as search_screen

    monkeypatch.setattr(search_screen, "time", types.SimpleNamespace(perf_counter=lambda: 0.0))
    lib = library_mod.open_library(tmp_db_url)
    lib.store(library_mod.PreparedImport([], sample_graph()), now=T0)
    yield lib
    lib.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_every_screen(size, library, snapshot):
    svg = snapshot.use_extension(SVGImageExtension)
    width, height = size
    shots: dict[str, str] = {}

    async def main():
        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=size) as pilot:

            async def shot(name: str) -> None:
                # A blinking cursor is drawn or not by the half second: the shot holds it drawn.
                for box in app.screen.query("Input, TextArea"):
                    box.cursor_blink = False
                await pilot.pause(0.1)
                shots[name] = app.export_screenshot()
                # every screen shows its footer, and nothing is drawn past the right edge
                text = screen_text(app)
                assert len(text.splitlines()) == height
                assert "? 帮助" in text or "esc" in text.lower(), name

            await wait_for_text(pilot, "导入时间")
            await wait_for_text(pilot, "距离考试")  # the last of today's figures
            await shot("home")
            await pilot.press("question_mark")
            await wait_for_text(pilot, "全局按键")
            await shot("help")
            await pilot.press(ESC)

            await pilot.press("g")
            await _screen(pilot, "graph")
            await wait_for_text(pilot, "客户管理总复习试题")
            await shot("graph")

            await pilot.press("r")
            await wait_for_text(pilot, "剩余")
            await shot("drill")
            await pilot.press("space")
            await wait_for_text(pilot, "1 重来 · ")
            await shot("drill-answer")
            await pilot.press("l")
            await wait_for_text(pilot, "难记")
            await shot("leeches")
            await pilot.press(ESC, ESC, ESC)
            await _screen(pilot, "home")

            await pilot.press("t")
            await _screen(pilot, "stats")
            await wait_for_text(pilot, "难记卡片")
            stats = screen_text(app)
            assert "统计" in stats and len(stats.splitlines()) == height
            await pilot.press("h")

            await pilot.press("p")
            await _screen(pilot, "practice")
            await wait_for_text(pilot, "全部章节")  # the scopes are read by a worker
            await shot("practice")
            await pilot.press("h")

            await pilot.press("w")
            await wait_for_text(pilot, "错题本是空的")
            await shot("wrongbook")
            await pilot.press("h")

            await pilot.press("e")
            await _screen(pilot, "exam")
            await wait_for_text(pilot, "预测得分")
            await shot("exam")
            await pilot.press("l")
            await wait_for_text(pilot, "还没有")
            await shot("exam-history")
            await pilot.press(ESC, "h")

            await pilot.press("c")
            await wait_for_text(pilot, "共 ")
            await shot("cards")
            await pilot.press("h")

            await pilot.press("b")
            await wait_for_text(pilot, "还没有收藏的题目")
            await shot("starred")
            await pilot.press("h")

            await pilot.press("comma")
            await wait_for(pilot, lambda: app.screen.query_one("#settings-retention").value == "0.90")
            await shot("settings")
            await pilot.press(ESC, "h")

            await pilot.press("slash")
            await _screen(pilot, "search")
            await shot("search")
            await pilot.press(*"竞争者")
            # The answer to the whole query, not to 竞争 typed on the way (a busy machine shows that one first)
            await wait_for(pilot, lambda: getattr(app.screen, "last_query", None) == "竞争者")
            await wait_for_text(pilot, "竞争者环境")
            await shot("search-results")
            await pilot.press(ESC, "h")

            await pilot.press("p")
            await _screen(pilot, "practice")
            await wait_for_text(pilot, "全部章节")
            await pilot.press("enter")
            await wait_for_text(pilot, "第 1/")
            await shot("practice-question")
            await pilot.press("a")
            await pilot.press("enter")
            await wait_for(pilot, lambda: "回答正确" in screen_text(app) or "回答错误" in screen_text(app))
            await shot("practice-feedback")
            await pilot.press("j")
            await wait_for_text(pilot, "答题卡")
            await shot("practice-sheet")
            await pilot.press(ESC, ESC, "h")

            await pilot.press("k")
            await _screen(pilot, "profiles")
            await wait_for_text(pilot, "默认")
            await shot("profiles")
            await pilot.press("b")
            await wait_for_text(pilot, "班级报告")
            await shot("class-report")

    asyncio.run(main())
    for name, image in shots.items():
        assert svg(name=f"{name}-{width}x{height}") == image, name
