"""List cards ask as a paper asks: the list's own name, a verb that fits its items, 两 not 二,
whose list it is, and no card of labels (按功能分, 培养的方法) or of a course's parts."""

from __future__ import annotations

from cskexam.core.card_fronts import balanced_quotes, count_word
from cskexam.core.cards import generate_cards
from cskexam.core.notes import NoteSource, parse_notes
from test_cards import GraphBuilder, WordCutter


def _cards(text: str, name: str = "笔记.txt"):
    return generate_cards(parse_notes([NoteSource(name=name, text=text)]), segmenter=WordCutter())


def _lists(cards) -> dict[str, str]:
    return {c.front: c.back for c in cards if c.kind == "list"}


def _built(build):
    b = GraphBuilder()
    build(b)
    return generate_cards(b.graph, segmenter=WordCutter())


def test_two_is_liang_and_quotes_the_outline_cut_are_closed():
    assert count_word(2) == "两" and count_word(5) == "五"
    assert balanced_quotes("大客户服务要做到四个“一") == "大客户服务要做到四个“一”"
    assert balanced_quotes("以人为本”的学生观") == "“以人为本”的学生观"
    fronts = _lists(_cards("一、领导的权力\n领导的权力分为两大类：职位权力、非职位权力\n"))
    assert not any("哪二" in f for f in fronts)


def test_a_name_that_states_its_count_asks_with_the_count_turned_into_which():
    def build(b):
        doc = b.add("document", "管理学笔记")
        for title, items in (("沟通包括七个要素", ["信息源", "信息", "通道", "接收者", "反馈", "障碍", "背景"]),
                             ("工资总额由六个部分组成", ["计时工资", "计件工资", "奖金", "津贴和补贴", "加班工资", "其他工资"]),
                             ("知覺有四個基本特性", ["選擇性", "整體性", "理解性", "恆常性"])):
            p = b.add("point", title, doc, count=len(items))
            for i in items:
                b.add("item", i, p)
    fronts = set(_lists(_built(build)))
    assert {"沟通包括哪七个要素？", "工资总额由哪六个部分组成？", "知覺有哪四個基本特性？"} <= fronts


def test_the_verb_follows_what_the_items_are():
    def build(b):
        doc = b.add("document", "人力资源笔记")
        for title, count, items in (("劳动关系的主体", None, ["劳动者", "用人单位", "工会组织"]),
                                    ("提问的类型", 3, ["开放式提问", "封闭式提问", "引导式提问"]),
                                    ("处理投诉的原则", 4, ["及时处理原则", "分清责任原则", "记录存档原则", "预防为主原则"]),
                                    ("宏观环境分析", 2, ["市场人口", "经济环境"])):
            p = b.add("point", title, doc, count=count)
            for i in items:
                b.add("item", i, p)
    fronts = set(_lists(_built(build)))
    assert {"劳动关系的主体有哪些？", "提问的类型有哪三种？", "处理投诉的原则有哪四个？",
            "宏观环境分析包括哪两个方面？"} <= fronts


def test_a_collection_of_notes_is_no_subject_to_name_on_a_card():
    text = "秘書職業資格三級重點筆記\n一、檔案的特點：原始性、記錄性、社會性、歷史性\n"
    fronts = _lists(_cards(text, "秘书.txt"))
    assert fronts and not any("筆記" in f for f in fronts)


def test_lists_of_labels_give_no_card():
    def build(b):
        doc = b.add("document", "呼叫中心笔记")
        kinds = b.add("point", "呼叫中心的类型", doc)
        for crit, items in (("按功能分", ["电话营销型", "服务支持型"]), ("按规模分", ["大型", "中型", "小型"])):
            c = b.add("point", crit, kinds)
            for i in items:
                b.add("item", i, c)
        motive = b.add("point", "学习动机的培养与激发", doc)
        for head, items in (("培养的方法", ["明确目的", "培养兴趣"]), ("激发的方法", ["创设情境", "正确归因"])):
            h = b.add("point", head, motive)
            for i in items:
                b.add("item", i, h)
        course = b.add("point", "专题复习", doc)
        for head, items in (("质量管理", ["质量规划", "质量控制"]), ("风险管理", ["风险识别", "风险应对"])):
            h = b.add("point", head, course)
            for i in items:
                b.add("item", i, h)
    lists = _lists(_built(build))
    assert "按功能分，呼叫中心的类型有哪些？" in lists
    assert not any(back.startswith("1. 按") or "的方法" in back or "质量管理" in back for back in lists.values())


