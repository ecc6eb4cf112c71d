"""Parser rules on small notes written the way candidates paste them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskexam.core.errors import NotesError
from cskexam.core.notes import NoteSource, decode_note_bytes, parse_notes
from cskexam.core.notes.markers import cn_to_int, find_markers
from cskexam.core.notes.normalize import normalize_line


def parse(text: str, name: str = "notes.txt"):
    return parse_notes([NoteSource(name, text)])


def kids(graph, title):
    node = graph.find(title)[0]
    return [c.title for c in graph.children(node.id)]


def test_chinese_numerals():
    assert [cn_to_int(x) for x in ("一", "十", "十二", "二十", "二十三", "7")] == [1, 10, 12, 20, 23, 7]


def test_normalise_full_width_control_and_ansi():
    assert normalize_line("（一）、宏观环境：\x1b[31m市场\x1b[0m\x07人口") == "(一)、宏观环境:市场人口"
    assert normalize_line("①  第一\t要素  IT  企业") == "① 第一要素 IT 企业"


def test_markers_of_every_style():
    line = "第一章总论第一节环境一、研究(一)宏观(1)人口1、经济2.1 部门3-1:内容①要点A:甲•乙"
    styles = [m.style for m in find_markers(line)]
    for style in ("chapter", "section", "cn", "pcn", "pnum", "num_dun", "dotted", "dashed", "circled", "letter", "bullet"):
        assert style in styles


def test_run_on_line_splits_only_where_numbering_continues():
    g = parse("笔记\n笔记\n(一)宏观环境:1、市场人口:人口是第1要素2、经济环境、3、技术环境:科技是第3生产力5、多余")
    assert kids(g, "宏观环境") == ["市场人口", "经济环境", "技术环境"]
    assert "5、多余" in g.find("技术环境")[0].text


def test_levels_follow_first_appearance_not_a_fixed_table():
    text = "讲义\n1. 总则\n(1) 甲\n(2) 乙\n2. 分则\n(1) 丙"
    g = parse(text, "讲义.txt")
    assert kids(g, "总则") == ["甲", "乙"] and kids(g, "分则") == ["丙"]
    text = "讲义\n(1) 总则\n1. 甲\n2. 乙\n(2) 分则\n1. 丙"
    g = parse(text, "讲义.txt")
    assert kids(g, "总则") == ["甲", "乙"] and kids(g, "分则") == ["丙"]


def test_title_repeated_in_body_is_cut():
    g = parse("公司\n公司\n一、总经理办公室总经理办公室是核心领导机构。\n二、市场部市场部是营销部门。")
    node = g.find("总经理办公室")[0]
    assert node.text == "总经理办公室是核心领导机构。"
    assert kids(g, "公司") == ["总经理办公室", "市场部"]


def test_count_recorded_and_mismatch_flagged():
    g = parse("复习\n复习\n1、服务的四大特性:无形性、不可分性、易消失性")
    node = g.find("服务的四大特性")[0]
    assert node.count == 4
    assert node.flags == [{"kind": "count_mismatch", "stated": 4, "found": 3}]
    assert node.blocks_items
    assert [c.title for c in g.children(node.id)] == ["无形性", "不可分性", "易消失性"]


def test_markdown_headings_and_lists():
    md = "# 第一章 客户服务\n\n## 服务的特性\n\n- 无形性\n- 不可分性\n\n## 着装\n\n1. 整洁\n2. 大方\n"
    g = parse(md, "notes.md")
    assert [d.title for d in g.documents()] == ["第一章客户服务"]
    assert kids(g, "服务的特性") == ["无形性", "不可分性"]
    assert kids(g, "着装") == ["整洁", "大方"]


def test_uppercase_bracket_text_is_kept_literally():
    g = parse("题\n题\n1、选项:[A] 正确,a[i] 与 [/] 都是文字")
    assert g.find("选项")[0].text == "[A] 正确,a[i] 与 [/] 都是文字"


def test_gbk_file_is_decoded():
    data = "客户服务\n1、无形性".encode("gbk")
    assert decode_note_bytes(data, "x.txt").startswith("客户服务")


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x01\x02binary", b"\xff\xfe\xfa\xfb\xfc" * 3])
def test_unreadable_files_raise_a_notes_error(data):
    with pytest.raises(NotesError) as info:
        decode_note_bytes(data, "bad.txt")
    assert "bad.txt" in str(info.value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三第章节部分()、.:;。,1234ABC•-#市场人口\n [ ]指是P五大")) | st.characters(), max_size=200))
def test_parser_never_crashes(text):
    graph = parse(text)
    for node in graph:
        assert node.title
        if node.parent:
            assert node.id in graph.get(node.parent).children
