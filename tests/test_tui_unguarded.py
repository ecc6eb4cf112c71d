"""Spots of the TUI that read data the library may no longer give: a message, never a traceback."""

from __future__ import annotations

import pytest

from cskexam.errors import DatabaseProblem
from cskexam.tui.failures import LOCKED_IN_TUI, problem_text
from pilot_helpers import notifications, record_notifications, wait_for, wait_text
from test_tui_exam import run_app, start_quiz

pytestmark = pytest.mark.usefixtures("exam_home")


def _said(app, text):
    return any(text in n.message for n in notifications(app))


def test_the_report_says_when_the_key_points_cannot_be_read(library, monkeypatch):
    async def body(app, pilot):
        record_notifications(app)
        await start_quiz(app, pilot)
        await pilot.press("s", "y")
        await wait_text(pilot, "考试报告")
        monkeypatch.setattr(app, "_graph", None)

        def damaged():
            raise DatabaseProblem("资料库文件已损坏", "lib.sqlite3", kind="corrupt")

        monkeypatch.setattr(app.library, "graph", damaged)
        await pilot.press("down")
        await wait_for(pilot, lambda: _said(app, "资料库文件已损坏"))
        assert app.is_running

        class Partial:
            """A graph that lost a parent of the question's key point."""

            def __contains__(self, node_id):
                return True

            def path_titles(self, node_id):
                raise KeyError(node_id)

        monkeypatch.setattr(app.library, "graph", lambda: Partial())
        await pilot.press("down")
        await wait_for(pilot, lambda: _said(app, "要点在知识图谱中不完整"))
        assert app.is_running

    run_app(library, body)


def test_a_failed_refresh_after_switching_profile_is_a_message(library):
    async def body(app, pilot):
        record_notifications(app)
        home = app.screen_stack[0]
        await wait_text(pilot, "导入时间")  # the home screen has had its LibraryReady (a busy machine is slow)

        def fails(kind):
            def refresh():
                if kind == "db":
                    raise DatabaseProblem("资料库缺少数据表「profiles」", "lib.sqlite3", kind="schema")
                raise KeyError("profile")
            return refresh

        for kind, text in (("db", "缺少数据表"), ("data", "未能刷新界面")):
            home.refresh_summary = fails(kind)
            app.profile_switched()
            await wait_for(pilot, lambda: _said(app, text))
            assert app.is_running

    run_app(library, body)


def test_a_held_lock_tells_a_tui_user_what_to_do_not_a_cli_flag():
    from cskexam.storage.db_errors import locked_problem

    message = problem_text(locked_problem("/data/cskexam.sqlite3"), None)
    assert message == f"/data/cskexam.sqlite3: {LOCKED_IN_TUI}"
    assert "--wait" not in message and "稍后重试" in message and "关闭另一个窗口" in message
    # Screens that show a UserError as it is (str) never see the command line's option either.
    assert "--wait" not in str(locked_problem("/data/cskexam.sqlite3"))
