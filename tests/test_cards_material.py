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
    assert front == "在通用公文的制发程序中，审核包括哪些方面？"
