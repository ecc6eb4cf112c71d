"""A library that breaks while the TUI runs: the app stays up and says what happened."""

from __future__ import annotations

import shutil

from cskexam.tui.app import CskexamApp
from cskexam.tui.launch import finish
from tests.pilot_helpers import notifications, record_notifications, run, screen_text, wait_for
from tests.test_faults_db import corrupt_middle, library_template  # noqa: F401 - the fixture

SIZE = (100, 30)


def test_a_damaged_page_keeps_the_app_up_with_the_message(tmp_path, library_template, monkeypatch):  # noqa: F811
    path = tmp_path / "cskexam.sqlite3"
    shutil.copyfile(library_template, path)
    monkeypatch.delenv("CSKEXAM_WAIT", raising=False)

    async def main():
        app = CskexamApp(f"sqlite:///{path}")
        record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            corrupt_middle(path)
            await pilot.press("t")  # 统计 reads every table
            await wait_for(pilot, lambda: any("资料库文件已损坏" in n.message for n in notifications(app)))
            message = next(n.message for n in notifications(app) if "已损坏" in n.message)
            assert str(path) in message and "cskexam db restore" in message
            assert app.is_running
            await pilot.press("h")
            await pilot.press("q")
        return app

    app = run(main())
    assert finish(app) == 0


# -- writes that fail while the app runs: another program holds the write lock ------------------

LOCKED = "资料库正被另一个程序使用"


class HeldLock:
    """Another program's write transaction on the library, held until released."""

    def __init__(self, path):
        import sqlite3

        self.conn = sqlite3.connect(path, isolation_level=None)

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc):
        self.conn.execute("ROLLBACK")

    def close(self):
        self.conn.close()


def _messages(app, text):
    return [n for n in notifications(app) if text in n.message]


async def _shown(pilot, app, text):
    await wait_for(pilot, lambda: bool(_messages(app, text)))
    (notice, *_) = _messages(app, text)
    assert app.is_running
    return notice


def _run_locked(tmp_path, library_template, monkeypatch, body, prepare=None):
    """Run ``body`` on the app over a copy of the library (``prepare`` may add to it first)."""
    path = tmp_path / "cskexam.sqlite3"
    shutil.copyfile(library_template, path)
    if prepare is not None:
        prepare(f"sqlite:///{path}")
    monkeypatch.setenv("CSKEXAM_WAIT", "0.1")  # the lock is said at once, not waited out
    app = CskexamApp(f"sqlite:///{path}")
    record_notifications(app)
    lock = HeldLock(path)

    async def main():
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await body(app, pilot, lock, path)
            await pilot.press("ctrl+q")

    try:
        run(main())
    finally:
        lock.close()
    app.close_library()
    return app


def test_an_exam_answer_that_cannot_be_saved_says_so_and_stays_on_screen(tmp_path, library_template,  # noqa: F811
                                                                        monkeypatch):
    home = tmp_path / "home"
    (home / "blueprints").mkdir(parents=True)
    (home / "blueprints" / "t.yaml").write_text(
        "name: 故障小卷\norder: 0\nminutes: 30\npass_mark: 1\nsections:\n"
        "  - {type: 单选, count: 2, points: 1}\n  - {type: 简答, count: 1, points: 5}\n", encoding="utf-8")
    monkeypatch.setenv("CSKEXAM_HOME", str(home))

    async def body(app, pilot, lock, path):
        from cskexam.tui.screens.exam_sitting import ExamSittingScreen

        await pilot.press("e")
        await wait_for(pilot, lambda: "故障小卷" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamSittingScreen))
        screen = app.screen
        attempt = screen.session.attempt
        with lock:
            await pilot.press("a")  # a 单选 answer
            notice = await _shown(pilot, app, "本题作答未能保存")
            assert LOCKED in notice.message and str(path) in notice.message
            assert notice.title == "作答未能保存"
            assert 1 not in attempt.answers  # nothing claims an answer the library does not hold
            await pilot.press("n")  # moving on cannot be stored either: it stays on question 1
            await _shown(pilot, app, "仍停在本题")
            assert attempt.current == 1 and app.screen is screen
        await pilot.press("a")  # the lock is gone: the retry is stored
        await wait_for(pilot, lambda: attempt.answers.get(1) == "A")

        await pilot.press("j")
        await pilot.press("3", "enter")
        await wait_for(pilot, lambda: attempt.current == 3)
        await pilot.press("enter")  # into the 简答 box
        await pilot.press(*"服务补救")
        with lock:
            await pilot.press("escape")  # leaving the box saves what was typed
            await _shown(pilot, app, "输入框里的答案还在")
            assert screen.query_one("#q-text").text == "服务补救"
            assert 3 not in attempt.answers and app.screen is screen
            assert screen.focused is screen.query_one("#q-text")  # still in the box, to retry
        await pilot.press("escape")  # once the lock is gone the answer is stored
        await wait_for(pilot, lambda: attempt.answers.get(3) == "服务补救")

    app = _run_locked(tmp_path, library_template, monkeypatch, body)
    assert app.return_code in (0, None)


def test_settings_that_cannot_be_saved_say_so(tmp_path, library_template, monkeypatch):  # noqa: F811
    async def body(app, pilot, lock, path):
        from textual.widgets import Input

        await pilot.press("comma")
        await wait_for(pilot, lambda: bool(app.screen.query("#settings-retention"))
                       and app.screen.query_one("#settings-retention", Input).value != "")
        with lock:
            await pilot.press("enter")
            notice = await _shown(pilot, app, LOCKED)
            assert notice.title == "设置未能保存" and str(path) in notice.message
        assert "已保存" not in str(app.screen.query_one("#settings-status").render())

    _run_locked(tmp_path, library_template, monkeypatch, body)


def test_card_actions_that_cannot_be_saved_say_so(tmp_path, library_template, monkeypatch):  # noqa: F811
    async def body(app, pilot, lock, path):
        await pilot.press("c")
        await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "cards"
                       and app.screen._current() is not None)
        with lock:
            await pilot.press("s")  # suspend
            notice = await _shown(pilot, app, LOCKED)
            assert notice.title == "卡片未能保存"
        assert app.screen.SCREEN_NAME == "cards"

    _run_locked(tmp_path, library_template, monkeypatch, body)


def test_a_star_in_the_wrong_book_that_cannot_be_saved_says_so(tmp_path, library_template,  # noqa: F811
                                                             monkeypatch):
    def answer_one_wrong(url):  # one wrong answer puts a question in the book
        from cskexam.services.library import open_library
        from cskexam.services.practice import Practice

        with open_library(url) as library:
            practice = Practice(library)
            question = next(q for q in practice.questions() if q.type == "单选")
            wrong = next(letter for letter in question.options if letter != question.answer)
            practice.answer(question, wrong, mode="practice")

    async def body(app, pilot, lock, path):
        await pilot.press("w")
        await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "wrongbook"
                       and app.screen.selected() is not None)
        with lock:
            await pilot.press("f")
            notice = await _shown(pilot, app, LOCKED)
            assert notice.title == "收藏未能保存"
        assert app.screen.SCREEN_NAME == "wrongbook"

    _run_locked(tmp_path, library_template, monkeypatch, body, prepare=answer_one_wrong)
