"""The outline rules for notes written by other people (Markdown blogs, PDF and Word pastes, OCR)."""

from __future__ import annotations

from cskexam.core.notes import NoteSource, parse_notes
from outline_helpers import parse, node, kids, titles


# 1. Markdown ------------------------------------------------------------------
def test_markdown_list_nesting_follows_indentation():
    md = "# 思想史\n\n## 先秦\n\n- 中国\n  - 孔子\n  - 孟子\n- 希腊\n\t- 苏格拉底\n    - 柏拉图\n"
    g = parse(md, "史.md")
    assert kids(g, "先秦") == ["中国", "希腊"]
    assert kids(g, "中国") == ["孔子", "孟子"]
    assert kids(g, "希腊") == ["苏格拉底", "柏拉图"]


def test_markdown_heading_keeps_its_whole_title_and_markup_never_becomes_a_title():
    md = (
        "---\ntitle: 复习\ntags: [教育]\n---\n# 教育学笔记\n\n## 专题一：教育的起源\n\n"
        "<span style=\"color:red\">重点</span>看<u>这里</u><br>\n"
        "- **神话起源说**：教育是神创造的\n- ==生物起源说==：源于动物本能\n\n"
        "```\n代码: 不是标题\n```\n\n| 学说 | 人物 |\n| --- | --- |\n| 心理 | 孟禄 |\n\n"
        "> 引用：也只是正文\n<!-- 注释:\n不显示 -->\n[链接文字](https://example.com/a)\n"
    )
    g = parse(md, "教育.md")
    assert node(g, "教育的起源").marker.startswith("专题一")
    assert kids(g, "教育的起源") == ["神话起源说", "生物起源说"]
    everything = " ".join(titles(g) + [n.text for n in g])
    for junk in ("<span", "color", "**", "==", "代码", "title:", "不显示", "https"):
        assert junk not in everything
    assert not any(t in ("学说", "心理", "引用") for t in titles(g))


# 2. Colon headings and lead-in sentences ------------------------------------------
def test_colon_heading_and_lead_in_sentence():
    text = (
        "管理学复习\n第一章 组织\n组织理论的发展：\n1. 古典理论\n2. 行为理论\n"
        "投诉处理的原则\n投诉处理应遵循以下四项原则：(1)及时原则 (2)公平原则 (3)留档原则 (4)分析原则\n"
    )
    g = parse(text)
    assert kids(g, "组织理论的发展") == ["古典理论", "行为理论"]
    principle = node(g, "投诉处理的原则")
    assert kids(g, "投诉处理的原则") == ["及时原则", "公平原则", "留档原则", "分析原则"]
    assert principle.count == 4 and not principle.flags
    assert "以下四项原则" in principle.text
    assert not g.find("投诉处理应遵循以下四项原则")


# 3. Stated counts wherever they are written ----------------------------------------
def test_stated_counts_in_every_form_make_checked_lists():
    text = (
        "薪酬笔记\n一、功能\n薪酬的三大功能：保障、激励、调节\n"
        "模型包括六个变量：甲，乙，丙，丁，戊，己\n"
        "13种公文：命令、决定、公告、通告、通知、通报、议案、报告、请示、批复、函、纪要、意见\n"
        "五种类型：基本型、被动型、负责型、能动型\n"
    )
    g = parse(text)
    assert kids(g, "薪酬的三大功能") == ["保障", "激励", "调节"] and node(g, "薪酬的三大功能").count == 3
    assert node(g, "模型包括六个变量").count == 6 and len(kids(g, "模型包括六个变量")) == 6
    assert node(g, "13种公文").count == 13 and len(kids(g, "13种公文")) == 13
    short = node(g, "五种类型")
    assert short.flags == [{"kind": "count_mismatch", "stated": 5, "found": 4}] and short.blocks_items


def test_the_count_phrase_is_not_part_of_the_last_item():
    g = parse("教学法\n一、赫尔巴特\n教学过程：明了、联想、系统、方法四个阶段\n")
    assert kids(g, "教学过程") == ["明了", "联想", "系统", "方法"]
    assert node(g, "教学过程").count == 4


# 4. More markers ---------------------------------------------------------------
def test_traditional_and_malformed_markers():
    text = (
        "心理學筆記\n第一單元 基礎\n第一節 研究對象\n一、心理現象\n㈠心理過程\n⒈認知過程\n⒉情緒過程\n"
        "㈡個性心理\n⑴個性傾向\n⑵個性特徵\n"
    )
    g = parse(text)
    assert kids(g, "心理現象") == ["心理過程", "個性心理"]
    assert kids(g, "心理過程") == ["認知過程", "情緒過程"]
    assert kids(g, "個性心理") == ["個性傾向", "個性特徵"]
    text = "管理学\n第一章 管理\n一) 管理的职能\n１、计划\n２、组织\n二) 管理者的技能\n( 1) 技术技能\n( 2) 人际技能\n"
    g = parse(text)
    assert kids(g, "管理的职能") == ["计划", "组织"]
    assert kids(g, "管理者的技能") == ["技术技能", "人际技能"]


def test_ocr_l_for_one_where_numbering_continues():
    g = parse("组织设计\n一、设计原则 P12\nL.任务目标原则;2.分工协作原则;3.统一领导原则\n")
    assert kids(g, "设计原则") == ["任务目标原则", "分工协作原则", "统一领导原则"]
    assert node(g, "设计原则").page == "P12"


