"""Rules for notes that mix their shapes: a mind map pasted among numbered
sections, a lead-in that repeats its heading, a remark line after a run of
items, a heading with the basis of its classification in brackets, and a
mnemonic in brackets with its list on the same line."""

from __future__ import annotations

from outline_helpers import kids, node, parse, titles


def documents(graph):
    return [n.title for n in graph if n.kind == "document"]


def test_a_drawn_mind_map_before_numbered_sections_nests_and_the_sections_stay_beside_it():
    text = (
        "管理学复习\n管理的职能\n├─ 计划\n│  ├─ 目标\n│  └─ 方案\n├─ 组织\n│  └─ 组织结构\n└─ 控制\n"
        "   ├─ 事前控制\n   └─ 事后控制\n一、计划的含义\n计划是管理的首要职能。\n二、控制的含义\n控制是纠正偏差的过程。\n"
    )
    g = parse(text)
    assert documents(g) == ["管理学复习"]
    assert kids(g, "管理学复习") == ["管理的职能", "计划的含义", "控制的含义"]
    assert kids(g, "管理的职能") == ["计划", "组织", "控制"]
    assert kids(g, "计划") == ["目标", "方案"] and kids(g, "控制") == ["事前控制", "事后控制"]
    assert node(g, "计划的含义").text == "计划是管理的首要职能。"
    assert not any("├" in t or "│" in t for t in titles(g))


def test_a_tab_indented_mind_map_among_sections_nests_by_its_tabs():
    text = (
        "人力资源管理笔记\n绩效管理\n\t绩效计划\n\t\t目标设定\n\t\t指标设计\n\t绩效考评\n\t\t考评方法\n\t绩效反馈\n"
        "一、绩效管理的含义\n绩效管理是一个持续的过程。\n二、绩效考评的方法\n1、排序法\n2、配对比较法\n3、强制分布法\n"
    )
    g = parse(text)
    assert kids(g, "人力资源管理笔记") == ["绩效管理", "绩效管理的含义", "绩效考评的方法"]
    assert kids(g, "绩效管理") == ["绩效计划", "绩效考评", "绩效反馈"]
    assert kids(g, "绩效计划") == ["目标设定", "指标设计"]
    assert kids(g, "绩效考评的方法") == ["排序法", "配对比较法", "强制分布法"]


def test_indented_paragraphs_of_a_word_copy_are_no_mind_map():
    text = (
        "客户服务笔记\n一、客户服务的含义\n    客户服务是指企业为客户提供的各种帮助与支持，贯穿售前、售中和售后。\n"
        "    良好的客户服务能够提升客户满意度，并带来重复购买。\n二、客户服务的特征\n    无形性、不可分性、差异性、易逝性\n"
    )
    g = parse(text)
    assert kids(g, "客户服务笔记") == ["客户服务的含义", "客户服务的特征"]
    assert kids(g, "客户服务的特征") == ["无形性", "不可分性", "差异性", "易逝性"]


def test_a_bracket_before_the_colon_is_a_count_a_mnemonic_or_a_remark_and_the_list_follows_it():
    text = (
        "笔记\n第一章 员工关系\n一、员工关系层次（依举融自）：依赖、举荐、融合、自主\n"
        "二、控制的类型（按控制时点分）：事前控制、事中控制、事后控制\n第二章 物流\n"
        "物流的基本功能（7项）：运输、储存、装卸搬运、包装、流通加工、配送、信息处理\n"
        "激励的类型（按激励内容分）：物质激励、精神激励\n"
    )
    g = parse(text)
    assert kids(g, "员工关系层次") == ["依赖", "举荐", "融合", "自主"]
    assert node(g, "员工关系层次").mnemonic == "依举融自"
    assert kids(g, "控制的类型") == ["事前控制", "事中控制", "事后控制"]
    assert node(g, "控制的类型").mnemonic is None and "按控制时点分" in node(g, "控制的类型").text
    assert node(g, "物流的基本功能").count == 7 and len(kids(g, "物流的基本功能")) == 7
    assert kids(g, "物流") == ["物流的基本功能", "激励的类型"]
    assert kids(g, "激励的类型") == ["物质激励", "精神激励"]


