"""Defect classes an examiner found in list cards: the question word (步骤, 方法, 种, 方面…) follows what
the items are; cards on notes in 繁體 read 繁體; a course's parts, the notes' markup and a lost entry make
no card; 「…属于哪一个知识点」 answers with the list's name only."""

from __future__ import annotations

from cskexam.core.card_frames import default_front, framed_front, kind_of_items
from cskexam.core.card_text import closed_brackets, tidy_entry
from cskexam.core.cards import generate_cards
from cskexam.core.notes import NoteSource, parse_notes
from cskexam.core.script_forms import NotesScript, mainly_traditional, to_traditional
from test_cards import GraphBuilder, WordCutter

_SIMPLIFIED_TEMPLATE = set("个种么别项诀请简这说为属识点两")


def _built(build):
    b = GraphBuilder()
    build(b)
    return generate_cards(b.graph, segmenter=WordCutter())


def _cards(text: str, name: str = "笔记.txt"):
    return generate_cards(parse_notes([NoteSource(name=name, text=text)]), segmenter=WordCutter())


def _lists(cards) -> dict[str, str]:
    return {c.front: c.back for c in cards if c.kind == "list"}


def _list(doc_title, title, items, count=None, text="", parent_title=None):
    def build(b):
        doc = b.add("document", doc_title)
        up = b.add("point", parent_title, doc) if parent_title else doc
        p = b.add("point", title, up, count=count, text=text)
        for i in items:
            b.add("item", i, p)
    return _lists(_built(build))


# -- wrong frame --------------------------------------------------------------------------------------


def test_ordered_steps_are_asked_in_order_with_their_count():
    fronts = _list("仓储管理笔记", "入库作业", ["核对单据", "清点数量", "检验质量", "登记上架"], count=4,
                   text="按先后顺序共四步：")
    assert "入库作业依次分为哪四个步骤？" in fronts, fronts
    fronts = _list("市场营销笔记", "产品生命周期", ["引入期", "成长期", "成熟期", "衰退期"], count=4)
    assert "产品生命周期依次分为哪四个阶段？" in fronts, fronts
    fronts = _list("档案管理笔记", "档案鉴定的基本步骤", ["制定标准", "逐件审查", "提出意见"], count=3)
    assert "档案鉴定的三个基本步骤依次是什么？" in fronts, fronts


def test_methods_are_asked_as_methods():
    def build(b):
        doc = b.add("document", "市场调研笔记")
        how = b.add("point", "市场资料搜集的方法", doc)
        for sub, items in (("实地搜集", ["入户询问", "街头拦截", "座谈会"]), ("案头搜集", ["统计年鉴", "行业期刊", "企业年报"])):
            s = b.add("point", sub, how)
            for i in items:
                b.add("item", i, s)
    fronts = _lists(_built(build))
    assert any(f.endswith("实地搜集有哪些方法？") for f in fronts), fronts
    assert not any("方面" in f for f in fronts), fronts
    assert framed_front("岗位评价法", "", ["排列法", "分类法", "要素比较法"], "") == "岗位评价法有哪些方法？"


def test_kinds_and_people_are_not_aspects():
    fronts = _list("计算机基础笔记", "常见的存储介质", ["磁性存储介质", "光学存储介质", "半导体存储介质"])
    assert "常见的存储介质有哪几种？" in fronts, fronts
    fronts = _list("培训管理笔记", "培训效果评估的参与者", ["培训讲师", "受训学员", "部门主管", "人力资源专员"])
    assert "培训效果评估的参与者有哪些？" in fronts, fronts
    assert framed_front("成就动机理论", "两", ["追求成功动机", "避免失败动机"], "") == "成就动机理论包括哪两种动机？"
    assert kind_of_items("加密技术", ["甲型算法", "乙型算法"], "分为两类：") == "kinds"
    assert kind_of_items("对称加密算法", ["分组加密算法", "流加密算法"], "") != "methods"  # 算法 is no method


def test_aspects_only_where_the_items_are_aspects():
    assert default_front("员工关系管理", "三", ["在制度上", "在文化上", "在沟通上"]) == "员工关系管理包括哪三个方面？"
    assert default_front("售后回访", "", ["回访时间", "回访话术"]) == "售后回访包括哪些内容？"
    assert default_front("影响员工流动的因素", "", ["薪酬", "晋升"]) == "影响员工流动的因素包括哪些方面？"


def test_a_split_of_a_classification_is_not_glued_to_its_criterion():
    def build(b):
        doc = b.add("document", "软件工程笔记")
        kinds = b.add("point", "代码检查的分类", doc)
        crit = b.add("point", "按是否借助工具", kinds)
        for sub, items in (("人工检查", ["个人自查", "交叉互查"]), ("工具检查", ["静态扫描", "规范检查"])):
            s = b.add("point", sub, crit)
            for i in items:
                b.add("item", i, s)
    for front in _lists(_built(build)):
        assert "按是否借助工具的" not in front and not front.startswith("在按"), front


# -- 繁體 ----------------------------------------------------------------------------------------------


