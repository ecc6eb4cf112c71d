"""Rules learnt from a sixth examiner's notes: lead-ins that only count
(主要体现在三个方面：, 共三個：), hook words before bracketed lists, Word furniture,
formulas under a list, pages wrapped in mid-word and the other forms below.
The examples are written for these tests."""

from __future__ import annotations

from outline_helpers import kids, node, parse, titles


def test_a_lead_in_that_says_where_the_items_show_is_count_only():
    text = "旅游笔记\n一、景区服务的特点\n主要体现在三个方面：季节性强、综合性高、地域差异大\n二、其他\n"
    g = parse(text)
    assert kids(g, "景区服务的特点") == ["季节性强", "综合性高", "地域差异大"]
    assert node(g, "景区服务的特点").count == 3


def test_a_traditional_count_only_lead_in_gives_its_items_to_the_heading():
    text = "會計筆記\n一、會計要素（熟悉）\n共三個：資產、負債、權益\n口訣：資負權\n二、其他\n"
    g = parse(text)
    assert kids(g, "會計要素") == ["資產", "負債", "權益"]
    assert node(g, "會計要素").count == 3 and node(g, "會計要素").mnemonic == "資負權"


def test_a_formula_under_an_inline_list_is_no_part_of_its_last_item():
    text = (
        "財務筆記\n一、利潤\n利潤是企業在一定期間的經營成果。\n"
        "利潤表的三個計算層次：營業利潤、利潤總額、淨利潤\n淨利潤＝利潤總額－所得稅費用\n"
    )
    g = parse(text)
    assert kids(g, "利潤表的三個計算層次") == ["營業利潤", "利潤總額", "淨利潤"]


def test_word_furniture_with_any_number_of_dashes_is_dropped():
    text = "精选优质文档---倾情为你奉上\n人力资源管理复习提纲\n一、招聘\n招聘的渠道：内部招聘、外部招聘\n"
    g = parse(text)
    assert [n.title for n in g if n.kind == "document"] == ["人力资源管理复习提纲"]


def test_an_answer_that_counts_then_names_the_items_after_即():
    text = (
        "行政简答\n1.简述公文的行文方式。\n答：有两种，即逐级行文和越级行文。\n"
        "逐级行文是常规方式，适用于一般事务；越级行文只在紧急时使用。\n2.下一题是什么？\n答：略。\n"
    )
    g = parse(text)
    assert kids(g, "简述公文的行文方式") == ["逐级行文", "越级行文"]
    assert node(g, "简述公文的行文方式").count == 2


def test_a_hook_word_in_brackets_after_a_question_is_its_mnemonic():
    text = "行政简答\n一、会务\n1.会场布置应注意哪些方面？（光温声座）\n答：(1)灯光充足 (2)温度适宜 (3)声音清晰 (4)合理安排座次\n"
    g = parse(text)
    q = node(g, "会场布置应注意哪些方面")
    assert [c.title for c in g.children(q.id)] == ["灯光充足", "温度适宜", "声音清晰", "合理安排座次"]
    assert q.mnemonic == "光温声座"


def test_a_hook_word_line_after_a_lead_in_gives_the_heading_its_mnemonic_and_items():
    text = (
        "# 社工笔记\n\n### 1. 服务对象的权利（P12）\n\n服务对象依法享有以下权利：\n\n"
        "**知选参隐诉申投**（知情权、选择权、参与权、隐私权、诉求权、申请权、投诉权）\n\n"
        "> 注意：隐私权常考。\n\n### 2. 下一节\n\n正文。\n"
    )
    g = parse(text, "notes.md")
    assert kids(g, "服务对象的权利") == ["知情权", "选择权", "参与权", "隐私权", "诉求权", "申请权", "投诉权"]
    assert node(g, "服务对象的权利").mnemonic == "知选参隐诉申投"


def test_a_heading_with_a_hook_word_and_a_spaced_page_mark():
    text = "旅游笔记\n一、导游词的结构（开主结）（第 9 页）\n主要包括三个部分：开头语、主体、结束语\n二、其他\n"
    g = parse(text)
    h = node(g, "导游词的结构")
    assert [c.title for c in g.children(h.id)] == ["开头语", "主体", "结束语"]
    assert h.mnemonic == "开主结" and "9" in (h.page or "")


def test_a_line_cut_in_mid_word_at_the_page_width_then_a_new_sentence():
    text = (
        "物流笔记\n一、包装\n"
        "包装的作用主要是保护商品，便于储存和运输，促进销售，方便消费者使用，也要考虑环\n"
        "保要求\n"
        "包装材料的种类很多，常见的有纸质材料、塑料材料、金属材料、玻璃材料和木质材\n"
        "料\n"
        "运输包装的基本要求有五个：牢固、轻便、标准、经济、环保、美观、防潮、防\n"
        "震\n"
        "其中牢固是运输包装最基本的要求，必须保证商品在运输中不受损坏。\n"
    )
    g = parse(text)
    items = kids(g, "运输包装的基本要求")
    assert items[-1] == "防震" and not any("其中" in t for t in items)


def test_a_comma_series_describing_a_type_is_its_text_not_its_items():
    text = (
        "# 心理笔记\n\n## 性格类型（外内）\n\n- 外向型：开朗活泼，善于交际，但做事粗心。\n"
        "- 内向型：沉静稳重，不善交际，思考细致。\n"
    )
    g = parse(text, "notes.md")
    assert kids(g, "性格类型") == ["外向型", "内向型"]
    assert kids(g, "外向型") == [] and kids(g, "内向型") == []
    assert "善于交际" in node(g, "外向型").text
    assert "沉静稳重" not in titles(g)


def test_a_line_before_the_next_chapter_is_no_new_document():
    text = (
        "管理学速记\n第一章 管理概述\n管理的职能计划组织领导控制\n"
        "第二章 计划\n计划的类型战略计划战术计划作业计划\n这一章老师说只考选择题不用背得太细太多\n"
        "第三章 组织\n组织结构的类型直线制职能制事业部制\n"
    )
    g = parse(text)
    assert [n.title for n in g if n.kind == "document"] == ["管理学速记"]


def test_a_其中_sentence_after_a_list_longer_than_stated_is_text_not_the_last_item():
    text = (
        "物流笔记\n一、装卸\n装卸作业的环节有四个：装车、卸车、堆码、搬运、分拣\n"
        "其中搬运是最频繁的环节。\n二、其他\n"
    )
    g = parse(text)
    assert kids(g, "装卸作业的环节") == ["装车", "卸车", "堆码", "搬运", "分拣"]
    assert node(g, "装卸作业的环节").text.startswith("其中搬运")
