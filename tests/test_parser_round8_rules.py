"""Rules learnt from a review of notes written by strangers: an item whose text
opens with a range of numbers (11.0～3岁…), a closing remark wholly in brackets
that names a chapter, and the ranking of a key point whose title holds the query.
The examples are written for these tests."""

from __future__ import annotations

from outline_helpers import kids, node, parse, titles


def test_an_item_whose_text_opens_with_a_range_continues_its_list():
    text = (
        "园艺问答\n一、果树的生长\n8.果树的根有哪些作用？\n答：固定、吸收、贮藏。\n"
        "9.果树的枝条分为哪几类？\n答：营养枝和结果枝两类。\n"
        "10.果树为什么要修剪？\n答：修剪可以调节生长与结果的关系。\n"
        "11.2～5年生的幼树应如何管理？\n答：以整形为主，轻剪多留。\n"
        "12.什么是大小年？\n答：结果多的年份与结果少的年份交替出现。\n"
    )
    g = parse(text)
    assert kids(g, "果树的生长") == [
        "果树的根有哪些作用", "果树的枝条分为哪几类", "果树为什么要修剪",
        "2~5年生的幼树应如何管理", "什么是大小年",
    ]
    assert not any(t.startswith("11") for t in titles(g))


def test_items_numbered_from_one_may_all_open_with_ranges():
    text = "园艺速记\n二、果树的年龄时期\n1.0～3年是幼树期。\n2.3～8年是初果期。\n3.8～30年是盛果期。\n三、果树的繁殖\n"
    g = parse(text)
    assert kids(g, "果树的年龄时期") == ["0~3年是幼树期", "3~8年是初果期", "8~30年是盛果期"]


def test_every_range_sign_opens_an_item_text_after_the_number():
    text = (
        "园艺速记\n二、果树的年龄时期\n1.嫁接苗\n2.实生苗\n3.0至3年是幼树期\n4.3到8年是初果期\n"
        "5.8-30年是盛果期\n6.30〜50年是衰老期\n三、果树的繁殖\n"
    )
    g = parse(text)
    assert kids(g, "果树的年龄时期") == [
        "嫁接苗", "实生苗", "0至3年是幼树期", "3到8年是初果期", "8-30年是盛果期", "30〜50年是衰老期",
    ]


def test_a_range_item_follows_its_list_within_a_run_on_line():
    text = "园艺速记\n一、修剪要点\n4.先看树形。5.再疏大枝。6.0～2年生枝条轻剪。\n二、施肥\n"
    g = parse(text)
    assert kids(g, "修剪要点") == ["先看树形", "再疏大枝", "0~2年生枝条轻剪"]


def test_a_decimal_range_outside_a_list_stays_a_number():
    text = "园艺速记\n一、幼树\n1.5～3年的幼树最怕干旱。\n幼树要勤浇水。\n二、成树\n"
    g = parse(text)
    assert kids(g, "幼树") == []
    assert "1.5~3年的幼树最怕干旱" in node(g, "幼树").text
    # nor does an item that does not continue the numbering take one
    g = parse("园艺速记\n一、幼树\n1.勤浇水\n2.多松土\n5.5～6月追肥一次。\n二、成树\n")
    assert kids(g, "幼树") == ["勤浇水", "多松土"]


def _kinds(graph):
    return {n.title: n.kind for n in graph if n.kind != "document"}


def test_a_closing_remark_in_brackets_names_a_chapter_but_is_none():
    text = (
        "园艺速记\n第一章 果树概述\n一、果树的概念\n果树是能生产果品的树木。\n"
        "（一）果树的特征\n1.多年生\n2.木本\n（下一篇：第三章 果树的病虫害）\n"
    )
    g = parse(text)
    chapters = [n.title for n in g if n.kind == "chapter"]
    assert chapters == ["果树概述"]
    assert kids(g, "果树的特征") == ["多年生", "木本"]
    assert not any("病虫害" in t for t in titles(g))
    # the bracketed heading marker keeps its heading
    assert kids(g, "果树的概念") == ["果树的特征"]


def test_an_emphasised_closing_remark_in_markdown_is_no_chapter():
    text = (
        "# 园艺速记\n\n## 第一章 果树概述\n\n### 一、果树的分类\n\n- 落叶果树\n- 常绿果树\n\n"
        "*（本篇到此，下一篇整理第二章的内容）*\n\n_(第四章留到下周)_\n"
    )
    g = parse(text, "notes.md")
    assert [n.title for n in g if n.kind == "chapter"] == ["果树概述"]
    assert not any(t.endswith((")*", ")_", "的内容)")) for t in titles(g))


def test_a_remark_in_square_brackets_is_no_section_but_a_bracketed_chapter_stays_one():
    text = (
        "园艺速记\n【第一章 果树概述】\n一、果树的分类\n1.落叶果树\n2.常绿果树\n"
        "【下篇预告：第二节 果树的繁殖】\n【第二章 果树的管理】\n一、修剪\n"
    )
    g = parse(text)
    assert [n.title for n in g if n.kind == "chapter"] == ["果树概述", "果树的管理"]
    assert not any(n.kind == "section" for n in g)
    assert not any("繁殖" in t for t in titles(g))
