"""Pilot tests of 章节练习 and 错题本: real keys, real library (temp SQLite), screen text."""

import asyncio
import csv

import pytest

from cskexam.tui.app import CskexamApp
from test_bank import GOOD
from test_questions_helpers import by_title, open_sample_library
from pilot_helpers import notifications, record_notifications, screen_text, wait_for, wait_text
from support import T0

SIZE = (120, 45)


@pytest.fixture
def library(tmp_db_url, tmp_path, monkeypatch):
    bank = tmp_path / "bank"
    bank.mkdir()
    # A stem with markup-like text: it must appear literally.
    (bank / "01.yaml").write_text(GOOD.replace("宏观环境分析简称", "宏观环境分析[企业为什么要重视营销环境?][A]简称"),
                                  encoding="utf-8")
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    lib = open_sample_library(tmp_db_url, bank, monkeypatch, T0, sample_multi=False)
    yield lib
    lib.close()








def run_app(library, body):
    async def main():
        app = CskexamApp(library_opener=lambda url: library)
        record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await body(app, pilot)

    asyncio.run(main())


def open_ids(app, ids, **kw):
    app.open_screen("practice", question_ids=ids, **kw)


def test_single_choice_wrong_answer_shows_answer_explanation_and_key_point(library):
    async def body(app, pilot):
        open_ids(app, ["jn-001", "jn-003"])
        await wait_text(pilot, "指提供不同的产品以满足相同需求的竞争者是")
        await pilot.press("a")
        await wait_text(pilot, "(●) A. 愿望竞争者")
        await pilot.press("enter")
        text = await wait_text(pilot, "✗ 回答错误")
        assert "正确答案：B. 普通竞争者" in text
        assert "解析：普通竞争者指提供不同的产品以满足相同需求的竞争者。" in text
        assert "竞争者环境 › 普通竞争者" in text  # the source key point
        assert "已记入错题本（共错 1 次，连续答对" in text
        await pilot.press("enter")
        await wait_text(pilot, "第 2/2 题 · 判断")
        await pilot.press("f")  # 错 while a 判断 waits for its answer
        await pilot.press("enter")
        text = await wait_text(pilot, "✓ 回答正确")
        await pilot.press("enter")
        text = await wait_text(pilot, "本轮练习完成")
        assert "答对 1 题" in text

    run_app(library, body)
    from cskexam.services.practice import Practice

    (entry,) = Practice(library).wrong_book()
    assert entry.question.id == "jn-001" and entry.last_given == "A"


def test_multiple_choice_space_and_letters_toggle_partial_credit(library):
    async def body(app, pilot):
        open_ids(app, ["jn-002"])
        await wait_text(pilot, "下列属于宏观环境分析的有")
        await pilot.press("space")  # cursor starts on A
        await wait_text(pilot, "[✓] A. 市场人口")
        await pilot.press("b", "b")  # on and off again
        await pilot.press("enter")
        text = await wait_text(pilot, "◐ 部分正确（得分 50%，少选）")
        assert "正确答案：A. 市场人口；C. 技术环境" in text
        assert "✓" in text

    run_app(library, body)


def test_fill_in_typed_answer_tolerates_width(library):
    async def body(app, pilot):
        open_ids(app, ["jn-004"])
        text = await wait_text(pilot, "微观环境分析简称")
        # Markup-like note text is shown literally.
        assert "宏观环境分析[企业为什么要重视营销环境?][A]简称" in text
        await pilot.press(*"微四")
        await pilot.press("enter")
        await wait_text(pilot, "✓ 回答正确")
        await pilot.press("enter")
        await wait_text(pilot, "本轮练习完成")

    run_app(library, body)


def test_short_answer_lists_missed_scoring_points(library):
    async def body(app, pilot):
        open_ids(app, ["jn-005"])
        await wait_text(pilot, "竞争者环境包括哪四类竞争者")
        assert app.focused is app.screen.query_one("#q-text")
        await pilot.press(*"愿望竞争者", "enter", *"一般竞争者")  # Enter is a new line here
        await pilot.press("ctrl+s")
        text = await wait_text(pilot, "遗漏的采分点：")
        assert "答到的采分点：愿望竞争者、普通竞争者" in text
        assert "遗漏的采分点：产品形式竞争者、品牌竞争者" in text
        assert "得分 50%" in text

    run_app(library, body)


