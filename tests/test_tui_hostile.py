"""The TUI under a bad day's keys and text: every key does what it says or nothing, never a traceback.

Shift and Caps Lock, text that looks like markup or terminal escapes, a window
squeezed to nothing, a library that turns read-only or vanishes under the app:
each test presses real keys and reads the screen.
"""

from __future__ import annotations

import pytest

from pilot_helpers import notifications, record_notifications, screen_rows, screen_text, wait_for, wait_text
from test_tui_exam import exam_screen, run_app, start_quiz
from test_tui_practice import open_ids, run_app as run_practice


async def paste(pilot, text: str) -> None:
    """``text`` pasted into the terminal (bracketed paste), to whatever has the focus."""
    from textual import events

    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


# -- capital letters: Shift or Caps Lock ---------------------------------------------------------

@pytest.mark.usefixtures("exam_home")
def test_capital_letters_answer_and_move_in_the_exam(library):
    async def body(app, pilot):
        screen = await start_quiz(app, pilot)
        await wait_text(pilot, "第 1/11 题")
        attempt = screen.session.attempt
        first = attempt.item.question
        await pilot.press(first.answer.upper())  # Shift+letter, or the letter with Caps Lock on
        await wait_for(pilot, lambda: attempt.answers.get(1) == first.answer)
        await wait_text(pilot, f"● {first.answer}. ")
        await pilot.press("N", "M")  # 下一题, 标记: with Caps Lock on as well
        await wait_text(pilot, "第 2/11 题", "⚑ 已标记")
        await pilot.press("J")
        await wait_text(pilot, "跳到第几题")
        await pilot.press("7", "enter")
        await wait_text(pilot, "第 7/11 题", "〔多选〕")
        multi = attempt.item.question
        await pilot.press(*(letter.upper() for letter in multi.answer))
        await wait_for(pilot, lambda: attempt.answers.get(7) == sorted(multi.answer))
        assert exam_screen(app) is screen

    run_app(library, body)


@pytest.fixture
def practice_library(tmp_db_url, tmp_path, monkeypatch):
    """The small library of tests/test_tui_practice.py: the bank's questions on the sample notes."""
    from support import T0
    from test_bank import GOOD
    from test_questions_helpers import open_sample_library

    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "01.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    lib = open_sample_library(tmp_db_url, bank, monkeypatch, T0, sample_multi=False)
    yield lib
    lib.close()


def test_capital_letters_choose_options_in_practice(practice_library):
    async def body(app, pilot):
        open_ids(app, ["jn-001", "jn-002", "jn-003"])
        await wait_text(pilot, "指提供不同的产品以满足相同需求的竞争者是")
        await pilot.press("B")
        await wait_text(pilot, "(●) B. 普通竞争者")
        await pilot.press("enter")
        await wait_text(pilot, "✓ 回答正确")
        await pilot.press("enter")
        await wait_text(pilot, "下列属于宏观环境分析的有")
        await pilot.press("A", "C")
        await wait_text(pilot, "[✓] A. 市场人口", "[✓] C.")
        await pilot.press("enter")
        await wait_text(pilot, "回答")
        await pilot.press("enter")
        await wait_text(pilot, "第 3/3 题 · 判断")
        await pilot.press("F")  # 错, as f is
        await pilot.press("enter")
        await wait_text(pilot, "✓ 回答正确")

    run_practice(practice_library, body)


def test_a_capital_letter_typed_into_a_box_stays_a_capital(library):
    async def body(app, pilot):
        app.open_screen("search")
        await wait_text(pilot, "输入后即显示结果")
        await pilot.press("P", "E", "S", "T")
        box = app.screen.query_one("#search-input")
        await wait_for(pilot, lambda: box.value == "PEST")

    run_app(library, body)


# -- the search box ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", [" ", "   ", "\u3000", "\u200b", "\u200e"])
def test_an_empty_search_shows_the_hint_never_an_error(library, typed):
    async def body(app, pilot):
        record_notifications(app)
        app.open_screen("search")
        await wait_text(pilot, "输入后即显示结果")
        await pilot.press("x")
        await wait_text(pilot, "没有找到与“x”")
        await pilot.press("backspace")
        await paste(pilot, typed)
        box = app.screen.query_one("#search-input")
        await wait_for(pilot, lambda: box.value == typed)
        await wait_text(pilot, "输入后即显示结果")
        assert "没有找到" not in screen_text(app)
        await pilot.press("enter")  # Enter on nothing: no box, no error
        await pilot.pause()
        assert not [n for n in notifications(app) if n.severity == "error"]
        assert app.is_running and "输入后即显示结果" in screen_text(app)

    run_app(library, body)


