"""Pilot tests of the 复习 and 统计 screens through the real app on a temp library."""

from __future__ import annotations

import asyncio
import datetime as dt
import re

from sqlalchemy import select
from textual.content import Content

from cskexam.services.library import open_library
from cskexam.storage.db import open_database
from cskexam.storage.models_review import CardRow, ReviewLogRow
from cskexam.tui.app import CskexamApp
from pilot_helpers import screen_text, wait_for, wait_for_text

SIZE = (120, 40)








def make_app(path) -> CskexamApp:
    return CskexamApp(db_url=f"sqlite:///{path}", library_opener=open_library)


def logs(path):
    db = open_database(f"sqlite:///{path}")
    try:
        with db.session() as s:
            return list(s.execute(select(ReviewLogRow.card_id, ReviewLogRow.rating).order_by(ReviewLogRow.id)))
    finally:
        db.close()


async def open_drill(pilot, app):
    await wait_for(pilot, lambda: app.library is not None)
    await pilot.press("r")
    return await wait_for_text(pilot, "剩余")


def test_drill_reveal_rate_with_previews_and_progress(library_path):
    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            text = await open_drill(pilot, app)
            assert "什么是客户服务环境？" in text
            assert re.search(r"新卡 20 · 学习中 0 · 复习 0", text)
            assert "外部力量和相关因素的集合" not in text  # the back is hidden
            await pilot.press("3")  # rating before the answer is shown does nothing
            assert logs(library_path) == []
            await pilot.press("space")
            text = await wait_for_text(pilot, "外部力量和相关因素的集合")
            assert "出处：第一部分 (1-4章)重点内容 › 第一章 客户服务策划 › 第一节 客户服务环境分析" in text
            assert "1 重来 · 1分钟" in text and "2 困难 · 6分钟" in text and "3 良好 · 10分钟" in text
            assert re.search(r"4 简单 · \d+天", text)
            await pilot.press("space")  # after the reveal Space means 良好
            text = await wait_for_text(pilot, "宏观环境分析包括哪五个方面？（宏五）", "新卡 19 · ")
            # The card comes back in 10 minutes: 学习中 today, unless that is past the
            # study day's rollover (04:00), where Anki too counts it tomorrow.
            await wait_for(pilot, lambda: re.search(r"新卡 19 · 学习中 [01] · 复习 0", screen_text(app)))
            assert [r.rating for r in logs(library_path)] == [3]
            await pilot.press("enter", "1")
            await wait_for_text(pilot, "____是社会生产力最新和最活跃的因素")
            assert [r.rating for r in logs(library_path)] == [3, 1]

    asyncio.run(main())


def test_drill_undo_suspend_bury(library_path):
    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            await open_drill(pilot, app)
            await pilot.press("space", "4")
            await wait_for_text(pilot, "宏观环境分析包括哪五个方面？（宏五）")
            await pilot.press("u")
            await wait_for_text(pilot, "什么是客户服务环境？")
            assert logs(library_path) == []
            await pilot.press("s")  # suspend the first card
            await wait_for_text(pilot, "宏观环境分析包括哪五个方面？（宏五）")
            await pilot.press("b")  # bury the second
            text = await wait_for_text(pilot, "____是社会生产力最新和最活跃的因素")
            assert re.search(r"新卡 \d+", text)
        db = open_database(f"sqlite:///{library_path}")
        with db.session() as s:
            suspended = s.execute(select(CardRow.front).where(CardRow.suspended.is_(True))).scalars().all()
            buried = s.execute(select(CardRow.front).where(CardRow.buried_until.is_not(None))).scalars().all()
        db.close()
        assert suspended == ["什么是客户服务环境？"]
        assert buried == ["宏观环境分析包括哪五个方面？（宏五）"]

    asyncio.run(main())


def test_u_takes_back_the_last_action_of_any_kind(library_path):
    # Fault: grade a card, suspend the next, press u: the grade was undone and
    # the suspended card was lost. u must take back the suspend first.
    def flags():
        db = open_database(f"sqlite:///{library_path}")
        with db.session() as s:
            rows = s.execute(select(CardRow.front, CardRow.suspended, CardRow.buried_until)).all()
        db.close()
        return {r.front: (bool(r.suspended), r.buried_until is not None) for r in rows}

    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            await open_drill(pilot, app)
            await pilot.press("space", "3")
            await wait_for_text(pilot, "宏观环境分析包括哪五个方面？（宏五）")
            await pilot.press("s")
            await wait_for_text(pilot, "____是社会生产力最新和最活跃的因素")
            assert flags()["宏观环境分析包括哪五个方面？（宏五）"] == (True, False)
            await pilot.press("u")
            await wait_for_text(pilot, "宏观环境分析包括哪五个方面？（宏五）")
            assert flags()["宏观环境分析包括哪五个方面？（宏五）"] == (False, False)
            assert [r.rating for r in logs(library_path)] == [3]  # the grade is still there
            await pilot.press("b")
            await wait_for_text(pilot, "____是社会生产力最新和最活跃的因素")
            await pilot.press("u")
            await wait_for_text(pilot, "宏观环境分析包括哪五个方面？（宏五）")
            assert flags()["宏观环境分析包括哪五个方面？（宏五）"] == (False, False)
            await pilot.press("u")  # now the grade of the first card
            await wait_for_text(pilot, "什么是客户服务环境？")
            assert logs(library_path) == []

    asyncio.run(main())


