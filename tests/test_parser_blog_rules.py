"""Rules met in blog notes and scanned books: a numbered Markdown item that is
a sentence holding a list, mnemonics in 【】 after a heading, page furniture
printed beside a running header, classification bases with numbered items,
examples after 如, and count-only lead-ins."""

from __future__ import annotations

from outline_helpers import kids, node, parse, titles


def test_a_numbered_markdown_item_whose_sentence_holds_a_list_keeps_its_sentence_as_title():
    text = (
        "# 教育学简答\n\n## 1. 简述德育过程的特点\n\n答：\n"
        "1. 德育过程是有目的、有计划、有组织的过程\n2. 德育过程是多种因素共同作用的过程\n"
    )
    g = parse(text, "a.md")
    assert kids(g, "简述德育过程的特点") == [
        "德育过程是有目的、有计划、有组织的过程", "德育过程是多种因素共同作用的过程",
    ]
    assert "1." not in titles(g)


def test_a_key_word_in_square_brackets_after_a_heading_is_its_mnemonic_when_each_character_stands_in_an_item():
    text = (
        "# 教育学\n\n### 3. 德育原则 【导疏严】★★\n\n"
        "1. **导向性**原则\n2. 循循善诱（**疏**导）原则\n3. **严**格要求与尊重学生相结合\n\n"
        "### 4. 教学组织形式 【高频考点】\n\n1. 班级授课制\n2. 分组教学\n"
    )
    g = parse(text, "a.md")
    assert node(g, "德育原则").mnemonic == "导疏严"
    assert len(kids(g, "德育原则")) == 3
    # A bracket whose characters are not the items' is no mnemonic.
    assert not any(n.mnemonic == "高频考点" for n in g)


def test_a_page_number_printed_beside_a_running_header_goes_with_the_header():
    text = (
        "物流师（三级）读书笔记\n第二章  仓储管理\n一、仓储的功能\n"
        "（一）储存功能\n（二）保管功能\n\n"
        "·36·                                物流师（三级）\n\n"
        "第二章  仓储管理                                        ·37·\n\n"
        "二、仓储的分类\n（一）自营仓储\n（二）公共仓储\n\n"
        "·38·                                物流师（三级）\n\n"
        "第三章  配送管理                                        ·39·\n\n"
        "一、配送的含义\n配送是按客户要求进行的送货。\n"
    )
    g = parse(text)
    assert kids(g, "物流师(三级)读书笔记") == ["仓储管理", "配送管理"]
    assert kids(g, "仓储管理") == ["仓储的功能", "仓储的分类"]
    assert kids(g, "仓储的功能") == ["储存功能", "保管功能"]
    assert kids(g, "配送管理") == ["配送的含义"]
    assert not any("·" in t or "物流师" in t for t in titles(g))


def test_study_level_tags_in_either_script_are_tags_not_title_text():
    g = parse("心理學筆記\n一、馬斯洛需要層次理論的五個層次（領會）\n生理需要、安全需要、歸屬需要、尊重需要、自我實現需要\n"
              "二、注意的品质（领会）\n注意的广度、注意的稳定性\n")
    assert kids(g, "心理學筆記") == ["馬斯洛需要層次理論的五個層次", "注意的品质"]
    assert node(g, "注意的品质").tags == ["领会"]
    assert len(kids(g, "馬斯洛需要層次理論的五個層次")) == 5


def test_counts_written_as_a_bare_numeral_a_bracketed_property_count_or_before_a_copula():
    text = (
        "管理学要点\n一、决策的特征（四性）\n目标性、可行性、选择性、动态性\n"
        "二、组织设计的任务有三：职位设计、部门划分、职权配置\n"
        "三、控制的三个类型是：前馈控制、同期控制、反馈控制\n"
        "四、領導理論的三個原則\n權變原則、激勵原則、溝通原則\n"
    )
    g = parse(text)
    assert kids(g, "管理学要点") == ["决策的特征", "组织设计的任务", "控制的三个类型", "領導理論的三個原則"]
    assert node(g, "决策的特征").count == 4 and len(kids(g, "决策的特征")) == 4
    assert node(g, "组织设计的任务").count == 3 and kids(g, "组织设计的任务") == ["职位设计", "部门划分", "职权配置"]
    assert node(g, "控制的三个类型").count == 3
    assert node(g, "領導理論的三個原則").count == 3


