"""OCR text spaces out characters and punctuation; the outline must still see its markers."""

from __future__ import annotations

from cskexam.core.notes.normalize import normalize_line
from outline_helpers import parse, kids, titles


def test_spaced_chapter_and_item_markers_are_read_as_markers():
    text = (
        "社会工作考点整理\n一 、个案工作\n1 . 接案：了解求助者的来意。\n2 . 预估：收集资料并分析问题。\n"
        "二 、 小 组 工 作\n小组工作的含义：以小组为单位开展服务。\n( 1)互动原则\n( 2)民主原则\n三、社区工作\n"
    )
    g = parse(text)
    assert kids(g, "个案工作") == ["接案", "预估"]
    assert kids(g, "小组工作") == ["互动原则", "民主原则"]
    assert "社区工作" not in kids(g, "小组工作")
    assert not any(" " in t for t in titles(g))


def test_spaces_go_only_where_ocr_put_them():
    assert normalize_line("原则 ：公平 、公正") == "原则:公平、公正"  # NFKC folds the full-width colon
    assert normalize_line("( 1) 及时原则") == "(1) 及时原则"
    # English and numbers keep their spaces.
    assert normalize_line("SERVQUAL 模型 : five gaps , A . B") == "SERVQUAL 模型: five gaps , A . B"
    assert normalize_line("2024 年 3 月") == "2024 年 3 月"


def test_a_counted_sentence_with_an_aspect_particle_keeps_its_first_item_whole():
    g = parse("客服笔记\n一、呼叫中心\n呼叫中心的发展经历了人工热线、自动语音应答、计算机电话集成、多媒体联络中心四个阶段。\n")
    assert kids(g, "呼叫中心")[0] == "人工热线"


def test_a_mnemonic_written_beside_a_bold_or_plain_heading_is_its_mnemonic():
    for line in ("**服务质量的五个维度** 记忆：有可响保移", "**服务质量的五个维度**记忆：有可响保移",
                 "服务质量的五个维度口诀：有可响保移"):
        g = parse(f"# 笔记\n## 考点\n{line}\n- 有形性\n- 可靠性\n- 响应性\n- 保证性\n- 移情性\n", "笔记.md")
        heading = g.find("服务质量的五个维度")[0]
        assert heading.mnemonic == "有可响保移", line
        assert kids(g, "服务质量的五个维度")[0] == "有形性"
    # 记忆 as an ordinary word keeps its sentence.
    g = parse("# 笔记\n## 学习方法\n加强记忆：反复练习\n", "笔记.md")
    assert not any(n.mnemonic for n in g)