# -- the 简答 answer box: a paste of 100,000 characters, a burst of keys ---------------------------

def _warned(app, text):
    return any(text in n.message for n in notifications(app))


def test_a_paste_longer_than_the_grader_reads_is_refused_whole_and_said(practice_library):
    from cskexam.core.grading_short import MAX_ANSWER_CHARS

    async def body(app, pilot):
        open_ids(app, ["jn-005"])
        await wait_text(pilot, "竞争者环境包括哪四类竞争者")
        area = app.screen.query_one("#q-text")
        await pilot.press(*"愿望竞争者")
        await paste(pilot, "[bold]普通竞争者[/]\x1b[31m" * 10_000)  # 190,000 characters on one line
        await wait_for(pilot, lambda: _warned(app, "没有粘贴"))
        assert area.text == "愿望竞争者"  # as it was: nothing half pasted
        assert "190,000 字" in notifications(app)[-1].message
        await paste(pilot, "、普通竞争者" + "。" * (MAX_ANSWER_CHARS - 11))  # fills the box to its limit: taken
        await wait_for(pilot, lambda: area.text.startswith("愿望竞争者、普通竞争者"))
        await pilot.press(*"品牌")
        await wait_for(pilot, lambda: _warned(app, "不能再输入"))
        assert len(area.text) == MAX_ANSWER_CHARS
        await pilot.press("ctrl+s")
        text = await wait_text(pilot, "答到的采分点：愿望竞争者、普通竞争者")
        assert "得分 50%" in text

    run_practice(practice_library, body)


def test_a_burst_of_keys_is_taken_in_one_edit_up_to_the_limit(practice_library):
    """Keys arriving faster than anyone types (a paste the terminal hands on as keys):
    12,000 of them on one line took 12 s, one rewrap of the whole line per key."""
    from textual import events

    from cskexam.core.grading_short import MAX_ANSWER_CHARS

    async def body(app, pilot):
        open_ids(app, ["jn-005"])
        await wait_text(pilot, "竞争者环境包括哪四类竞争者")
        area = app.screen.query_one("#q-text")
        burst = ("愿望竞争者、普通竞争者" * 1200)[:12_000]
        for ch in burst:
            app.post_message(events.Key(ch, ch))
        app.post_message(events.Key("ctrl+s", None))  # sees every key before it
        text = await wait_text(pilot, "答到的采分点：愿望竞争者、普通竞争者")
        assert area.text == burst[:MAX_ANSWER_CHARS]
        assert _warned(app, "10,000 字（评分只看这么多）")
        assert "遗漏的采分点：产品形式竞争者、品牌竞争者" in text

    run_practice(practice_library, body)


# -- keys typed ahead: a second Enter queued for a dialog that has closed --------------------------

async def press_at_once(pilot, *keys: str) -> None:
    """``keys`` as a terminal delivers keys typed ahead: all queued before the first is handled."""
    from textual import events

    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    await pilot.pause()


@pytest.mark.usefixtures("exam_home")
def test_enter_twice_in_the_jump_dialog_keeps_the_exam_open(library):
    async def body(app, pilot):
        screen = await start_quiz(app, pilot)
        await wait_text(pilot, "第 1/11 题")
        await pilot.press("j")
        await wait_text(pilot, "跳到第几题")
        await pilot.press("7")
        await press_at_once(pilot, "enter", "enter")
        await wait_text(pilot, "第 7/11 题")
        await pilot.pause()
        assert app.is_running and app.screen is screen  # the second Enter did not close the exam

    run_app(library, body)


def test_enter_twice_on_a_search_result_opens_its_key_point_once(library):
    async def body(app, pilot):
        app.open_screen("search")
        await wait_text(pilot, "输入后即显示结果")
        await pilot.press(*"竞争者")
        await wait_text(pilot, "条结果")
        await pilot.press("down")
        await press_at_once(pilot, "enter", "enter")
        await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "graph")
        chosen = app.screen_stack[-2].selected()
        await wait_for(pilot, lambda: app.screen.query_one("NodeDetails").node_id == chosen.id)
        assert app.is_running

    run_app(library, body)


