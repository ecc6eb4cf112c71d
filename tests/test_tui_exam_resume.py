"""Starting cskexam with an exam left unfinished offers to resume it at once."""

from __future__ import annotations

import asyncio

import pytest

from support import T0
from pilot_helpers import wait_text

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
