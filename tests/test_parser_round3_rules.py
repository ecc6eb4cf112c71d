"""Rules learnt from a fifth examiner's notes: counts written the bookish way
(特点有三, 有兩項), lead-ins after a remark, sub-lists named inside an answer,
and the other forms below. The examples are written for these tests."""

from __future__ import annotations

from outline_helpers import kids, node, parse


def test_a_count_with_no_unit_and_a_traditional_two_are_counts():
    text = (
        "心理笔记\n## 注意的品质\n注意的品质有四：\n* 广度\n* 稳定性\n* 分配\n* 转移\n"
        "## 記憶的分類\n記憶的分類有兩項：\n- 外顯記憶\n- 內隱記憶\n"
    )
    g = parse(text, "notes.md")
    assert node(g, "注意的品质").count == 4
    assert kids(g, "記憶的分類") == ["外顯記憶", "內隱記憶"] and node(g, "記憶的分類").count == 2


def test_a_lead_in_after_a_remark_counts_the_items_below():
    text = "心理笔记\n## 感觉记忆的特点\n感觉记忆保持的时间极短。其特点有三：\n1. 形象鲜明\n2. 容量较大\n3. 保存时间短\n"
    g = parse(text, "notes.md")
    assert kids(g, "感觉记忆的特点") == ["形象鲜明", "容量较大", "保存时间短"]
    assert node(g, "感觉记忆的特点").count == 3