def test_a_remark_of_sentences_after_an_inline_list_item_is_text_not_its_child():
    text = (
        "笔记\n三、需求预测的方法\n1.定性方法：德尔菲法、经验预测法、描述法\n2.定量方法：回归分析法、趋势外推法、比率分析法\n"
        "德尔菲法的特点：吸取众多专家的意见，避免个人判断的片面性；采用匿名的方式，使每位专家独立作出判断。\n"
    )
    g = parse(text)
    assert kids(g, "需求预测的方法") == ["定性方法", "定量方法"]
    assert kids(g, "定量方法") == ["回归分析法", "趋势外推法", "比率分析法"]
    assert "德尔菲法的特点" not in titles(g)


def test_a_lead_in_that_repeats_its_heading_gives_the_heading_its_count_and_items():
    for heading, lead in (
        ("一、服务质量的特性（重点）", "服务质量的特性（五个）："),
        ("（一）服务质量的特性", "服务质量的特性包括以下五个方面"),
        ("服务质量的特性", "服务质量的特性包括以下五个方面："),
        ("服务质量的特性", "服务质量的特性包括以下五个方面。"),
    ):
        text = f"笔记\n第一章 服务\n{heading}\n{lead}\n1、可靠性\n2、响应性\n3、保证性\n4、移情性\n5、有形性\n第二章 客户\n客户满意是感受。\n"
        g = parse(text)
        assert documents(g) == ["笔记"], (heading, lead)
        assert kids(g, "服务") == ["服务质量的特性"], (heading, lead)
        assert kids(g, "服务质量的特性") == ["可靠性", "响应性", "保证性", "移情性", "有形性"], (heading, lead)
        assert node(g, "服务质量的特性").count == 5, (heading, lead)


def test_a_lead_in_with_a_longer_subject_and_its_list_inline_is_a_list_of_its_own():
    g = parse("笔记\n二、客户满意度的测评\n1、测评方法\n客户满意度的测评方法有：问卷调查、深度访谈、神秘顾客\n")
    assert kids(g, "测评方法") == ["客户满意度的测评方法"]
    assert kids(g, "客户满意度的测评方法") == ["问卷调查", "深度访谈", "神秘顾客"]


def test_one_line_points_keep_bracketed_items_remarks_and_judgements_apart():
    text = (
        "仓储速记——一行一个考点\n【第1章 概论】\n系统的要素：一般要素（人员、资金、物资）、功能要素、支撑要素\n"
        "出库作业流程：核单、备货、复核出库（别漏了复核！）\n仓储企业必须拥有自己的仓库 ✗\n\n【第2章 配送】\n"
        "分拣的作业流程（4步）：接单、拣货、分货、集货\n记忆口诀——接拣分集\n"
        "---------------------------------------- p.2\n盘点的方法：永续盘点、循环盘点、定期盘点\n"
    )
    g = parse(text)
    assert documents(g) == ["仓储速记——一行一个考点"]
    assert kids(g, "系统的要素") == ["一般要素(人员、资金、物资)", "功能要素", "支撑要素"]
    assert kids(g, "出库作业流程") == ["核单", "备货", "复核出库"]
    assert any(n.title == "仓储企业必须拥有自己的仓库" and n.flags for n in g)
    assert kids(g, "分拣的作业流程") == ["接单", "拣货", "分货", "集货"]
    assert node(g, "分拣的作业流程").mnemonic == "接拣分集" and node(g, "分拣的作业流程").count == 4
    assert kids(g, "盘点的方法") == ["永续盘点", "循环盘点", "定期盘点"]


def test_answers_with_an_aside_in_the_question_a_page_after_it_initials_and_headings_of_their_own():
    text = (
        "简答背诵\n1.简述教学过程的规律。（P88）\n答：\n①间接经验与直接经验相结合；\n②教学的教育性规律。\n"
        "2.简述教师成长的阶段（福勒）。\n答：关注生存阶段、关注情境阶段、关注学生阶段。\n（生情学）\n"
        "3.简述学习动机的培养与激发。\n答：学习动机的培养：\n(1)利用学习的迁移；(2)培养成就动机。\n"
        "学习动机的激发：\n(1)创设问题情境；(2)正确指导归因。\n"
    )
    g = parse(text)
    assert node(g, "简述教学过程的规律").page == "P88"
    assert kids(g, "简述教学过程的规律") == ["间接经验与直接经验相结合", "教学的教育性规律"]
    asked = node(g, "简述教师成长的阶段(福勒)")
    assert kids(g, asked.title) == ["关注生存阶段", "关注情境阶段", "关注学生阶段"] and asked.mnemonic == "生情学"
    assert kids(g, "简述学习动机的培养与激发") == ["学习动机的培养", "学习动机的激发"]
    assert kids(g, "学习动机的激发") == ["创设问题情境", "正确指导归因"]


