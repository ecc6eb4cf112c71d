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


def test_a_counted_answer_with_表现为_names_its_items_not_its_subject():
    text = "教育学简答\n1.简述学习动机的表现形式。\n答：学习动机主要表现为学习兴趣、学习态度和学习热情三种。\n"
    g = parse(text)
    assert kids(g, "简述学习动机的表现形式") == ["学习兴趣", "学习态度", "学习热情"]
    assert node(g, "简述学习动机的表现形式").count == 3


def test_a_sub_list_saying_what_an_item_asks_for_belongs_to_that_item():
    text = (
        "教育学简答\n2.上课的环节有哪些？\n答：组织教学、检查复习、讲授新课、巩固新课四个环节。\n"
        "其中讲授新课要做好两方面工作：讲清概念、举出例子\n"
    )
    g = parse(text)
    assert kids(g, "上课的环节有哪些") == ["组织教学", "检查复习", "讲授新课", "巩固新课"]
    assert node(g, "上课的环节有哪些").count == 4
    assert kids(g, "讲授新课") == ["讲清概念", "举出例子"] and node(g, "讲授新课").count == 2


def test_a_judgement_section_with_a_remark_in_brackets_leaves_the_answer_above():
    text = (
        "教育学简答\n第四章 德育\n11.常用的德育方法有哪些？\n答：说服教育法、榜样示范法、情感陶冶法、实际锻炼法。\n"
        "记：“说榜陶锻”\n\n辨析题（先判断再说理由）：\n1.德育就是思想教育。（×）\n理由：德育还包括政治教育。\n"
        "2.德育过程是长期的。（√）\n"
    )
    g = parse(text)
    assert kids(g, "常用的德育方法有哪些") == ["说服教育法", "榜样示范法", "情感陶冶法", "实际锻炼法"]
    assert node(g, "常用的德育方法有哪些").mnemonic == "说榜陶锻"


def test_a_heading_closed_by_the_name_of_its_model_keeps_its_list():
    text = (
        "人力笔记\n一、激励理论的四个层次（马氏模型）\n生理、安全、社交、尊重\n"
        "二、绩效面谈的类型（按目的分）\n评价面谈、计划面谈\n三、沟通的方式（书面、口头）\n"
    )
    g = parse(text)
    assert kids(g, "激励理论的四个层次(马氏模型)") == ["生理", "安全", "社交", "尊重"]
    assert kids(g, "绩效面谈的类型(按目的分)") == ["评价面谈", "计划面谈"]


def test_a_其中_clause_and_a_flow_of_steps_cut_by_the_page_are_joined():
    text = (
        "客服笔记\n一、投诉渠道的构成\n投诉渠道一般由电话渠道、网络渠道和现场渠道三部分构成。其中网络\n"
        "渠道又包括：邮件、在线客服、留言板\n二、回访的流程\n确定对象—准备话术—拨打电话—\n记录结果—跟进问题\n"
    )
    g = parse(text)
    assert kids(g, "投诉渠道的构成") == ["电话渠道", "网络渠道", "现场渠道"]
    assert kids(g, "网络渠道") == ["邮件", "在线客服", "留言板"]
    assert kids(g, "回访的流程") == [] and node(g, "回访的流程").text.endswith("跟进问题")


def test_a_remark_in_a_mind_map_is_its_branch_text_not_an_item():
    text = (
        "项目管理（导图）\n\t质量管理\n\t\t质量与等级\n\t\t\t质量：满足要求的程度\n\t\t\t等级：级别分类\n"
        "\t\t\t注：等级低不一定是问题\n\t\t质量成本\n\t\t\t一致性成本\n\t\t\t非一致性成本\n\t\t\t易考：返工属于内部失败成本\n"
        "\t进度管理\n\t\t关键路径\n\t\t总浮动时间\n"
    )
    g = parse(text)
    assert kids(g, "质量与等级") == ["质量", "等级"] and "等级低" in node(g, "质量与等级").text
    assert kids(g, "质量成本") == ["一致性成本", "非一致性成本"] and "返工" in node(g, "质量成本").text


def test_a_quoted_word_to_remember_in_brackets_after_a_list_is_its_mnemonic():
    text = (
        "导游笔记\n一、园林\n古典园林四大构景要素：山石、水体、建筑、花木（记“山水建花”）\n"
        "二、其他\n园林的功能有：观赏、休憩、教化（可记作“观休教”）\n"
    )
    g = parse(text)
    assert kids(g, "古典园林四大构景要素") == ["山石", "水体", "建筑", "花木"]
    assert node(g, "古典园林四大构景要素").mnemonic == "山水建花"
    assert kids(g, "园林的功能") == ["观赏", "休憩", "教化"] and node(g, "园林的功能").mnemonic == "观休教"


def test_a_list_line_after_a_remark_is_the_headings_list_but_a_sentence_is_not():
    text = (
        "导游笔记\n六、古代桥梁\n   原稿缺了一行，下面几条是“四大名桥”\n"
        "赵州桥（河北）、卢沟桥（北京）、洛阳桥（福建）、广济桥（广东）\n\n"
        "七、市场部门\n市场部门负责推广和销售。\n市场部门的职责包括调研、策划、推广、客户关系管理等。\n"
    )
    g = parse(text)
    assert kids(g, "古代桥梁") == ["赵州桥(河北)", "卢沟桥(北京)", "洛阳桥(福建)", "广济桥(广东)"]
    assert "四大名桥" in node(g, "古代桥梁").text
    assert kids(g, "市场部门") == []


def test_modifiers_ending_in_的_describe_one_noun_and_are_no_list():
    text = (
        "心理笔记\n## 气质类型\n1. 类型\n   - 胆汁质：一种直率的、热情的、容易冲动的气质类型\n"
        "   - 抑郁质：一种敏感、孤僻的气质类型\n"
    )
    g = parse(text, "notes.md")
    assert kids(g, "胆汁质") == [] and node(g, "胆汁质").text.startswith("一种直率的")


def test_a_mnemonic_with_one_group_per_list_belongs_to_the_lists_parent():
    text = (
        "# 會計筆記\n## 一、會計等式\n按用途可分為兩類：\n\n1. 靜態要素：資產、負債、權益\n"
        "2. 動態要素：收入、費用、利潤\n\n口訣：「資負權，收費利」\n"
    )
    g = parse(text, "notes.md")
    assert node(g, "按用途可分為兩類").mnemonic == "資負權,收費利"
    assert not node(g, "動態要素").mnemonic
