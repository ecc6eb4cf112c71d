"""Forms real notes are written in: OCR spacing, questions with answers, mnemonics beside headings, remarks."""

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
    g = parse("笔记\n一、历程\n服务经历过萌芽、发展、成熟三个阶段。\n")
    assert kids(g, "历程") == ["萌芽", "发展", "成熟"]


def test_a_first_item_that_starts_with_guo_keeps_it():
    """过 after 经历 is an aspect particle; after 分为 it begins the first item (过失性解除)."""
    g = parse("笔记\n一、用人单位单方解除\n用人单位单方解除劳动合同分为过失性解除、无过失性解除和经济性裁员三种。\n")
    assert kids(g, "用人单位单方解除") == ["过失性解除", "无过失性解除", "经济性裁员"]


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


def test_a_question_written_without_a_number_and_its_answer_make_one_node():
    text = (
        "客户服务问答\n一、投诉处理\n简述客户投诉的处理步骤。\n答：倾听、记录、分析、解决、跟踪。\n"
        "问：服务补救有哪些方式？\n答：道歉、补偿、跟进。\n"
        "1.客户满意度的影响因素有哪些？\n答：(1)产品质量(2)服务质量(3)价格\n二、呼叫中心\n"
    )
    g = parse(text)
    assert kids(g, "投诉处理") == ["简述客户投诉的处理步骤", "服务补救有哪些方式", "客户满意度的影响因素有哪些"]
    assert kids(g, "服务补救有哪些方式") == ["道歉", "补偿", "跟进"]
    assert kids(g, "客户满意度的影响因素有哪些") == ["产品质量", "服务质量", "价格"]
    assert not {"问", "答"} & set(titles(g))


def test_a_sentence_before_an_answer_that_asks_nothing_stays_body_text():
    g = parse("客服笔记\n一、服务补救\n服务补救要及时。\n答：这是老师的批注。\n")
    assert kids(g, "服务补救") == []


def test_a_remark_behind_a_bullet_is_body_text_not_an_item():
    for text, name in (("笔记\n一、维度\n1.有形性\n2.可靠性\n▲易混：可靠性与保证性不同。\n", "a.txt"),
                       ("# 笔记\n## 维度\n- 有形性\n- 可靠性\n\n★注意：两者不同。\n", "a.md")):
        g = parse(text, name)
        assert not any("易混" in t or "注意" in t for t in titles(g)), name
        assert len(g.find("可靠性")) == 1 and not kids(g, "可靠性")


def test_a_mnemonic_label_is_no_heading():
    g = parse("笔记\n一、服务的特征\n1、无形性\n2、不可分性\n首字口诀：无不\n", "a.txt")
    assert "首字" not in titles(g)
    assert g.find("服务的特征")[0].mnemonic == "无不"


def test_ocr_reads_the_first_bracketed_number_as_a_letter():
    g = parse("笔记\n一、沟通的要素\n(l)信息发送者\n（2）信息\n(3)信息接收者\n二、其他\n", "a.txt")
    assert kids(g, "沟通的要素") == ["信息发送者", "信息", "信息接收者"]


def test_a_bare_list_line_before_an_aside_is_still_the_headings_list():
    g = parse("笔记\n一、会议的类型\n例会、座谈会、报告会、讨论会\n注意：座谈会不同于讨论会。\n二、其他\n")
    assert kids(g, "会议的类型") == ["例会", "座谈会", "报告会", "讨论会"]


def test_an_adverb_before_the_counting_verb_is_no_part_of_the_name():
    g = parse("笔记\n一、会议\n会议规模一般分为三种：小型会议、中型会议、大型会议。\n二、其他\n")
    assert "会议规模一般" not in titles(g)
    assert kids(g, "会议规模") == ["小型会议", "中型会议", "大型会议"]


def test_a_page_mark_or_boxed_mnemonic_after_an_inline_list_is_the_lists():
    g = parse("证券笔记\n一、金融市场\n"
              "1. 金融市场的功能（4个）：聚敛、配置、调节、反映  【巧记：聚配调反】\n"
              "2. 优先股的特征（4点）：股息率固定、股息分派优先、剩余资产分配优先、一般无表决权   P58\n")
    assert kids(g, "金融市场的功能") == ["聚敛", "配置", "调节", "反映"]
    assert kids(g, "优先股的特征")[-1] == "一般无表决权"
    nodes = {n.title: n for n in g}
    assert nodes["金融市场的功能"].mnemonic == "聚配调反"
    assert nodes["优先股的特征"].page and "58" in nodes["优先股的特征"].page


def test_lines_after_a_blank_line_do_not_replace_the_list_on_a_headings_own_line():
    g = parse("证券笔记\n一、衍生工具\n35. 期权的要素：标的资产、执行价格、到期日、期权费\n\n"
              "【易混易错】\n股票是设权证券（×）\n\n（完）有问题群里@我\n")
    assert kids(g, "期权的要素") == ["标的资产", "执行价格", "到期日", "期权费"]