def test_practice_messages_say_what_a_candidate_needs(library):
    # Faults: a right answer to a question in the 错题本 said 「已记入错题本」; a wrong 填空
    # did not show what was typed; a partly right 简答 said 「回答错误」.
    async def body(app, pilot):
        open_ids(app, ["jn-004", "jn-004", "jn-005"])
        await wait_text(pilot, "微观环境分析简称")
        await pilot.press(*"宏五", "enter")
        text = await wait_text(pilot, "✗ 回答错误")
        assert "你的答案：宏五" in text
        await pilot.press("enter")
        await wait_text(pilot, "第 2/3 题")
        await pilot.press(*"微四", "enter")
        text = await wait_text(pilot, "✓ 回答正确")
        assert "已记入错题本" not in text
        assert "错题本：已连续答对 1 次，再答对" in text and "次移出" in text
        await pilot.press("enter")
        await wait_text(pilot, "竞争者环境包括哪四类竞争者")
        await pilot.press(*"愿望竞争者、普通竞争者", "ctrl+s")
        text = await wait_text(pilot, "◐ 部分正确（得分 50%）")
        assert "回答错误" not in text

    run_app(library, body)


def test_recite_mode_shows_answers_at_once_and_records_nothing(library):
    async def body(app, pilot):
        open_ids(app, ["jn-001", "jn-002"])
        await wait_text(pilot, "第 1/2 题")
        await pilot.press("m")
        text = await wait_text(pilot, "正确答案：")
        assert "背题模式: 开" in text
        assert "正确答案：B. 普通竞争者" in text
        await pilot.press("enter")
        text = await wait_text(pilot, "第 2/2 题")
        assert "正确答案：A. 市场人口；C. 技术环境" in text

    run_app(library, body)
    from cskexam.storage import question_repo

    with library.db.session() as s:
        assert question_repo.answer_stats(s) == {}


def test_star_with_f_after_answering(library):
    async def body(app, pilot):
        open_ids(app, ["jn-001"])
        await wait_text(pilot, "第 1/1 题")
        await pilot.press("asterisk")
        await wait_text(pilot, "★ 已收藏")
        await pilot.press("b", "enter")  # choose B, submit
        await wait_text(pilot, "✓ 回答正确")
        await pilot.press("f")  # no answer pending: f is 收藏 (toggles off)
        await wait_for(pilot, lambda: "★ 已收藏" not in screen_text(app))
        await pilot.press("question_mark")
        await wait_text(pilot, "背题模式：直接显示答案和解析")
        await pilot.press("question_mark")
        await pilot.press("v")  # the key point in 知识图谱
        await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "graph")
        await wait_text(pilot, "普通竞争者")

    run_app(library, body)


def test_the_scopes_are_read_after_the_screen_is_shown(library, monkeypatch):
    import threading

    from cskexam.services.practice import Practice

    release = threading.Event()
    questions = Practice.questions

    def slow_questions(self, **kwargs):
        release.wait(10)  # a library slow to read
        return questions(self, **kwargs)

    monkeypatch.setattr(Practice, "questions", slow_questions)

    async def body(app, pilot):
        await pilot.press("p")
        text = await wait_text(pilot, "选择练习范围", "正在读取题目…")
        assert "全部章节" not in text
        await pilot.press("enter")  # nothing to choose yet: nothing happens
        release.set()
        text = await wait_text(pilot, "全部章节", "第一章客户服务策划")
        assert "正在读取题目…" not in text
        assert app.screen.phase == "setup"

    run_app(library, body)


def test_setup_choose_scope_type_and_start_from_the_menu_key(library):
    graph = library.graph()

    async def body(app, pilot):
        await pilot.press("p")
        text = await wait_text(pilot, "选择练习范围", "全部章节")  # the scopes come from a worker
        assert "第一章客户服务策划" in text
        for _ in range(3):  # 全部 → 单选 → 多选 → 判断
            await pilot.press("y")
        await wait_text(pilot, "题型: 判断")
        await pilot.press("enter")  # 全部章节
        text = await wait_text(pilot, "· 判断 ·")
        screen = app.screen
        assert {q.type for q in screen.questions} == {"判断"}
        assert len(screen.questions) > 3
        await pilot.press("1", "enter")
        await wait_for(pilot, lambda: "回答正确" in screen_text(app) or "回答错误" in screen_text(app))
        await pilot.press("s")
        await wait_text(pilot, "选择练习范围")

    run_app(library, body)


def test_judgement_keys_are_the_exam_keys(library):
    """a/1/t answer 对 and b/2/f answer 错, in practice as in the exam."""

    async def body(app, pilot):
        await pilot.press("p")
        await wait_text(pilot, "选择练习范围")
        for _ in range(3):  # 全部 → 单选 → 多选 → 判断
            await pilot.press("y")
        await wait_text(pilot, "题型: 判断")
        await pilot.press("enter")
        await wait_text(pilot, "· 判断 ·")
        screen = app.screen
        for key, shown in (("a", "(●) 1. 对"), ("b", "(●) 2. 错"), ("t", "(●) 1. 对"), ("2", "(●) 2. 错")):
            await pilot.press(key)
            await wait_text(pilot, shown)
        assert screen.selected == {"错"}

    run_app(library, body)


