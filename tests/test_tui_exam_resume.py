"""Starting cskexam with an exam left unfinished offers to resume it at once."""

from __future__ import annotations

import asyncio

import pytest

from support import T0
from pilot_helpers import wait_for, wait_text

from cskexam.services.exam import ExamService
from cskexam.tui.app import CskexamApp


pytestmark = pytest.mark.usefixtures("exam_home")  # the small blueprint 小卷


def test_start_offers_the_unfinished_exam_and_resumes_it(library):
    session = ExamService(library, clock=lambda: T0).start("小卷", seed=3)
    session.answer(1, "A")

    async def main():
        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=(120, 40)) as pilot:
            text = await wait_text(pilot, "发现未完成的考试", timeout=10)
            assert "小卷" in text
            await pilot.press("enter")
            text = await wait_text(pilot, "答题卡")
            assert "第 1/" in text and "● A. " in text

    asyncio.run(main())


def test_d_asks_before_abandoning_and_the_attempt_stays_in_history(library):
    # Fault: d on the resume dialog deleted the unfinished exam at once.
    session = ExamService(library, clock=lambda: T0).start("小卷", seed=3)
    session.answer(1, "A")

    async def main():
        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_text(pilot, "发现未完成的考试", timeout=10)
            await pilot.press("d")
            await wait_text(pilot, "确定放弃这次考试吗？")
            assert ExamService(library).active() is not None  # nothing gone yet
            await pilot.press("d")
            await wait_for(pilot, lambda: ExamService(library).active() is None)
            await pilot.press("l")
            text = await wait_text(pilot, "已放弃")
            assert "小卷" in text and "已答 1/" in text

    asyncio.run(main())


def test_starting_a_paper_left_unfinished_resumes_it_instead_of_a_second_attempt(library):
    # Fault: Esc (稍后) on the dialog, then Enter on the same blueprint, opened a second paper.
    session = ExamService(library, clock=lambda: T0).start("小卷", seed=3)
    session.answer(1, "A")

    async def main():
        from cskexam.tui.screens.exam import ExamScreen

        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_text(pilot, "发现未完成的考试", timeout=10)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ExamScreen))
            for _ in range([b.name for b in app.screen.blueprints].index("小卷")):
                await pilot.press("down")
            await pilot.press("enter")
            text = await wait_text(pilot, "答题卡")
            assert "第 1/" in text and "● A. " in text
            assert app.screen.session.attempt_id == session.attempt_id

    asyncio.run(main())
    unfinished = [h for h in ExamService(library).history(include_unfinished=True) if h.status == "in_progress"]
    assert [h.id for h in unfinished] == [session.attempt_id]


def test_enter_pressed_twice_on_a_blueprint_opens_one_sitting(library):
    # Fault: both Enters reached the blueprint list before the sitting was shown, so a
    # second sitting of the same attempt ran hidden beneath the first; its clock kept
    # saving its own position (question 1), so a crash resumed at the wrong question.
    async def main():
        from textual import events

        from cskexam.tui.screens.exam_sitting import ExamSittingScreen

        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: app.library is not None and not app.preparing)
            await pilot.press("e")
            await wait_text(pilot, "预测得分")
            for _ in range(2):  # as a terminal delivers them: both queued before either is handled
                app.post_message(events.Key("enter", "\r"))
            await wait_text(pilot, "答题卡")
            await pilot.pause(0.2)
            assert sum(isinstance(s, ExamSittingScreen) for s in app.screen_stack) == 1

    asyncio.run(main())