def test_a_heading_that_starts_with_a_name_written_elsewhere_keeps_its_whole_name():
    text = (
        "物流管理复习\n第一章 仓储管理\n一、仓储管理的作用\n仓储管理能降低成本。\n"
        "二、仓储管理业务考核制度的主要内容（P15）\n（1）入库制度（2）保管制度（3）出库制度\n"
    )
    g = parse(text)
    assert kids(g, "仓储管理") == ["仓储管理的作用", "仓储管理业务考核制度的主要内容"]
    assert node(g, "仓储管理业务考核制度的主要内容").page == "P15"
    assert kids(g, "仓储管理业务考核制度的主要内容") == ["入库制度", "保管制度", "出库制度"]


def test_a_count_only_lead_in_with_yigong_gives_its_count_to_the_heading():
    text = "# 教育学\n\n### 5. 德育的基本原则\n\n一共三条：\n\n1. 导向性原则\n2. 疏导原则\n3. 因材施教原则\n"
    g = parse(text, "a.md")
    assert node(g, "德育的基本原则").count == 3
    assert kids(g, "德育的基本原则") == ["导向性原则", "疏导原则", "因材施教原则"]
    assert "一共三条" not in titles(g)


def test_a_paragraph_flush_left_after_a_blank_line_leaves_the_markdown_list_above_it():
    text = (
        "# 课程论\n\n## 课程类型\n\n- 学科课程\n- 活动课程\n\n课程的特点包括以下几个方面\n\n1. 系统性\n2. 综合性\n\n"
        "## 课程评价\n\n- 诊断性评价\n- 形成性评价\n\n评价要以发展为目的，不能只看分数。\n"
    )
    g = parse(text, "a.md")
    assert kids(g, "课程类型") == ["学科课程", "活动课程", "课程的特点"]
    assert kids(g, "课程的特点") == ["系统性", "综合性"]
    assert node(g, "形成性评价").text == ""
    assert "不能只看分数" in node(g, "课程评价").text


def test_a_basis_line_with_yixia_jilei_heads_the_numbered_items_and_the_next_basis_stands_beside_it():
    text = (
        "旅游学概论\n一、旅游资源的分类\n  按属性可分为以下几类：\n1．自然旅游资源\n2．人文旅游资源\n"
        "  按利用程度可分为：已开发资源、待开发资源、潜在资源。\n二、旅游资源的特点\n多样性、季节性、地域性\n"
    )
    g = parse(text)
    assert kids(g, "旅游资源的分类") == ["按属性可分为以下几类", "按利用程度可分为"]
    assert kids(g, "按属性可分为以下几类") == ["自然旅游资源", "人文旅游资源"]
    assert node(g, "按属性可分为以下几类").count is None
    assert kids(g, "按利用程度可分为") == ["已开发资源", "待开发资源", "潜在资源"]


def test_examples_after_ru_are_the_items_text_not_its_items_nor_a_hook_word():
    text = (
        "营养学笔记\n一、影响食欲的因素\n1.生理因素：如饥饿程度、年龄、疾病等。\n2.心理因素：指情绪和习惯。\n"
        "二、膳食结构的类型\n甲类：动物性为主（如肉类、蛋类、奶类）\n乙类：植物性为主\n"
        "三、营养调查的原则\n如实记录、及时上报、定期复查\n"
    )
    g = parse(text)
    assert kids(g, "生理因素") == [] and "饥饿程度" in node(g, "生理因素").text
    assert node(g, "甲类").mnemonic is None and kids(g, "甲类") == []
    assert kids(g, "营养调查的原则") == ["如实记录", "及时上报", "定期复查"]


def test_a_range_of_chapters_named_in_a_sentence_opens_no_chapter():
    text = "# 心理学\n\n## 第一章 心理学概述\n\n- 心理过程\n- 个性心理\n\n本篇到此为止，第二章至第四章见下一篇，第五章~第六章以后再整理。\n"
    g = parse(text, "a.md")
    assert kids(g, "心理学") == ["心理学概述"]
    assert kids(g, "心理学概述") == ["心理过程", "个性心理"]


def test_a_mnemonic_after_numbered_items_belongs_to_their_heading_though_the_last_item_holds_a_sentence_with_dun():
    text = (
        "咨询笔记\n二、神经症的诊断要点\n1、病程较长。\n2、有明显痛苦。\n"
        "3、社会功能受损：工作、学习受影响，人际交往减少。\n记忆：长痛损\n"
        "三、求助者的类型\n1、主动求助：自己来、自己讲\n记忆：主自\n"
    )
    g = parse(text)
    assert node(g, "神经症的诊断要点").mnemonic == "长痛损"
    assert node(g, "社会功能受损").mnemonic is None