def test_template_words_follow_the_notes_script():
    assert mainly_traditional("學習動機的種類與課堂教學")
    assert not mainly_traditional("学习动机的种类与课堂教学")
    keep = frozenset("學習動機的類型")
    assert to_traditional("學習動機的類型有哪三种？分别是什么？", keep) == "學習動機的類型有哪三種？分別是什麼？"
    assert to_traditional("代表出现只有", keep) == "代表出現只有"  # 表, 出, 只 are traditional characters too
    assert NotesScript("学习动机的类型")("有哪三种？") == "有哪三种？"  # 简体 notes keep 简体 words
    notes = "學習心理筆記\n二、學習動機的類型:\n1. 內部動機\n2. 外部動機\n3. 社會動機\n口訣:內外社\n"
    cards = _cards(notes, "學習.txt")
    lists = _lists(cards)
    assert lists, [c.front for c in cards]
    for front, back in lists.items():
        assert not (set(front + back) & _SIMPLIFIED_TEMPLATE), (front, back)


# -- structure as content ------------------------------------------------------------------------------


def test_the_parts_of_a_chapter_are_no_list():
    def build(b):
        doc = b.add("document", "物流师考点速记")
        ch = b.add("chapter", "仓储管理", doc, marker="第二章")
        for n, (title, items) in enumerate((("入库管理", ["验收", "上架"]), ("出库管理", ["拣货", "复核"])), 1):
            part = b.add("point", title, ch, marker=f"考点{n}")
            for i in items:
                b.add("item", i, part)
    fronts = _lists(_built(build))
    assert not any(f.startswith("仓储管理") for f in fronts), fronts


# -- garbled text --------------------------------------------------------------------------------------


def test_the_notes_markup_leaves_no_trace_on_a_card():
    assert tidy_entry("硬件损坏 —— ") == "硬件损坏" and tidy_entry("数据备份：") == "数据备份"
    assert closed_brackets("快慢稳（注意“慢”字") == "快慢稳（注意“慢”字）"
    fronts = _list("数据库笔记", "备份的种类", ["完全备份", "增量备份", "差异备份 —— "], count=3)
    back = fronts["备份的种类有哪三种？"]
    assert back.splitlines()[-1] == "3. 差异备份", back

    def build(b):
        doc = b.add("document", "教育学笔记")
        p = b.add("point", "学校德育的途径", doc, mnemonic="课活班（别忘“班”")
        for i in ("思想品德课", "课外活动", "班主任工作"):
            b.add("item", i, p)
    back = "\n".join(_lists(_built(build)).values())
    assert back.count("（") == back.count("）"), back


def test_a_tag_after_a_lists_name_is_not_part_of_it():
    fronts = _list("物业管理笔记", "物业服务的功能服四", ["安全保卫", "环境保洁", "设备维护", "客户接待"])
    assert "物业服务的功能有哪四个？" in fronts, fronts


# -- wrong count ---------------------------------------------------------------------------------------


def test_an_entry_taken_for_a_mnemonic_leaves_no_short_list():
    # 感覺：… 記憶：… 想象：…, where the parser read 記憶 as the label of a mnemonic: two entries and a remark.
    def build(b):
        doc = b.add("document", "兒童心理筆記")
        p = b.add("point", "學齡期的認知發展", doc, mnemonic="有意記憶迅速發展,理解記憶增多")
        b.add("item", "感覺", p, text="感受性逐漸提高")
        b.add("item", "想象", p, text="從再造想象向創造想象發展")
    assert not _lists(_built(build))


# -- 属于哪一个知识点 -------------------------------------------------------------------------------------


def test_which_list_an_item_belongs_to_is_answered_with_the_lists_name_only():
    def build(b):
        doc = b.add("document", "质量管理笔记")
        tools = b.add("point", "质量控制的常用工具", doc, count=3)
        sec = b.add("section", "质量数据的统计分析", doc, marker="第三节", count=3, text="常用方法有三种:")
        for parent, items in ((tools, ("控制图", "直方图", "散布图")), (sec, ("分层图示", "相关检验", "排列对比"))):
            for i in items:
                b.add("item", i, parent)
            b.graph.get(b.graph.children(parent)[-1].id).flags.append("count_mismatch")  # no list card
    cards = [c for c in _built(build) if c.kind == "item_parent"]
    assert cards
    assert all(c.back == "质量控制的常用工具" for c in cards), [(c.front, c.back) for c in cards]


def test_a_class_described_not_named_is_asked_within_its_list():
    def build(b):
        doc = b.add("document", "教学论笔记")
        ways = b.add("point", "课堂评价方法", doc)
        crit = b.add("point", "按评价主体分", ways)
        by_self = b.add("point", "以学生自评为主的方法", crit)
        for i in ("学习日志", "自评量表"):
            b.add("item", i, by_self)
        by_peer = b.add("point", "以同伴互评为主的方法", crit)
        for i in ("小组互评", "作品互评"):
            b.add("item", i, by_peer)
    fronts = _lists(_built(build))
    assert "课堂评价方法中，以学生自评为主的有哪些？" in fronts, fronts


def test_a_count_closing_a_name_is_no_part_of_the_name():
    from cskexam.core.card_text import heading_name

    assert heading_name("成人必需氨基酸 8 种") == "成人必需氨基酸"
    assert heading_name("行政公文共15种") == "行政公文"
    # 按…可分为三类 keeps its count: the verb makes it the heading's own words.
    assert heading_name("按用途可分为三类") == "按用途可分为三类"
    assert heading_name("四项基本原则") == "四项基本原则"