# 5. Restarted numbering ----------------------------------------------------------
def test_restarted_numbering_nests_and_the_next_number_goes_back_out():
    text = "呼叫中心\n1、概念\n2、类型\n3、指标\n4、人员构成\n1、话务员\n2、质检员\n5、质量监控\n"
    g = parse(text)
    assert kids(g, "人员构成") == ["话务员", "质检员"]
    assert [c.title for c in g.children(g.documents()[0].id)] == ["概念", "类型", "指标", "人员构成", "质量监控"]


# 6. A middle dot in a name ---------------------------------------------------------
def test_a_middle_dot_inside_a_name_is_no_bullet():
    g = parse("管理思想\n1、早期管理思想\n罗伯特·欧文：人事管理之父\n亚当·斯密：劳动分工\n2、古典理论\n")
    assert kids(g, "早期管理思想") == ["罗伯特·欧文", "亚当·斯密"]
    assert not g.find("欧文") and not g.find("斯密")


# 7. Mnemonics ------------------------------------------------------------------
def test_mnemonics_in_their_real_forms():
    text = (
        "教育学\n一、研究\n研究原则：可变脸（客观性、发展性、联系实际）\n"
        "二、忠诚的分类\n(1)垄断忠诚\n(2)惰性忠诚\n(3)潜在忠诚\n巧记：垄惰潜\n"
        "三、宏观环境分析(宏五)\n"
    )
    g = parse(text)
    hook = node(g, "研究原则")
    assert hook.mnemonic == "可变脸" and kids(g, "研究原则") == ["客观性", "发展性", "联系实际"]
    assert node(g, "忠诚的分类").mnemonic == "垄惰潜"
    assert node(g, "宏观环境分析").mnemonic == "宏五"
    assert not any("巧记" in t for t in titles(g))


def test_a_tip_block_mnemonic_attaches_to_its_heading():
    md = "# 教育学\n\n## 教育的起源\n\n- 神话起源说\n    - 朱熹\n- 生物起源说\n\n::: tip 巧记\n神话朱熹，生物利沛\n:::\n"
    g = parse(md, "起源.md")
    assert node(g, "教育的起源").mnemonic == "神话朱熹,生物利沛"


# 8. Page marks and tags ------------------------------------------------------------
def test_page_marks_and_tags_are_fields_never_title():
    text = (
        "秘书\n一、收文程序（识记）\n二、立卷原则 P211\n三、档案价值（第12页）\n四、保管期限【重点】★\n"
        "五、鉴定方法 p.35\n六、归档范围[重点](掌握)\n"
    )
    g = parse(text)
    assert titles(g) == ["收文程序", "立卷原则", "档案价值", "保管期限", "鉴定方法", "归档范围"]
    assert [node(g, t).page for t in ("立卷原则", "档案价值", "鉴定方法")] == ["P211", "P12", "P35"]
    assert "识记" in node(g, "收文程序").tags and "重点" in node(g, "保管期限").tags


# 9. True/false marks ---------------------------------------------------------------
def test_true_and_false_statements_are_flagged():
    text = (
        "易错辨析\n一、素质教育\n素质教育就是不要考试。（×）\n素质教育面向全体学生。（√）\n"
        "(1)爱岗敬业是师德的灵魂。✗\n判断：类比推理的结论是必然的。(×)\n"
    )
    g = parse(text)
    false = node(g, "素质教育就是不要考试")
    assert false.flags == [{"kind": "false_statement"}] and false.blocks_items
    assert node(g, "素质教育面向全体学生").flags == [{"kind": "true_statement"}]
    assert node(g, "爱岗敬业是师德的灵魂").flags == [{"kind": "false_statement"}]
    assert node(g, "类比推理的结论是必然的").flags == [{"kind": "false_statement"}]


# 10. Documents and page furniture ---------------------------------------------------
def test_first_line_title_furniture_and_hard_wraps():
    text = (
        "人力资源管理师二级考点汇总\n精选优质文档-倾情为你奉上\n第一章 人力资源规划\n"
        "一、组织结构设计的原则\n(1)综合了众多专家的意见,避免了个人\n预测的片面性\n(2)采用匿名方式\n"
        "第1页 共5页\n- 3 -\n二、实施要则\n"
    )
    g = parse(text)
    assert [d.title for d in g.documents()] == ["人力资源管理师二级考点汇总"]
    assert kids(g, "组织结构设计的原则")[0].endswith("避免了个人预测的片面性") or \
        "避免了个人预测的片面性" in " ".join(n.title + n.text for n in g)
    everything = " ".join(titles(g) + [n.text for n in g])
    assert "精选优质文档" not in everything and "共5页" not in everything and "- 3 -" not in everything


# 11. Titles are headings, not sentences -----------------------------------------------
def test_title_ends_at_the_first_full_stop_and_unclear_text_stays_body():
    g = parse("营销\n一、营销类型\n(1)关系营销。指企业与客户建立长期关系。\n(2)绿色营销。指兼顾环境的营销。\n")
    assert kids(g, "营销类型") == ["关系营销", "绿色营销"]
    assert node(g, "关系营销").text.startswith("指企业")
    g = parse("随笔\n今天复习了很多内容感觉收获很大明天继续努力把剩下的章节看完然后做题\n")
    assert len(g) == 1 and "收获很大" in g.documents()[0].text


def test_original_lines_and_span_of_a_node():
    text = "笔记\n一、特性\n1、无形性:看不见\n摸不着\n2、易逝性\n"
    g = parse_notes([NoteSource("n.txt", text, original=text.replace("看不见", "看不贝"))])
    item = node(g, "无形性")
    assert (item.source.line, item.source.last) == (3, 4)
    assert item.original == "1、无形性:看不贝\n摸不着"