def test_a_stated_count_that_differs_from_the_items_is_flagged_with_every_item_kept():
    text = (
        "笔记\n服务质量的五个特性：可靠性、响应性、保证性、移情性、有形性、经济性\n"
        "服务质量的特性（五项）：可靠性、响应性、保证性、移情性\n二、其他\n其他内容。\n"
    )
    g = parse(text)
    six, four = [n for n in g if n.title in ("服务质量的五个特性", "服务质量的特性")]
    assert [g.nodes[c].title for c in six.children] == ["可靠性", "响应性", "保证性", "移情性", "有形性", "经济性"]
    assert six.flags == [{"kind": "count_mismatch", "stated": 5, "found": 6}]
    assert [g.nodes[c].title for c in four.children] == ["可靠性", "响应性", "保证性", "移情性"]
    assert four.flags == [{"kind": "count_mismatch", "stated": 5, "found": 4}]
    assert "其他" not in [g.nodes[c].title for c in four.children]


def test_bases_classes_and_lists_of_their_own_after_a_run_of_one_line_points():
    text = (
        "速记\n【第1章 仓储】\n仓储的分类：\n按对象分：普通仓储、特殊仓储\n按功能分：储存仓储、流通仓储\n"
        "ABC管理法（重点）\nA类：品种少、资金多\nB类：品种中、资金中\nC类：品种多、资金少\n"
        "订货方法：定量订货法、定期订货法\n各运输方式特点（巧记：铁大公灵）\n铁路：运量大、速度较快\n公路：机动灵活、门到门\n"
        "配送中心的类型：\n1)按服务范围：城市配送中心、区域配送中心\n2)按功能：供应型、销售型、储存型\n"
        "拣货方式：摘果式、播种式\n"
    )
    g = parse(text)
    assert kids(g, "仓储的分类") == ["按对象分", "按功能分"]
    assert kids(g, "按对象分") == ["普通仓储", "特殊仓储"]
    assert kids(g, "ABC管理法") == ["A类", "B类", "C类"] and kids(g, "A类") == []
    assert kids(g, "仓储") == ["仓储的分类", "ABC管理法", "订货方法", "各运输方式特点", "配送中心的类型", "拣货方式"]
    assert node(g, "各运输方式特点").mnemonic == "铁大公灵" and kids(g, "各运输方式特点") == ["铁路", "公路"]
    assert kids(g, "按功能") == ["供应型", "销售型", "储存型"]


def test_a_heading_cut_after_a_function_word_is_joined_and_a_quiz_label_stands_alone():
    text = (
        "复习要点\n第三章 招聘\n一、员工招聘中常用的笔试类型及其\n划分标准（P60）\n（一）知识测试\n（二）能力测试\n"
        "二、薪酬调查的方式：企业之间相互调查、委托中介机构调查、采集社会公开信息\n\n易错判断\n"
        "1.组织结构设计时应先定岗再定员。（√）\n2.工资总额中不包括奖金。（×）\n"
    )
    g = parse(text)
    assert node(g, "员工招聘中常用的笔试类型及其划分标准").page == "P60"
    assert kids(g, "员工招聘中常用的笔试类型及其划分标准") == ["知识测试", "能力测试"]
    assert kids(g, "薪酬调查的方式") == ["企业之间相互调查", "委托中介机构调查", "采集社会公开信息"]


def test_an_answer_that_counts_a_pair_and_opens_one_of_them_gives_that_item_its_items():
    g = parse("简答\n11.简述问题解决的策略。\n答：算法式和启发式两类。其中启发式又包括：逆向反推法、爬山法、类比思维。\n")
    assert kids(g, "简述问题解决的策略") == ["算法式", "启发式"]
    assert node(g, "简述问题解决的策略").count == 2
    assert kids(g, "启发式") == ["逆向反推法", "爬山法", "类比思维"]