def test_enter_twice_in_the_save_dialog_exports_once_and_stays(practice_library, tmp_path):
    async def body(app, pilot):
        open_ids(app, ["jn-001"])
        await wait_text(pilot, "指提供不同的产品以满足相同需求的竞争者是")
        await pilot.press("a", "enter")
        await wait_text(pilot, "✗ 回答错误")
        app.open_screen("wrongbook")
        await wait_text(pilot, "指提供不同的产品以满足相同需求的竞争者是")
        wrongbook = app.screen
        await pilot.press("x")
        await wait_text(pilot, "保存到")
        box = app.screen.query_one("#save-path")
        box.value = str(tmp_path / "错题.csv")
        await press_at_once(pilot, "enter", "enter")
        await wait_for(pilot, lambda: _warned(app, "已导出 1 道错题"))
        await pilot.pause()
        assert app.is_running and app.screen is wrongbook
        assert sum("已导出" in n.message for n in notifications(app)) == 1

    run_practice(practice_library, body)


# -- note text that looks like markup, on every screen that shows it ------------------------------

MARKUP_TITLES = ["[/]", "[link=https://evil.example]点我[/link]", "[bold red]红色[/]", "[@click=app.quit]退出[/]"]


def hostile_graph():
    """Notes whose titles and text look like Rich markup, one document per title."""
    from cskexam.core.graph import KnowledgeGraph, Node, SourceRef, node_id

    graph = KnowledgeGraph()
    line = [0]

    def add(kind, title, parent=None, text="", **kw):
        line[0] += 1
        path = (graph.path_titles(parent) + [graph.get(parent).title]) if parent else []
        nid = node_id("恶意[/]笔记.md", [*path, title])
        graph.nodes[nid] = Node(nid, kind, title, text=text, parent=parent,
                                source=SourceRef("恶意[/]笔记.md", line[0]), **kw)
        if parent:
            graph.nodes[parent].children.append(nid)
        return nid

    for i, t in enumerate(MARKUP_TITLES):
        doc = add("document", f"{t}文档{i}")
        chapter = add("chapter", f"第{i + 1}章 {t}", doc)
        point = add("point", f"{t}要点", chapter, f"{t}是指客户服务的定义。", count=2)
        for j in range(2):
            add("item", f"{t}条目{j}", point, f"{t}：指第{j}类竞争者。")
    return graph


@pytest.fixture
def hostile_library(tmp_db_url, tmp_path, monkeypatch):
    from cskexam.services import library as library_mod
    from support import T0

    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    monkeypatch.setattr("cskexam.services.questions.question_bank_dir", lambda: tmp_path / "no-bank")
    lib = library_mod.open_library(tmp_db_url)
    lib.store(library_mod.PreparedImport([], hostile_graph()), now=T0)
    yield lib
    lib.close()


def test_a_key_point_named_in_markup_opens_the_card_editor_as_written(hostile_library):
    async def body(app, pilot):
        app.open_screen("cards")
        await wait_text(pilot, "共 ")
        cards = app.screen
        index = next(i for i, card in enumerate(cards.shown) if card.path[-1] == "[/]要点")
        cards.query_one("#cards-list").highlighted = index
        await pilot.pause()
        await pilot.press("a")  # 新增卡片 · [/]要点: a closing tag with nothing to close
        await wait_text(pilot, "新增卡片 · [/]要点")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is cards)

    run_app(hostile_library, body)


def test_chapters_named_in_markup_are_listed_as_written_in_the_card_filter(hostile_library):
    async def body(app, pilot):
        app.open_screen("cards")
        await wait_text(pilot, "共 ")
        await pilot.press("f", "enter")  # the chapter filter, opened
        text = await wait_text(pilot, "第1章 [/]", "第3章 [bold red]红色[/]")
        assert "esc 关闭列表" in text and "Dismiss" not in text  # Textual's own key, in Chinese
        await pilot.press("escape")
        assert app.is_running

    run_app(hostile_library, body)



# -- a terminal squeezed to a few rows or columns -------------------------------------------------

@pytest.mark.parametrize("size", [(40, 3), (3, 30), (1, 1)])
def test_page_keys_in_a_squeezed_list_do_nothing_and_the_list_works_after(practice_library, size):
    """Textual's list looked up lines it had not laid out: PageDown in a terminal of
    three rows (or a few columns) ended the app with KeyError."""
    async def body(app, pilot):
        await pilot.press("p")
        await wait_text(pilot, "全部章节")
        assert type(app.focused).__name__ == "OptionList"
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.press("pagedown", "pageup", "pagedown")
        await pilot.resize_terminal(120, 45)
        await wait_text(pilot, "全部章节")
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: app.focused.highlighted not in (None, 0))
        assert app.is_running

    run_practice(practice_library, body)


