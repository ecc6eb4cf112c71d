"""Questions from notes written in another hand: asides, reminders, sub-lists, sibling lists."""

import random

import pytest

from cskexam.core.grading import grade
from cskexam.core.notes.parser import NoteSource, parse_notes
from cskexam.core.questions import generate_questions

NOTES = """# 第五章 门店服务管理（自用笔记）

## 一、门店服务的要求
门店服务的要求：
1. 环境整洁：店内保持干净卫生
2. 响应迅速：顾客提出需求后马上回应
3. 态度友好：微笑接待每一位顾客
4. 承诺可信：不随意许诺做不到的事
记：“洁、速、友、信” 四个字

## 二、门店问题的来源
1）商品缺货
2）收银差错：多收、少找、漏扫
3）导购失误
4）顾客误会
口诀：“货、银、导、误”

## 三、店员的能力要求
沟通能力：表达清楚、善于倾听、语气温和
应变能力：临场不乱、灵活处理、及时上报
专业能力：熟悉商品、熟悉流程、熟悉系统
（考点：三种能力，案例题常考“及时上报”）

## 四、接待的方法
1、迎客方法：主动问候、目光接触
2、推荐方法：先问需求
3、送客方法：道谢道别、提醒带好物品
4、补救方法：及时道歉

## 五、会员管理
会员的等级：普通会员、银卡会员、金卡会员、钻石会员（共四种）
其中钻石会员是门店最看重的
"""


@pytest.fixture(scope="module")
def questions():
    graph = parse_notes([NoteSource("store.md", NOTES)])
    return generate_questions(graph, random.Random(3))


def test_no_question_is_built_on_an_aside_or_a_reminder(questions):
    for q in questions:
        text = q.stem + str(q.answer)
        assert "记:" not in text and "记：" not in text and "口诀" not in text and "考点" not in text, q.stem
        assert not q.stem.startswith(("(", "（")) or q.stem.startswith("（ ）"), q.stem


def test_blanks_hold_clean_whole_words(questions):
    for q in questions:
        if q.type == "填空":
            assert not str(q.answer).startswith(("其中", "否")), q.stem
            assert "是____" not in q.stem or "是否" not in q.stem


def test_a_joined_sentence_names_what_it_is_about(questions):
    (q,) = [q for q in questions if q.type == "填空" and q.answer == "钻石会员"]
    assert q.stem.startswith("会员的等级中，")


def test_short_answers_only_on_main_lists(questions):
    shorts = {q.stem for q in questions if q.type == "简答"}
    assert any("门店问题的来源" in s and "共4项" in s for s in shorts)  # a mnemonic makes it whole
    assert not any("收银差错" in s for s in shorts)  # a sub-list of one cause


def test_sibling_lists_are_asked_with_their_heading(questions):
    multi = [q for q in questions if q.type == "多选" and "沟通能力" in q.stem]
    assert multi and all("店员的" in q.stem for q in multi)
    for q in multi:
        assert len(q.options) == 5 and 2 <= len(q.answer) <= 3
    for q in questions:
        if q.type == "填空" and "应变能力" in q.stem:
            assert "店员的应变能力" in q.stem


def test_fill_accepts_gloss_and_initial_forms_only():
    assert grade("填空", "补救", "R补救(Remedy)").correct
    assert grade("填空", "Remedy", "R补救(Remedy)").correct
    assert grade("填空", "神秘顾客", "神秘顾客（暗访）").correct
    assert not grade("填空", "补", "R补救(Remedy)").correct
    assert not grade("填空", "神秘", "神秘顾客（暗访）").correct


def test_fill_accepts_the_notes_fuller_term(bundled_graph):
    qs = generate_questions(bundled_graph, random.Random(1), kinds=["cloze_sentence"])
    (q,) = [q for q in qs if q.answer == "人口"]
    assert q.grade("市场人口").correct and q.grade("人口").correct and not q.grade("市场").correct


def test_entries_of_one_kind_are_a_list_though_some_have_lists_of_their_own(questions):
    shorts = [q for q in questions if q.type == "简答" and "接待的方法" in q.stem]
    assert len(shorts) == 1
    assert [p.point for p in shorts[0].points] == ["迎客方法", "推荐方法", "送客方法", "补救方法"]


def test_a_divided_heading_is_asked_by_its_subject():
    notes = "# 笔记\n\n## 一、门店的成长\n门店的成长分为三个时期：起步期、扩张期、成熟期\n"
    qs = generate_questions(parse_notes([NoteSource("grow.md", notes)]), random.Random(1))
    assert any(q.type == "简答" and q.stem == "门店的成长的时期有哪些（共3项）？" for q in qs), [q.stem for q in qs]
