"""Rules learnt from note styles the parser had not seen: page furniture of
pasted PDFs, lead-ins that only count, classification bases, class-letter
items, sub-lists of one item, answers in brackets, quiz options and
mnemonics written after a list."""

from __future__ import annotations

from outline_helpers import kids, node, parse, titles


def documents(graph):
    return [n.title for n in graph if n.kind == "document"]


def test_running_headers_beside_page_numbers_go_and_a_year_opens_the_title():
    text = (
        "2024年导游基础知识考点汇总\n第一章 历史\n一、科举的层级 P20-22\n从低到高共四级：\n"
        "（1）院试\n（2）乡试\n（3）会试\n（4）殿试\n·12·\n导游知识汇总\n二、五礼\n吉礼、凶礼、军礼、宾礼、嘉礼\n"
        "13·\n导游知识汇总\n三、节日（P31~32）\n春节、端午节、中秋节\n— 14 —\n导游知识汇总\n"
    )
    g = parse(text)
    assert documents(g) == ["2024年导游基础知识考点汇总"]
    assert "导游知识汇总" not in titles(g) and not any("12" in t or "13" in t for t in titles(g))
    assert kids(g, "科举的层级") == ["院试", "乡试", "会试", "殿试"]
    assert node(g, "科举的层级").count == 4 and node(g, "科举的层级").page == "P20-22"
    assert node(g, "节日").page == "P31-32"


def test_a_book_name_printed_before_the_chapter_keeps_the_chapter():
    text = (
        "心理学复习笔记\n心理咨询师笔记  第一章 普通心理学\n一、感觉\n感受性、适应、对比\n·126·\n"
        "心理咨询师笔记  第一章 普通心理学\n二、知觉\n选择性、整体性\n·127·\n心理咨询师笔记  第二章 社会心理学\n"
        "一、归因\n内部归因、外部归因\n"
    )
    g = parse(text)
    assert kids(g, "普通心理学") == ["感觉", "知觉"]
    assert kids(g, "社会心理学") == ["归因"]
    assert not any("心理咨询师笔记" in t for t in titles(g))


def test_a_count_behind_a_dash_leaves_the_title_and_a_trailing_mnemonic_its_items():
    g = parse("笔记\n一、会计要素——六大要素\n资产、负债、所有者权益、收入、费用、利润 记：资负所收费利\n"
              "二、质量要求——四项\n1、可靠性2、相关性3、可理解性4、可比性 记忆：靠相理比\n")
    assert node(g, "会计要素").count == 6 and node(g, "会计要素").mnemonic == "资负所收费利"
    assert kids(g, "质量要求") == ["可靠性", "相关性", "可理解性", "可比性"]
    assert node(g, "质量要求").mnemonic == "靠相理比"


def test_bracketed_answers_are_answers_and_quiz_options_stay_text():
    text = (
        "背诵手册\n第一部分 教育学\n1.教育的基本要素有哪些？\n【答案】教育者、受教育者、教育影响。\n"
        "2.简述注意的品质。\n答：注意的品质主要有四个：注意的广度；注意的稳定性；注意的分配；注意的转移。\n"
        "【随堂练习】\n1.提出“教育即生活”的教育家是（　　）。\nA.杜威 B.卢梭 C.赫尔巴特 D.夸美纽斯\n【答案】A\n"
    )
    g = parse(text)
    assert kids(g, "教育的基本要素有哪些") == ["教育者", "受教育者", "教育影响"]
    assert kids(g, "简述注意的品质") == ["注意的广度", "注意的稳定性", "注意的分配", "注意的转移"]
    assert node(g, "简述注意的品质").count == 4
    assert not {"杜威", "卢梭", "A"} & set(titles(g))


def test_bases_classes_and_sub_lists():
    text = (
        "笔记\n第一章 资源\n一、旅游资源的分类\n按属性可分为两大类：\n甲类：自然旅游资源，包括山水等。\n"
        "乙类：人文旅游资源，包括遗址等。\n二、面试的类型\n按结构化程度分为三类：结构化面试、非结构化面试、半结构化面试\n"
        "按组织方式分为两类：单独面试、集体面试\n三、培训方法的分类\n分为直接传授式和参与式两种。\n其中参与式又包括：\n"
        "（1）案例研究法\n（2）头脑风暴法\n四、考评误差\n1.分布误差\n2.晕轮误差\n其中分布误差又包括：宽厚误差、苛严误差。\n"
    )
    g = parse(text)
    assert kids(g, "旅游资源的分类") == ["按属性可分为两大类"]
    assert kids(g, "按属性可分为两大类") == ["甲类", "乙类"] and node(g, "按属性可分为两大类").count == 2
    assert kids(g, "面试的类型") == ["按结构化程度分为三类", "按组织方式分为两类"]
    assert kids(g, "按组织方式分为两类") == ["单独面试", "集体面试"]
    assert kids(g, "培训方法的分类") == ["直接传授式", "参与式"]
    assert kids(g, "参与式") == ["案例研究法", "头脑风暴法"]
    assert kids(g, "分布误差") == ["宽厚误差", "苛严误差"]


def test_count_only_and_ordered_lead_ins():
    text = (
        "笔记\n一、原始凭证的审核内容\n审核的内容共六条：\n（1）真实性\n（2）合法性\n（3）合理性\n（4）完整性\n"
        "（5）正确性\n（6）及时性\n二、会计期间\n从短到长，从月度到年度，依次为月度、季度、半年度、年度。\n"
        "三、员工甄选的方法\n笔试的种类包括知识测试、智力测试两种。\n面试的基本程序按先后共三个阶段：\n⑴导入阶段\n⑵核心阶段\n⑶结束阶段\n"
    )
    g = parse(text)
    assert node(g, "原始凭证的审核内容").count == 6 and len(kids(g, "原始凭证的审核内容")) == 6
    assert kids(g, "会计期间") == ["月度", "季度", "半年度", "年度"]
    assert kids(g, "面试的基本程序") == ["导入阶段", "核心阶段", "结束阶段"]
    assert node(g, "面试的基本程序").count == 3


def test_mnemonic_lines_in_their_other_forms():
    text = (
        "笔记\n第一章 管理\n一、职能一\n巧记：计组领控\n1.计划\n2.组织\n3.领导\n4.控制\n二、职能二\n计划、组织、领导、控制\n"
        "【口诀】计组领控\n三、职能三\n（1）计划（2）组织（3）领导（4）控制\n（记忆：计组领控）\n四、职能四\n①计划②组织③领导④控制\n"
        "➤口诀：计组领控\n六、记忆的种类\n瞬时记忆：很短\n短时记忆：有限\n"
    )
    g = parse(text)
    for k in "一二三四":
        assert node(g, f"职能{k}").mnemonic == "计组领控", k
        assert kids(g, f"职能{k}") == ["计划", "组织", "领导", "控制"], k
    assert node(g, "记忆的种类").mnemonic is None
    assert kids(g, "记忆的种类") == ["瞬时记忆", "短时记忆"]