def test_a_look_elsewhere_keeps_the_drill_and_esc_goes_back(library_path):
    # Fault: g, r, n, Esc landed on 主页 and restarted the drill's counters.
    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await pilot.press("g")
            await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "graph")
            await pilot.press("r")
            await wait_for_text(pilot, "剩余")
            drill = app.screen
            await pilot.press("space", "3")
            await wait_for_text(pilot, "本次已复习 1")
            await pilot.press("n")
            await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "graph")
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is drill)
            # (the test compositor may keep the frame from before; the widget is what is shown)
            await wait_for(pilot, lambda: "本次已复习 1" in str(drill.query_one("#drill-progress").content))
            await pilot.press("escape")  # and on back to where the drill was opened from
            await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "graph")

    asyncio.run(main())


def test_study_ahead_when_nothing_is_due(library_path):
    from dataclasses import replace

    lib = open_library(f"sqlite:///{library_path}")
    with lib.reviewer() as reviewer:
        reviewer.save_settings(replace(reviewer.settings, daily_new_limit=1))
    lib.close()

    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            await open_drill(pilot, app)
            await pilot.press("space", "3")  # the day's only new card goes into learning (10 minutes)
            await wait_for_text(pilot, "本次已复习 1")
            await pilot.press("space", "3")  # shown again at once (learn ahead): now due in 2 days
            text = await wait_for_text(pilot, "本次复习结束")
            assert "按 a 复习未来 7 天内到期的 1 张卡片" in text
            await pilot.press("a")
            await wait_for_text(pilot, "什么是客户服务环境？")
            await pilot.press("space", "3")
            text = await wait_for_text(pilot, "本次复习结束")
            assert "按 a 复习未来" not in text  # each card once

    asyncio.run(main())


def test_drill_n_shows_the_node_in_the_graph(library_path):
    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            await open_drill(pilot, app)
            await pilot.press("space", "3")
            await wait_for_text(pilot, "宏观环境分析包括哪五个方面？（宏五）")
            await pilot.press("n")
            await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "graph")
            await wait_for(pilot, lambda: "宏五" in screen_text(app))
            await pilot.press("escape")
            await wait_for_text(pilot, "宏观环境分析包括哪五个方面？（宏五）")

    asyncio.run(main())


def test_drill_session_summary_and_node_drill(library_path, bundled_graph):
    node = bundled_graph.find("竞争者环境")[0]

    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            app.open_screen("drill", node_id=node.id)
            text = await wait_for_text(pilot, "剩余（本知识点）")
            answered = 0
            while "本次复习结束" not in text and answered < 40:
                await pilot.press("space", "4")  # 简单: straight to review, out of today's queue
                answered += 1
                await pilot.pause(0.05)
                text = screen_text(app)
            text = await wait_for_text(pilot, "本次复习结束")
            assert f"共复习 {answered} 张" in text and f"简单 {answered}" in text
            assert answered >= 5  # one card per key point today: its siblings wait for tomorrow
        assert len(logs(library_path)) == answered

    asyncio.run(main())


def test_note_text_with_brackets_is_shown_literally(library_path):
    db = open_database(f"sqlite:///{library_path}")
    with db.session() as s:
        first = s.execute(select(CardRow).order_by(CardRow.seq).limit(1)).scalar_one()
        first.front = "[企业为什么要重视营销环境?] a[i] [A] [/]"
        first.back = "[bold]不是标记[/bold]"
    db.close()

    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            text = await open_drill(pilot, app)
            assert "[企业为什么要重视营销环境?] a[i] [A] [/]" in text
            await pilot.press("space")
            await wait_for_text(pilot, "[bold]不是标记[/bold]")

    asyncio.run(main())


def test_stats_screen_shows_figures_and_charts(library_path):
    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            await open_drill(pilot, app)
            for _ in range(3):
                await pilot.press("space", "4")
            await wait_for(pilot, lambda: len(logs(library_path)) == 3)
            await pilot.press("t")
            text = await wait_for_text(pilot, "今日已复习")
            assert re.search(r"今日已复习\s+3", text)
            assert re.search(r"连续学习\s+1 天", text)
            assert "每日复习量" in text and "未来 30 天到期" in text and "掌握程度" in text
            assert "客户服务管理师二级-《技能理论》重点考点" in text

    asyncio.run(main())


