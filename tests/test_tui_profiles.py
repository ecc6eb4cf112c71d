"""考生档案 and 班级报告 in the TUI (Pilot, on the sample library)."""

from __future__ import annotations

import re

import pytest

from pilot_helpers import run, screen_text, wait_for, wait_for_text
from test_concurrency import T0
from test_questions_helpers import open_sample_library

SIZE = (100, 30)


@pytest.fixture
def library(tmp_db_url, tmp_path, monkeypatch):
    bank = tmp_path / "bank"
    bank.mkdir()
    lib = open_sample_library(tmp_db_url, bank, monkeypatch, T0)
    yield lib
    lib.close()


def test_switch_to_a_new_profile_and_open_the_class_report(library, tmp_db_url, monkeypatch):
    from cskexam.services.practice import Practice
    from cskexam.tui.app import CskexamApp

    monkeypatch.delenv("CSKEXAM_PROFILE", raising=False)
    q = next(q for q in Practice(library).questions() if q.node)
    for _ in range(3):
        Practice(library).answer(q, "__wrong__")

    async def main():
        app = CskexamApp(db_url=tmp_db_url)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None, timeout=30)
            await wait_for(pilot, lambda: re.search(r"考生档案\s+默认", screen_text(app)) is not None)
            await pilot.press("k")
            await wait_for_text(pilot, "当前档案：默认")
            await pilot.press("n")
            for ch in "张三":
                await pilot.press(ch)
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen_stack[-1].__class__.__name__ == "HomeScreen")
            await wait_for(pilot, lambda: re.search(r"考生档案\s+张三", screen_text(app)) is not None)
            assert app.library.db.profile == "张三"
            assert Practice(app.library).wrong_book() == []  # the new candidate's own 错题本
            await pilot.press("k")
            await wait_for_text(pilot, "● 张三")
            await pilot.press("b")
            await wait_for_text(pilot, "全班最常错的知识点")
            await wait_for_text(pilot, "张三")
            await wait_for_text(pilot, "100%")  # three answers, all wrong
            await wait_for_text(pilot, "尚无数据")  # no predicted score from so little

    run(main())


def test_every_screen_names_a_profile_other_than_the_default(library, tmp_db_url, monkeypatch):
    from cskexam.tui.app import CskexamApp
    from cskexam.tui.widgets.title_bar import TitleBar

    monkeypatch.setenv("CSKEXAM_PROFILE", "李四")

    def bar(app) -> str:
        return str(app.screen.query_one(TitleBar).render())

    async def main():
        app = CskexamApp(db_url=tmp_db_url)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None, timeout=30)
            await wait_for(pilot, lambda: "考生：李四" in bar(app))
            assert "考生：李四" in app.sub_title
            for key, where in (("p", "章节练习"), ("w", "错题本")):
                await pilot.press(key)
                await wait_for(pilot, lambda: where in bar(app))
                assert "考生：李四" in bar(app)
                await pilot.press("escape")
            # Back to the default profile: the bars say nothing of profiles.
            await pilot.press("k")
            await wait_for_text(pilot, "当前档案：李四")
            assert "考生：李四" in bar(app)
            await pilot.press("escape")
            from cskexam.services import profiles

            profiles.use_profile(app.library, "default")
            app.profile_switched()
            await wait_for(pilot, lambda: "考生" not in bar(app))
            assert app.sub_title == CskexamApp.SUB_TITLE

    run(main())
