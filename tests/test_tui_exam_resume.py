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