def test_enter_twice_on_a_starred_question_opens_one_practice(practice_library):
    """The second Enter reached 章节练习 before it was mounted: AttributeError."""
    from cskexam.services.practice import Practice

    Practice(practice_library).toggle_star("jn-001")

    async def body(app, pilot):
        app.open_screen("starred")
        await wait_text(pilot, "指提供不同的产品以满足相同需求的竞争者是")
        await press_at_once(pilot, "enter", "enter")
        await wait_text(pilot, "第 1/1 题")
        assert app.is_running and getattr(app.screen, "SCREEN_NAME", "") == "practice"

    run_practice(practice_library, body)


# -- quitting mid-exam ----------------------------------------------------------------------------

def test_quitting_with_ctrl_q_while_typing_a_short_answer_keeps_it(library, exam_home):
    """At quitting the answer box was gone before the exam was unmounted: NoMatches,
    a traceback on the terminal, and the words typed since the last autosave lost."""
    (exam_home / "blueprints" / "quiz.yaml").write_text(
        "name: 简答小卷\norder: 0\nminutes: 30\npass_mark: 10\nsections:\n  - {type: 简答, count: 2, points: 10}\n",
        encoding="utf-8")
    seen = {}

    async def body(app, pilot):
        screen = await start_quiz(app, pilot)
        await wait_text(pilot, "〔简答〕")
        await pilot.press("enter")
        await pilot.press(*"无形性")
        seen["attempt"] = screen.session.attempt_id
        await pilot.press("ctrl+q")  # before the autosave: the answer is saved on the way out

    run_app(library, body)
    from cskexam.storage import exam_repo

    with library.db.session() as s:
        given = {row.given for row in exam_repo.answers_of(s, seen["attempt"])}
        assert "无形性" in given


# -- keys typed ahead of a screen that is not set up yet ------------------------------------------

def _unfinished_exam(library):
    from cskexam.services.exam import ExamService
    from support import T0

    session = ExamService(library, clock=lambda: T0).start("小卷", seed=3)
    session.answer(1, "A")
    return session.attempt_id


@pytest.mark.usefixtures("exam_home")
def test_esc_typed_right_after_resuming_pauses_the_exam_it_does_not_hand_it_in(library):
    """Esc reached the sitting before its clock started: the machine's uptime was counted
    as time spent, and the exam was handed in at once as 时间到."""
    from cskexam.services.exam import ExamService

    attempt_id = _unfinished_exam(library)

    async def body(app, pilot):
        await wait_text(pilot, "发现未完成的考试")
        await press_at_once(pilot, "enter", "escape")
        await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") != "exam" or
                       type(app.screen).__name__ == "ExamScreen")
        await pilot.pause()
        assert "考试报告" not in screen_text(app)

    run_app(library, body)
    (unfinished,) = [h for h in ExamService(library).history(include_unfinished=True) if h.id == attempt_id]
    assert unfinished.status == "in_progress"



def test_keys_typed_after_q_do_nothing_while_the_app_quits(library):
    """``e`` typed right after ``q`` opened 模拟考试 into an app being taken down:
    NoMatches in its on_mount, a traceback on the terminal after quitting."""
    async def body(app, pilot):
        await wait_text(pilot, "今日到期")
        await press_at_once(pilot, "q", "e", "g", "p")

    run_app(library, body)


# -- the new-profile box --------------------------------------------------------------------------

