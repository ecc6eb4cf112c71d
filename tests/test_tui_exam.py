"""Pilot tests of 模拟考试: real keys on a real library (temp SQLite), screen text asserted."""

import asyncio
import re

import pytest

from cskexam.tui.app import CskexamApp
from pilot_helpers import screen_text, wait_for, wait_text

SIZE = (130, 42)

# Every test here sits the small blueprint 小卷 from CSKEXAM_HOME.
pytestmark = pytest.mark.usefixtures("exam_home")








def run_app(library, body, opener=None):
    async def main():
        app = CskexamApp(library_opener=opener or (lambda url: library))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await body(app, pilot)

    asyncio.run(main())


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def exam_screen(app):
    from cskexam.tui.screens.exam_sitting import ExamSittingScreen

    (screen,) = [s for s in app.screen_stack if isinstance(s, ExamSittingScreen)]
    return screen


async def start_quiz(app, pilot):
    await pilot.press("e")
    await wait_text(pilot, "预测得分")  # the prediction of the highlighted blueprint
    await pilot.press("enter")
    await wait_text(pilot, "答题卡")
    return exam_screen(app)


def test_sit_a_quiz_with_keys_flag_jump_and_hand_in(library):
    async def body(app, pilot):
        screen = await start_quiz(app, pilot)
        text = await wait_text(pilot, "第 1/11 题")
        assert re.search(r"剩余 (10:00|09:5\d)", text)
        await pilot.press("g", "r")  # the other screens stay shut during the exam
        await pilot.pause()
        assert app.screen is screen
        attempt = screen.session.attempt
        first = attempt.item.question
        await pilot.press(first.answer.lower())
        text = await wait_text(pilot, f"● {first.answer}. ")
        assert "正确" not in text and "解析" not in text  # no feedback during the exam
        assert "  1■" in text
        await pilot.press("n", "m")
        await wait_text(pilot, "⚑ 已标记")
        await pilot.press("j")
        await wait_text(pilot, "跳到第几题")
        await pilot.press("7", "enter")
        text = await wait_text(pilot, "第 7/11 题")
        assert "〔多选〕" in text
        multi = attempt.item.question
        for letter in multi.answer:
            await pilot.press(letter.lower())
        await wait_for(pilot, lambda: attempt.answers.get(7) == sorted(multi.answer))
        await pilot.press("p")
        await wait_text(pilot, "第 6/11 题")
        await pilot.press("s")
        text = await wait_text(pilot, "确认交卷？")
        assert "未作答: 2、3、4、5、6、8、9、10、11（9 题）" in text
        assert "已标记: 2（1 题）" in text
        await pilot.press("n")
        await wait_text(pilot, "第 6/11 题")
        await pilot.press("s", "y")
        text = await wait_text(pilot, "考试报告")
        assert "5 / 21 分" in text and "不合格" in text and "按题型" in text
        assert "最薄弱的知识点" in text and "正确答案:" in text and "解析:" in text
        await pilot.press("w")
        await wait_for(pilot, lambda: len(app.screen._shown) == 9)
        # the nine not answered: lost points, shown as 未答 rather than 错误
        assert "✓" not in screen_text(app) and "– 未答" in screen_text(app)
        report = app.screen
        wrong = [o.item.question.id for o in report.report.outcomes if not o.correct]
        await pilot.press("question_mark")
        help_text = await wait_text(pilot, "全局按键")
        assert "重做一遍" in help_text  # the help names x
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is report)
        await pilot.press("x")  # redo this exam's wrong questions
        await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "practice")
        await wait_text(pilot, "第 1/9 题")
        assert [q.id for q in app.screen.round.questions] == wrong or sorted(
            q.id for q in app.screen.round.questions) == sorted(wrong)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is report)  # back to the report

    run_app(library, body)
    from cskexam.services.practice import wrong_entries

    with library.db.session() as s:
        assert len(wrong_entries(s)) == 0  # nine 未答, none answered wrong: nothing enters 错题本


def test_countdown_warns_in_the_last_minutes_and_submits_itself_at_zero(library):
    clock = FakeClock()

    async def body(app, pilot):
        from cskexam.tui.screens.exam import ExamScreen

        app.push_screen(ExamScreen(clock=clock))
        await wait_text(pilot, "预测得分")
        await pilot.press("enter")
        await wait_text(pilot, "剩余 10:00")
        screen = exam_screen(app)
        clock_widget = screen.query_one("#exam-clock")
        assert not clock_widget.has_class("-warning")
        await pilot.press("b")
        clock.t += 481
        screen.tick()
        await wait_text(pilot, "剩余 01:59")
        assert clock_widget.has_class("-warning")
        await pilot.press("j")  # a dialog open when time runs out must not block the hand-in
        await wait_text(pilot, "跳到第几题")
        clock.t += 120
        screen.tick()
        text = await wait_text(pilot, "时间到自动交卷")
        assert "考试报告" in text and "用时 10 分 0 秒" in text

    run_app(library, body)


def test_pause_with_escape_and_resume_from_the_dialog(library):
    clock = FakeClock()

    async def body(app, pilot):
        from cskexam.tui.screens.exam import ExamScreen

        app.push_screen(ExamScreen(clock=clock))
        await wait_text(pilot, "预测得分")
        await pilot.press("enter")
        await wait_text(pilot, "第 1/11 题")
        await pilot.press("a", "right", "right")
        clock.t += 65
        exam_screen(app).tick()
        await pilot.press("escape")
        await wait_for(pilot, lambda: not any(isinstance(s, ExamScreen) for s in app.screen_stack))
        clock.t += 3600  # time away does not count
        await pilot.press("e")
        text = await wait_text(pilot, "发现未完成的考试")
        assert "已答 1/11 题" in text and "剩余时间 08:55" in text
        await pilot.press("enter")
        # The resumed sitting runs on the real clock (opened by its key): seconds after the
        # resume count, the hour away does not.
        text = await wait_text(pilot, "第 3/11 题", "剩余 08:")
        assert 0 <= 55 - int(re.search(r"剩余 08:(\d\d)", text).group(1)) <= 30
        assert "  1■" in text

    run_app(library, body)


def test_short_answer_typed_in_a_text_area_is_saved(library, exam_home):
    (exam_home / "blueprints" / "quiz.yaml").write_text(
        "name: 简答小卷\norder: 0\nminutes: 30\npass_mark: 10\nsections:\n  - {type: 简答, count: 2, points: 10}\n",
        encoding="utf-8")

    async def body(app, pilot):
        screen = await start_quiz(app, pilot)
        await wait_text(pilot, "〔简答〕")
        await pilot.press("enter")
        await pilot.press(*"无形性", "enter", *"不可分性")
        await pilot.press("escape")  # leaves the text box, stays in the exam
        await wait_for(pilot, lambda: screen.session.attempt.answers.get(1) == "无形性\n不可分性")
        with library.db.session() as s:
            from cskexam.storage import exam_repo

            row = exam_repo.answers_of(s, screen.session.attempt_id)[0]
            assert row.given == "无形性\n不可分性"
        await pilot.press("s", "y")
        text = await wait_text(pilot, "考试报告")
        await wait_text(pilot, "漏掉的采分点")

    run_app(library, body)
