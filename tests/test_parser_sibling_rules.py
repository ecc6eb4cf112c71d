"""Rules found on notes the parser had not seen: where a heading that follows a
list goes, where true/false statements hang, mnemonics written after a dash,
and counted sentences whose count comes after the items."""

from __future__ import annotations

from cskexam.core.graph import TITLE_TRUNCATED
from outline_helpers import parse, node, kids


def parent_title(graph, title):
    return graph.nodes[node(graph, title).parent].title


def test_a_dash_mnemonic_after_a_bare_heading_is_the_heading_mnemonic():
    text = ("服务质量笔记\n一、服务质量的内涵\n服务质量是客户对服务的总体评价。\n"
            "服务质量的五个维度——口诀\"有可响保移\"\n1、有形性\n2、可靠性\n3、响应性\n4、保证性\n5、移情性\n")
    g = parse(text)
    n = node(g, "服务质量的五个维度")
    assert n.mnemonic == "有可响保移" and n.count == 5
    assert kids(g, "服务质量的五个维度") == ["有形性", "可靠性", "响应性", "保证性", "移情性"]
    assert parent_title(g, "服务质量的五个维度") == "服务质量的内涵"


def test_a_dash_mnemonic_after_a_numbered_heading_is_no_truncation():
    text = "改进笔记\n一、服务质量改进\n1、服务质量改进的方法与工具——口诀：戴明转圈，计划执行检查处理\n（1）计划\n（2）执行\n"
    g = parse(text)
    n = node(g, "服务质量改进的方法与工具")
    assert n.mnemonic.startswith("戴明转圈")
    assert not any(f["kind"] == TITLE_TRUNCATED for f in n.flags)


def test_a_heading_that_states_its_count_with_you_keeps_its_whole_title():
    text = "差距笔记\n一、服务质量差距\n服务质量差距模型有五个差距\n1、认知差距\n2、标准差距\n3、交付差距\n4、沟通差距\n5、感知差距\n"
    g = parse(text)
    assert [n.title for n in g if n.title.startswith("服务质量")][:2] == ["服务质量差距", "服务质量差距模型有五个差距"]
    assert node(g, "服务质量差距模型有五个差距").count == 5


def test_a_colon_heading_after_leaf_items_is_their_sibling():
    text = ("管理学笔记\n一、管理理论的演进\n1、古典管理理论\n2、行为科学理论\n3、现代管理理论\n"
            "组织理论的发展：\n1、古典组织理论\n2、现代组织理论\n二、计划\n")
    g = parse(text)
    assert kids(g, "管理理论的演进") == ["古典管理理论", "行为科学理论", "现代管理理论", "组织理论的发展"]
    assert kids(g, "组织理论的发展") == ["古典组织理论", "现代组织理论"]


def test_a_colon_heading_after_an_inline_list_line_is_its_sibling():
    text = ("改进笔记\n四、服务质量改进\n持续改进的三大支柱：领导承诺、全员参与、过程管理\n服务标准化的作用：\n"
            "1、保证服务质量稳定\n2、提高服务效率\n")
    g = parse(text)
    assert kids(g, "持续改进的三大支柱") == ["领导承诺", "全员参与", "过程管理"]
    assert parent_title(g, "服务标准化的作用") == "服务质量改进"


def test_a_colon_heading_under_a_fresh_item_stays_under_it():
    text = "客户笔记\n一、客户信息\n1、客户信息的收集\n2、客户分类\n按价值分：\n（1）高价值客户\n（2）低价值客户\n"
    g = parse(text)
    assert parent_title(g, "按价值分") == "客户分类"


def test_a_true_false_statement_under_a_list_heading_is_not_one_of_its_items():
    text = ("秘書笔记\n第三節 會後工作\n一、會議紀要的特點：紀實性、概括性、條理性\n會議紀要與會議記錄是同一種文書。（×）\n"
            "二、學習動機的培養與激發\n1.培養：滿足學生的需要。\n2.激發：創設問題情境。\n學習動機越強，學習效果越好。（×）\n")
    g = parse(text)
    assert kids(g, "會議紀要的特點") == ["紀實性", "概括性", "條理性"]
    assert kids(g, "學習動機的培養與激發") == ["培養", "激發"]
    statements = [n for n in g if any(f["kind"] == "false_statement" for f in n.flags)]
    assert len(statements) == 2


def test_a_colon_line_naming_a_noun_is_a_heading_even_when_it_holds_you():
    text = ("心理学笔记\n2.奥苏伯尔的有意义接受学习理论\n有意义学习的条件：\n（1）学习材料本身必须具有逻辑意义\n"
            "（2）学习者必须具有有意义学习的心向\n")
    g = parse(text)
    assert kids(g, "有意义学习的条件") == ["学习材料本身必须具有逻辑意义", "学习者必须具有有意义学习的心向"]
    assert parent_title(g, "有意义学习的条件") == "奥苏伯尔的有意义接受学习理论"


def test_a_lead_in_ending_in_you_gives_its_bullets_to_the_heading_above():
    md = "# 绩效\n\n### 绩效改进\n\n| 步骤 | 内容 |\n|---|---|\n| 分析 | 找差距 |\n\n绩效改进的方法有：\n- 卓越绩效模式\n- 六西格玛管理\n- 标杆超越\n"
    g = parse(md, "a.md")
    assert kids(g, "绩效改进") == ["卓越绩效模式", "六西格玛管理", "标杆超越"]


def test_a_counted_sentence_whose_last_clause_names_the_list():
    text = "知识笔记\n一、知识学习的类型\n根据知识本身的复杂程度，知识学习可以分为符号学习、概念学习和命题学习三类。\n二、技能\n"
    g = parse(text)
    assert kids(g, "知识学习的类型") == ["符号学习", "概念学习", "命题学习"]
    assert node(g, "知识学习的类型").count == 3


def test_a_counted_sentence_with_a_noun_after_the_unit():
    text = "會議笔记\n一、會後工作\n會後工作包括清理會場、整理文件、會議總結三項工作。\n二、會議紀要\n"
    g = parse(text)
    assert kids(g, "會後工作") == ["清理會場", "整理文件", "會議總結"]
    assert node(g, "會後工作").count == 3


def test_explanations_after_items_stay_their_body():
    text = ("补救笔记\n三、服务补救\n服务补救的步骤：\n1、道歉。承认问题，表示歉意，让客户感到被尊重。\n"
            "2、快速纠正。采取措施，弥补失误，防止扩大。\n3、补偿：给予物质补偿、精神补偿、积分补偿。\n")
    g = parse(text)
    assert kids(g, "服务补救的步骤") == ["道歉", "快速纠正", "补偿"]
    assert all(not kids(g, t) for t in ("道歉", "快速纠正"))


def test_an_inline_list_line_after_a_finished_list_is_a_list_beside_it():
    text = ("改进笔记\n四、服务质量改进\n服务质量改进的方法——口诀\"戴明转圈\"\n1、计划\n2、执行\n3、检查\n4、处理\n"
            "持续改进的三大支柱：领导承诺、全员参与、过程管理\n")
    g = parse(text)
    assert kids(g, "服务质量改进的方法") == ["计划", "执行", "检查", "处理"]
    assert parent_title(g, "持续改进的三大支柱") == "服务质量改进"
    assert kids(g, "持续改进的三大支柱") == ["领导承诺", "全员参与", "过程管理"]