def test_a_new_profile_name_too_long_empty_or_named_like_the_default_is_said_so(library):
    """A paste past 32 characters was dropped and Enter on the empty box did nothing, both
    without a word; 「默认」 made a second profile that looked like the default one."""
    from cskexam.services import profiles

    async def body(app, pilot):
        record_notifications(app)
        app.open_screen("profiles")
        await wait_text(pilot, "档案（Enter 切换）")
        await pilot.press("n")
        await paste(pilot, "张三" * 40)
        await wait_for(pilot, lambda: _warned(app, "档案名最长 32 个字符"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: _warned(app, "档案名不能为空"))
        await pilot.press("n", *"默认", "enter")
        await wait_for(pilot, lambda: _warned(app, "已切换到档案：默认"))
        assert profiles.profile_names(library) == ["default"]
        assert profiles.current(app.library) == "default"

    run_app(library, body)


# -- the card editor ------------------------------------------------------------------------------

def test_a_card_edited_with_terminal_escapes_is_stored_without_them(hostile_library):
    """An OSC sequence pasted into a card's front was stored as it was: ``cskexam cards``
    then retitled the terminal and cleared the screen."""
    from cskexam.services.card_browser import CardBrowser

    async def body(app, pilot):
        app.open_screen("cards")
        await wait_text(pilot, "共 ")
        await pilot.press("e")
        await wait_text(pilot, "编辑卡片")
        front = app.screen.query_one("#editor-front")
        front.value = ""
        await paste(pilot, "正面\x1b]0;PWNED\x07\x1b[2J\x1b[31m红\u202e")
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: any(c.front == "正面红" for c in CardBrowser(hostile_library).cards()))

    run_app(hostile_library, body)


def test_a_card_side_too_long_stays_in_the_editor_with_the_reason(hostile_library):
    from cskexam.services.card_browser import CardBrowser

    async def body(app, pilot):
        app.open_screen("cards")
        await wait_text(pilot, "共 ")
        before = [c.back for c in CardBrowser(hostile_library).cards()]
        await pilot.press("e")
        await wait_text(pilot, "编辑卡片")
        app.screen.query_one("#editor-back").value = "答" * 100_000
        await pilot.press("ctrl+s")
        await wait_text(pilot, "卡片的背面最多 5,000 字（现为 100,000 字）")
        assert type(app.screen).__name__ == "CardEditor"  # what was written is still there to cut down
        assert [c.back for c in CardBrowser(hostile_library).cards()] == before

    run_app(hostile_library, body)


def test_an_answer_pasted_with_terminal_escapes_is_stored_without_them(practice_library, tmp_path):
    """A pasted OSC sequence in a 填空 answer was stored as it was and written into the
    错题本 export: ``cat`` of the file retitled the terminal and cleared it."""
    from cskexam.services.practice import Practice

    async def body(app, pilot):
        open_ids(app, ["jn-004"])
        await wait_text(pilot, "微观环境分析简称")
        await paste(pilot, "宏五\x1b]0;PWNED\x07\x1b[2J\x1b[31m")
        await pilot.press("enter")
        await wait_text(pilot, "你的答案：宏五")

    run_practice(practice_library, body)
    (entry,) = Practice(practice_library).wrong_book()
    assert entry.last_given == "宏五"
    target = tmp_path / "错题.csv"
    Practice(practice_library).export_wrong_book(target)
    assert "\x1b" not in target.read_text(encoding="utf-8-sig")


def test_a_fill_in_answer_longer_than_the_grader_reads_is_refused_and_said(practice_library):
    """100,000 characters pasted into a 填空 line were taken, stored and shown back whole."""
    async def body(app, pilot):
        open_ids(app, ["jn-004"])
        await wait_text(pilot, "微观环境分析简称")
        await pilot.press(*"微四")
        await paste(pilot, "四" * 100_000)
        await wait_for(pilot, lambda: _warned(app, "作答最多 10,000 字"))
        assert app.screen.query_one("#q-fill").value == "微四"
        await pilot.press("enter")
        await wait_text(pilot, "✓ 回答正确")

    run_practice(practice_library, body)


def test_the_hand_in_dialog_never_cuts_a_question_number_across_lines():
    """19 unanswered questions at 80x24: the list wraps between numbers (…、19、 / 20), never inside one (…、2 / 0)."""
    import asyncio
    import re

    from textual.app import App

    from cskexam.tui.screens.exam_dialogs import SubmitDialog

    unanswered = [n for n in range(1, 21) if n != 15]

    async def main():
        app = App()
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(SubmitDialog(unanswered, [], "14:45"))
            await wait_text(pilot, "剩余时间")
            rows = [row.strip(" █▌▐│") for row in screen_rows(app)]
            listed = "".join(rows[rows.index(next(r for r in rows if r.startswith("未作答"))):])
            assert "、".join(map(str, unanswered)) in listed  # the whole list is shown
            for above, below in zip(rows, rows[1:]):
                assert not (re.search(r"\d$", above) and re.match(r"\d", below)), (above, below)

    asyncio.run(main())