def test_a_rule_set_written_as_sentences_is_no_list_but_named_rules_are():
    def build(b):
        doc = b.add("document", "客服部管理制度")
        rules = b.add("point", "考勤制度", doc)
        for i in ("严格按照规定的上下班时间打卡", "按时打卡", "请假"):
            b.add("item", i, rules)
        safety = b.add("point", "劳动安全卫生管理制度", doc)
        for i in ("安全生产责任制度", "安全技术措施计划管理制度", "安全生产教育制度"):
            b.add("item", i, safety)
    lists = _lists(_built(build))
    assert not any("打卡" in back for back in lists.values())
    assert any("安全生产责任制度" in back for back in lists.values())


def test_a_fragment_name_is_asked_with_its_heading_or_not_at_all():
    def build(b):
        doc = b.add("document", "座席代表压力管理")
        src = b.add("point", "压力来源", doc)
        org = b.add("point", "组织方面", src)
        for i in ("考核指标严苛", "晋升通道狭窄"):
            b.add("item", i, org)
        lone = b.add("point", "体现三种形态", doc, count=3)
        for i in ("潜在", "流动", "凝固"):
            b.add("item", i, lone)
    lists = _lists(_built(build))
    assert any(f.startswith("在压力来源中，组织方面") for f in lists)
    assert not any(f.startswith("体现") for f in lists)


def test_the_list_is_named_by_the_lead_in_right_before_its_entries():
    text = ("三、管理幅度与管理层次\n管理幅度与管理层次成反比关系。影响管理幅度的因素有：<br/>① 管理者和下属的能力"
            "<br/>② 工作内容和性质<br/>③ 工作条件<br/>④ 工作环境\n")
    fronts = _lists(_cards(text, "管理.md"))
    assert any(f.startswith("影响管理幅度的因素") for f in fronts), fronts
    assert not any(f.startswith("管理幅度与管理层次") for f in fronts)


def test_labelled_entries_show_what_each_label_says():
    def build(b):
        doc = b.add("document", "教育学笔记")
        myth = b.add("point", "心理起源说", doc)
        b.add("item", "代表人物", myth, text="孟禄")
        b.add("item", "观点", myth, text="教育起源于儿童对成人的无意识模仿")
    lists = _lists(_built(build))
    assert list(lists.values()) == ["1. 代表人物：孟禄\n2. 观点：教育起源于儿童对成人的无意识模仿"]


def test_which_list_an_item_belongs_to_only_for_a_list_named_by_a_name():
    def build(b):
        doc = b.add("document", "应用文书")
        # no list card (three entries found of four): 「主题」属于「应用文书的写作要素有四个」 is no question
        p = b.add("point", "应用文书的写作要素有四个", doc, count=4)
        for i in ("主题", "材料", "结构"):
            b.add("item", i, p)
    assert not [c for c in _built(build) if c.kind == "item_parent"]


def test_aspects_with_nothing_said_of_them_give_no_card_and_pros_and_cons_are_asked_so():
    def build(b):
        doc = b.add("document", "人力资源管理笔记")
        safety = b.add("point", "客户信息安全管理的措施", doc)
        for i in ("制度上", "技术上", "人员上"):
            b.add("item", i, safety)
        method = b.add("point", "关键事件法", doc)
        b.add("item", "优点", method, text="有理有据")
        b.add("item", "缺点", method, text="费时费力")
    lists = _lists(_built(build))
    assert lists == {"关键事件法的优点和缺点分别是什么？": "1. 优点：有理有据\n2. 缺点：费时费力"}


def test_labels_with_nothing_said_of_them_give_no_card():
    def build(b):
        doc = b.add("document", "会务管理笔记")
        for title, items in (("會議的類型", ["按規模分", "按性質分", "按形式分"]),
                             ("人员选拔的方法", ["A类", "B类", "C类"]),
                             ("呼叫中心的发展阶段", ["第一代", "第二代", "第三代"])):
            p = b.add("point", title, doc)
            for i in items:
                b.add("item", i, p)
        turn = b.add("point", "行为转变", doc)
        treat = b.add("point", "对待同事", turn)
        for i in ("合作", "共享"):
            b.add("item", i, treat)
        quote = b.add("point", "霍桑实验的结论", doc)
        for i in ("工人是“社会人", "存在非正式组织", "领导在于提高满意度"):
            b.add("item", i, quote)
    lists = _lists(_built(build))
    assert not any(back.startswith(("1. 按", "1. A类", "1. 第一代")) for back in lists.values())
    assert "在行为转变中，对待同事包括哪些方面？" in lists
    assert lists["霍桑实验的结论有哪些？"].startswith("1. 工人是“社会人”\n")


def test_pros_and_cons_named_so_are_asked_once():
    def build(b):
        doc = b.add("document", "人力资源管理笔记")
        p = b.add("point", "内部招募的优缺点", doc)
        b.add("item", "优点", p, text="准确性高")
        b.add("item", "缺点", p, text="易生矛盾")
    assert list(_lists(_built(build))) == ["内部招募的优点和缺点分别是什么？"]
