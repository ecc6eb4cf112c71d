"""Defect classes an examiner found in generated cards and questions (review 2), on notes of our own:
blanks in sentences with no subject, a note marker opening a stem,
simplified 对/错 on 繁體 notes, kinds and ordered lists asked for their 内容, a 属于哪一个知识点 card
answered with the chapter, garbled 判断 stems and unmatched brackets in explanations."""

import random
import re

from cskexam.core.card_frames import framed_front
from cskexam.core.card_fronts import list_front
from cskexam.core.cards import generate_cards
from cskexam.core.notes.parser import NoteSource, parse_notes
from cskexam.core.questions import generate_questions
from test_cards import GraphBuilder, WordCutter

SORTING = """# 算法复习笔记

## 常见的排序算法
### 比较排序
冒泡排序、快速排序、归并排序、堆排序

### 非比较排序
计数排序、基数排序、桶排序

## 查找算法的分类
顺序查找、二分查找、哈希查找

## 图的遍历方式
深度优先遍历、广度优先遍历
"""

MEMORY = """学习心理基础知识
第一章 记忆
1. 记忆的种类
(1)瞬时记忆
(2)工作记忆
2. 工作记忆的容量
一般为四个左右的信息单元,借助复述可以延长工作记忆的保持时间.
3. 遗忘的原因
遗忘的原因主要有干扰和衰退两种.
"""

COMMUNITY = """社區服務複習

一、社區服務的三種方式
1.鄰里互助方式：強調鄰里守望和互相幫忙，重視非正式支持網絡。
2.專業介入方式：依靠專業人員評估需要，重視服務的效率。
3.倡導改變方式：組織弱勢居民爭取權益，重視權力的重新分配。
社區服務的倡導改變方式最重視專業人員的評估: 錯

二、小組發展的階段
1.形成期
2.衝突期
3.成熟期
註：衝突期是小組最容易出現退出者的階段，帶領者需要耐心處理。
"""

TRAINING = """培训评估复习
四级评估模型把培训效果分为四级：
（1）满意评估：学员对课程的满意程度
（2）知识评估：学员掌握知识的程度
（3）行为评估：学员回到岗位后行为的变化
（4）效益评估：对部门业绩的影响
"""


def _questions(text, name="notes.txt"):
    return generate_questions(parse_notes([NoteSource(name, text)]), random.Random(3))


def _cards(text, name="notes.txt"):
    return generate_cards(parse_notes([NoteSource(name, text)]), segmenter=WordCutter())


# -- 2. blanks with no subject, note markers -----------------------------------------------------------


_PREDICATE_START = ("一般", "通常", "強調", "强调", "重視", "重视", "对", "對", "____对", "____對")


def test_a_blank_sentence_names_its_subject():
    for q in _questions(MEMORY) + _questions(COMMUNITY, "c.txt") + _questions(TRAINING, "t.txt"):
        if q.type == "填空":
            assert not q.stem.startswith(_PREDICATE_START), q.stem
    for c in _cards(MEMORY) + _cards(COMMUNITY, "c.txt") + _cards(TRAINING, "t.txt"):
        if c.kind == "cloze":
            assert not c.front.startswith(_PREDICATE_START), c.front


def test_a_subject_taken_from_the_heading_is_never_the_blank():
    for c in _cards(COMMUNITY, "c.txt"):
        if c.kind == "cloze":
            assert not c.front.startswith("____強調"), c.front


def test_a_note_marker_and_the_lead_in_before_it_leave_the_sentence():
    from cskexam.core.card_text import without_note_marker
    assert without_note_marker("注：复述是保持记忆的关键。") == "复述是保持记忆的关键。"
    assert without_note_marker("小组一般经历三个阶段：註：衝突期最需要耐心。") == "衝突期最需要耐心。"
    assert without_note_marker("注意力的品质包括广度和稳定性。") == "注意力的品质包括广度和稳定性。"


def test_no_stem_opens_with_a_note_marker():
    for q in _questions(COMMUNITY, "c.txt"):
        assert not re.match(r"^(註|注|备注|備註)[:：]", q.stem), q.stem
    for c in _cards(COMMUNITY, "c.txt"):
        assert not re.match(r"^(註|注|备注|備註)[:：]", c.front), c.front


# -- 4. frames ------------------------------------------------------------------------------------------


def test_kinds_named_by_the_lists_head_are_asked_as_kinds():
    front = framed_front("会议纪要", "两", ["完整纪要", "简要纪要"], "")
    assert front is not None and "哪两种" in front and "内容" not in front, front


def test_an_order_of_priority_keeps_its_order():
    front = framed_front("安全措施的优先顺序", "四", ["消除", "替代", "隔离", "防护"], "由高到低：")
    assert front is not None and "依次" in front and "由高到低" in front, front
    front = framed_front("任務的處理次序", "三", ["緊急任務", "重要任務", "日常任務"], "")
    assert front is not None and "依次" in front, front


def test_merits_of_a_method_are_asked_of_the_method():
    b = GraphBuilder()
    doc = b.add("document", "调研方法笔记")
    how = b.add("point", "访谈的方法", doc)
    tel = b.add("item", "电话访谈法", how)
    merits = b.add("point", "优点", tel)
    g = b.graph
    front = list_front(g.nodes[merits], g.nodes[tel], 3, ["速度快", "成本低", "覆盖广"])
    assert front == "电话访谈法有哪三个优点？", front
    assert list_front(g.nodes[merits], g.nodes[tel], None, ["速度快", "成本低"]) == "电话访谈法有哪些优点？"


# -- 5. which list an item sits in -----------------------------------------------------------------------


def test_an_item_loose_in_a_section_is_not_filed_under_the_section():
    b = GraphBuilder()
    doc = b.add("document", "行政助理问答")
    sec = b.add("point", "档案室管理", doc, mnemonic="防火防潮")
    q = b.add("point", "档案室应满足哪些条件", sec, count=2)
    for i in ("防火", "防潮"):
        b.add("item", i, sec)
    other = b.add("point", "借阅档案的手续", sec)
    for i in ("填写借阅单", "领导签字", "按期归还"):
        b.add("item", i, other)
    assert q
    cards = generate_cards(b.graph, segmenter=WordCutter())
    backs = {c.front: c.back for c in cards if c.kind == "item_parent"}
    assert "档案室管理" not in backs.values(), backs


# -- 6. garbled 判断 stems, brackets in explanations ------------------------------------------------------


RULES = """客服话术复习
一、话术编写的要求
1. 口语自然：坐席读来就会
2. 内容准确：不用“大概”“应该”等含糊说法
3. 便于考核：质检人员能逐句核对
二、话术的组成
开场白、需求确认、结束语（口诀：开需结（三个都要背。
"""


def test_a_clause_with_its_own_subject_is_no_judged_description():
    for q in _questions(RULES):
        if q.type == "判断":
            assert "读来就会" not in q.stem, q.stem


def test_explanations_close_their_brackets():
    from cskexam.core.questions import _closed
    assert _closed("见笔记：开需结（三个都要背。") == "见笔记：开需结（三个都要背）。"
    for q in _questions(RULES):
        assert q.explanation.count("（") == q.explanation.count("）"), q.explanation
