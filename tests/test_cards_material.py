"""List cards of sub-lists: named as a part of their heading, with no mnemonic that is not theirs."""

from cskexam.core.cards import generate_cards
from cskexam.core.notes.parser import NoteSource, parse_notes

DOCUMENTS = """秘书资格备考
第二节 通用公文的制发程序
一、通用公文的制发程序有六个：草拟、审核、签发、复核、缮印、用印
二、审核
（1）审核行文方式是否妥当
（2）审核是否符合行文规则
（3）审核格式是否规范
口诀：草审签复缮用（谐音“曹审签，复善用”）
"""

AGEING = """發展心理學
9. 老年期的心理變化:
感知覺:退化明顯,首先是視覺和聽覺
記憶:機械記憶下降,意義記憶保持得較好
智力:流體智力下降,晶體智力保持穩定甚至有所上升
"""


def _cards(name, text):
    return generate_cards(parse_notes([NoteSource(name, text)]))


def test_a_mnemonic_of_the_parents_steps_is_not_shown_on_a_sub_list():
    for c in _cards("docs.txt", DOCUMENTS):
        if "审核行文方式" in c.back:
            assert "草审签" not in c.front + c.back, (c.front, c.back)


def test_a_remark_read_as_a_mnemonic_is_not_put_on_the_front():
    for c in _cards("age.txt", AGEING):
        assert "機械記憶" not in c.front, c.front


def test_a_short_sub_list_is_asked_within_its_heading():
    from cskexam.core.card_fronts import list_front
    from cskexam.core.graph import Node

    parent = Node("p", "point", "通用公文的制发程序")
    node = Node("n", "point", "审核", parent="p")
    front = list_front(node, parent, None, ["审核行文方式是否妥当", "审核是否符合行文规则"])
    assert front == "在通用公文的制发程序中，审核包括哪些内容？"


def test_a_short_name_that_says_what_but_not_of_what_is_asked_with_its_heading():
    from cskexam.core.card_fronts import list_front
    from cskexam.core.graph import Node

    def front(title: str, upper: str) -> str:
        parent = Node("p", "point", upper)
        return list_front(Node("n", "point", title, parent="p"), parent, None, ["甲", "乙", "丙"])

    assert front("制定原则", "服务标准的制定") == "服务标准的制定原则有哪些？"
    assert front("储存方法", "茶叶储存") == "茶叶储存方法有哪些？"
    assert front("设计步骤", "薪酬体系") == "薪酬体系的设计步骤依次是什么？"
    assert front("咨询师方面", "影响咨询关系的因素") == "在影响咨询关系的因素中，咨询师方面包括哪些方面？"
    assert front("以实际训练为主", "常用的教学方法") == "常用的教学方法中，以实际训练为主的有哪些？"
    # a name that carries its subject, or a chapter above it, stays as it is
    assert front("沟通原则", "第二章 客户沟通") == "沟通原则有哪些？"
    assert front("服务标准的制定原则", "服务标准") == "服务标准的制定原则有哪些？"


def test_classes_named_only_by_a_label_show_what_each_class_is():
    text = ("一、客户服务\n（一）客户服务的概念\n1、广义：一切能提高客户满意度的活动\n2、狭义：在客户购买前后提供的支持与帮助\n"
            "（二）培训课程\n按培训内容可分为：知识类课程、技能类课程、态度类课程\n")
    cards = _cards("labels.txt", text)
    [concept] = [c for c in cards if "客户服务的概念" in c.front]
    assert "广义：一切能提高客户满意度的活动" in concept.back and "狭义：" in concept.back
    assert "按培训内容，培训课程有哪些？" in [c.front for c in cards]