def test_practice_opened_on_a_node(library):
    comp = by_title(library.graph(), "竞争者环境")

    async def body(app, pilot):
        app.open_screen("practice", node_id=comp.id)
        text = await wait_text(pilot, "范围: 竞争者环境")
        scope = {comp.id, *comp.children}
        assert all(q.node in scope for q in app.screen.questions)

    run_app(library, body)


def test_wrongbook_lists_practises_and_exports(library, tmp_path):
    from cskexam.services.practice import Practice

    p = Practice(library)
    qs = {q.id: q for q in p.questions()}
    p.answer(qs["jn-001"], "A")
    p.answer(qs["jn-001"], "C")
    p.answer(qs["jn-003"], "对")

    async def body(app, pilot):
        await pilot.press("w")
        text = await wait_text(pilot, "共 2 题")
        assert "错 2 次" in text and "指提供不同的产品以满足相同需求的竞争者是" in text
        assert "连续答对 2 次后移出" in text
        await pilot.press("p")  # practise all of them
        await wait_text(pilot, "范围: 错题")
        # Most recently wrong first: the 判断 jn-003, whose answer is 错.
        await wait_text(pilot, "第 1/2 题 · 判断")
        await pilot.press("2", "enter")
        await wait_text(pilot, "✓ 回答正确")
        await pilot.press("escape")
        text = await wait_text(pilot, "共 2 题")  # one right answer is not enough to leave
        assert "连对 1" in text
        await pilot.press("x")  # asks where, with ~/Downloads or the current directory filled in
        await wait_text(pilot, "保存到")
        box = app.screen.query_one("#save-path")
        assert box.value.endswith(".csv") and "错题本-" in box.value
        assert not box.value.startswith(str(tmp_path / "home"))  # not the hidden data dir
        box.value = "~nosuchuser_cskexam/错题.csv"  # a home that does not exist: said, the dialog stays
        await pilot.press("enter")
        await wait_text(pilot, "无法使用这个路径")
        box.value = str(tmp_path / "out")  # a directory: the file keeps its name
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("已导出 2 道错题到 " + str(tmp_path / "out") in str(n.message)
                                          for n in notifications(app)))

    (tmp_path / "out").mkdir()
    run_app(library, body)
    exports = list((tmp_path / "out").glob("错题本-*.csv"))
    assert len(exports) == 1
    rows = list(csv.reader(exports[0].read_text(encoding="utf-8-sig").splitlines()))
    assert {r[0] for r in rows[1:]} == {"jn-001", "jn-003"}


def test_wrongbook_empty_state(library):
    async def body(app, pilot):
        await pilot.press("w")
        await wait_text(pilot, "错题本是空的")

    run_app(library, body)


def test_setup_offers_starred_and_wrong_questions(library):
    from cskexam.services.practice import Practice

    p = Practice(library)
    qs = {q.id: q for q in p.questions()}
    p.toggle_star("jn-004")
    p.answer(qs["jn-001"], "D")
    p.answer(qs["jn-002"], "B")

    async def body(app, pilot):
        await pilot.press("p")
        text = await wait_text(pilot, "选择练习范围", "★ 收藏的题目")  # the scopes come from a worker
        assert "★ 收藏的题目  1 题" in text and "✗ 错题本中的题目  2 题" in text
        await pilot.press("down", "enter")  # ★ 收藏的题目
        text = await wait_text(pilot, "范围: 收藏的题目")
        assert [q.id for q in app.screen.questions] == ["jn-004"]
        await pilot.press("escape")  # out of the 填空 answer box; a second Esc would go back
        assert app.screen.SCREEN_NAME == "practice"
        await pilot.press("s", "down", "down", "enter")  # ✗ 错题本中的题目
        await wait_text(pilot, "范围: 错题本中的题目")
        assert {q.id for q in app.screen.questions} == {"jn-001", "jn-002"}
        assert app.screen.question.id == "jn-002"  # 宏观环境分析 comes first in the notes
        await pilot.press("a", "c", "enter")
        await wait_text(pilot, "✓ 回答正确")

    run_app(library, body)
    from cskexam.storage import question_repo

    with library.db.session() as s:
        modes = [a.mode for a in question_repo.answers_of(s, "jn-002")]
    assert modes == ["practice", "wrongbook"]


def test_scope_list_shows_done_and_accuracy_per_chapter(library):
    from cskexam.services.practice import Practice

    p = Practice(library)
    qs = {q.id: q for q in p.questions()}
    p.answer(qs["jn-001"], "B")  # right
    p.answer(qs["jn-003"], "对")  # wrong

    async def body(app, pilot):
        await pilot.press("p")
        text = await wait_text(pilot, "已做 2")
        assert "正确率 50%" in text

    run_app(library, body)