def make_leech(path) -> str:
    """Turn the first card into a suspended leech with 8 lapses; returns its front."""
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        first = s.execute(select(CardRow).order_by(CardRow.seq).limit(1)).scalar_one()
        first.leech, first.suspended, first.lapses, first.reps = True, True, 8, 20
        first.state, first.stability, first.difficulty = 2, 1.0, 9.0  # a review card, long overdue
        first.due = first.last_review = dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)
        front = first.front
    db.close()
    return front


def card_flags(path, front):
    db = open_database(f"sqlite:///{path}")
    try:
        with db.session() as s:
            return s.execute(select(CardRow.suspended, CardRow.leech).where(CardRow.front == front)).one()
    finally:
        db.close()


def test_leech_list_from_the_drill_puts_a_card_back_and_shows_its_node(library_path):
    front = make_leech(library_path)

    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            text = await open_drill(pilot, app)
            assert front not in text  # suspended: not drilled
            await pilot.press("l")
            text = await wait_for_text(pilot, "难记卡片")
            assert "共 1 张（1 张已暂停）" in text and "遗忘  8 次" in text and "已暂停" in text
            assert front in text and "出处：" in text and "外部力量和相关因素的集合" in text  # the back
            await pilot.press("enter")
            await wait_for_text(pilot, "复习中")
            await pilot.press("space")  # and back: suspended again
            await wait_for_text(pilot, "共 1 张（1 张已暂停）")
            assert tuple(card_flags(library_path, front)) == (True, True)
            await pilot.press("space")
            await wait_for_text(pilot, "复习中")
            assert tuple(card_flags(library_path, front)) == (False, True)  # back in the drill, still a leech
            await pilot.press("n")
            await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "graph")
            await pilot.press("escape")
            await wait_for_text(pilot, "共 1 张（0 张已暂停）")
            await pilot.press("escape")  # back in the drill: the card is in the queue again
            await wait_for(pilot, lambda: type(app.screen).__name__ == "DrillScreen")
            await wait_for_text(pilot, "学习中 0 · 复习 1")

    asyncio.run(main())


def test_stats_heatmap_and_leech_key(library_path):
    make_leech(library_path)

    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            await open_drill(pilot, app)
            for _ in range(4):
                await pilot.press("space", "4")
            await wait_for(pilot, lambda: len(logs(library_path)) == 4)
            await pilot.press("t")
            text = await wait_for_text(pilot, "周共复习 4 次，1 天有复习，最多 4 次")
            assert "每日复习量" in text and re.search(r"一 (■ ){53}", text)
            heat = app.screen.query_one("#stats-daily")
            assert heat.weeks_that_fit() == 53  # 120 columns: a whole year
            assert "已暂停 / 记忆难点" in text and re.search(r"已暂停 / 记忆难点\s+1 / 1", text) and "l 难记卡片" in text
            await pilot.press("l")
            await wait_for_text(pilot, "共 1 张（1 张已暂停）")

    asyncio.run(main())


def test_the_card_keeps_its_size_and_the_ratings_their_place(library_path):
    """Front, answer and next card are drawn in one pane of a fixed size (a key costs one layout)."""

    async def main():
        app = make_app(library_path)
        async with app.run_test(size=SIZE) as pilot:
            await open_drill(pilot, app)
            drill = app.screen
            pane, ratings = drill.query_one("#drill-text"), drill.query_one("#drill-ratings")
            regions = [(pane.region, ratings.region)]
            assert ratings.disabled  # greyed out until the answer is shown
            await pilot.press("space")
            await wait_for_text(pilot, "外部力量和相关因素的集合", "3 良好 · 10分钟")
            assert not ratings.disabled
            regions.append((pane.region, ratings.region))
            await pilot.press("3")
            text = await wait_for_text(pilot, "宏观环境分析包括哪五个方面？（宏五）")
            assert "外部力量和相关因素的集合" not in text and "3 良好 ·" not in text
            assert ratings.disabled
            regions.append((pane.region, ratings.region))
            assert len(set(regions)) == 1

    asyncio.run(main())


def test_a_long_answer_scrolls_within_the_card(library_path):
    async def main():
        app = make_app(library_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_drill(pilot, app)
            pane = app.screen.query_one("#drill-text")
            lines = [f"第{i}条：很长的答案的一行" for i in range(1, 41)]
            pane.show(Content("\n".join(lines)))
            await pilot.pause()
            assert pane.virtual_size.height == 40 > pane.size.height
            assert "第1条" in screen_text(app) and "第40条" not in screen_text(app)
            assert app.focused is pane
            await pilot.press("end")
            await wait_for_text(pilot, "第40条：很长的答案的一行")

    asyncio.run(main())