def test_wrongbook_filters_by_type_and_chapter(library):
    from cskexam.services.practice import Practice

    p = Practice(library)
    qs = {q.id: q for q in p.questions()}
    p.answer(qs["jn-001"], "A")  # 单选, wrong
    p.answer(qs["jn-003"], "对")  # 判断, wrong

    async def body(app, pilot):
        await pilot.press("w")
        await wait_text(pilot, "共 2 题")
        screen = app.screen
        await pilot.press("y")
        await wait_for(pilot, lambda: len(screen.entries) == 1 and screen.type_filter is not None)
        kind = screen.type_filter
        assert all(e.question.type == kind for e in screen.entries)
        assert f"筛选：{kind}" in screen_text(app)
        while screen.type_filter is not None:  # cycles back to all
            await pilot.press("y")
            await pilot.pause()
        await pilot.press("z")
        await wait_for(pilot, lambda: screen.chapter_filter is not None)
        assert all(screen.chapters[e.question.id] == screen.chapter_filter for e in screen.entries)

    run_app(library, body)


def test_a_scope_continues_where_it_was_left(library):
    # 继续上次: leave a chapter's round after one answer; Enter on it later goes on from the next question.
    async def body(app, pilot):
        await pilot.press("p")
        await wait_text(pilot, "选择练习范围", "全部章节")  # the scopes come from a worker
        await pilot.press("enter")  # 全部章节
        await wait_text(pilot, "第 1/")
        first = app.screen.question
        if app.focused is not None:
            await pilot.press(*"答案", "enter")
        else:
            await pilot.press("a", "enter")
        await wait_for(pilot, lambda: app.screen.outcome is not None)
        await pilot.press("escape")
        await pilot.press("p")
        text = await wait_text(pilot, "上次做到第 2/")
        assert "Enter 继续" in text
        await pilot.press("enter")
        await wait_text(pilot, "第 2/")
        assert app.screen.question.id != first.id
        await pilot.press("escape")
        await pilot.press("p")
        await wait_text(pilot, "上次做到第 2/")
        await pilot.press("b")  # from the start
        await wait_text(pilot, "第 1/")

    run_app(library, body)


def test_answer_sheet_shows_results_and_jumps(library):
    async def body(app, pilot):
        open_ids(app, ["jn-001", "jn-003", "jn-002"])
        await wait_text(pilot, "第 1/3 题")
        await pilot.press("b", "enter")  # right
        await wait_text(pilot, "✓ 回答正确")
        await pilot.press("j")
        text = await wait_text(pilot, "答题卡")
        assert "1✓" in text and "2·" in text and "答对 1" in text
        await pilot.press("3", "enter")
        await wait_text(pilot, "第 3/3 题")

    run_app(library, body)


def test_starred_screen_lists_practises_and_unstars(library):
    from cskexam.services.practice import Practice

    p = Practice(library)
    p.toggle_star("jn-001")
    p.toggle_star("jn-003")

    async def body(app, pilot):
        await pilot.press("b")
        text = await wait_text(pilot, "共 2 题")
        assert "指提供不同的产品以满足相同需求的竞争者是" in text
        await pilot.press("p")
        await wait_text(pilot, "第 1/2 题")
        await pilot.press("escape")
        await wait_text(pilot, "共 2 题")
        await pilot.press("f")
        await wait_text(pilot, "共 1 题")

    run_app(library, body)
    assert len(Practice(library).starred()) == 1


def test_input_boxes_say_esc_leaves_them_and_question_mark_opens_help_from_search(library):
    # Fault: in 填空 the letters went into the box and nothing said Esc leaves it; ? was typed into search.
    async def body(app, pilot):
        open_ids(app, ["jn-004"])
        await wait_text(pilot, "微观环境分析简称")
        await wait_text(pilot, "esc 离开输入框")  # the footer says how to leave the box
        await pilot.press("m", "v")  # typed, not 背题模式 / 查看要点
        assert app.screen.query_one("#q-fill").value == "mv"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen.focused is None)
        await pilot.press("slash")
        await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "search")
        await pilot.press("question_mark")
        await wait_text(pilot, "帮助 · 按键")
        assert "?" not in app.screen_stack[-2].query_one("#search-input").value

    run_app(library, body)


def test_the_header_shows_the_rounds_own_type_filter(library):
    # Fault: a round from the 错题本 kept showing the type filter chosen before in 章节练习.
    async def body(app, pilot):
        await pilot.press("p")
        await wait_text(pilot, "选择练习范围")
        await pilot.press("y")  # 单选 only, then leave without starting
        await wait_for(pilot, lambda: app.screen.type_filter is not None)
        open_ids(app, ["jn-003"])
        await wait_text(pilot, "第 1/1 题")
        assert "全部题型" in screen_text(app)

    run_app(library, body)
