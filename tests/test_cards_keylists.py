"""Key lists of a candidate's notes get a card: counted, mnemonic-marked or nested lists; their
details, asides and notes about the notes do not."""

from __future__ import annotations

from cskexam.core.card_text import full_width
from cskexam.core.cards import generate_cards
from cskexam.services.notes import load_graph

NOTES = """# 第五章 客户关系维护（笔记）

## 一、客户流失的原因
1）价格因素
2）服务因素：响应慢、敷衍、态度差
3）竞争对手吸引（促销、更好的产品）
4）客户需求变化
记：“价、服、竞、需” 四个字

## 二、维护客户的方法
1、沟通方法：主动联系，定期问候、回访
2、关怀方法：节日问候
3、激励方法：积分奖励
（激励方法最常考，注意区分）

## 三、客户经理的能力要求
心理能力：抗压、自控、乐观
专业能力：产品知识、行业知识、谈判
"""


def _cards(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    return generate_cards(load_graph([path]))


def test_a_list_whose_entries_have_details_still_gets_its_card(tmp_path):
    cards = _cards(tmp_path)
    reasons = [c for c in cards if c.kind == "list" and "客户流失的原因" in c.front]
    assert len(reasons) == 1
    card = reasons[0]
    assert "哪四个" in card.front and "价、服" not in card.front  # the keys would prompt the items
    assert card.back.splitlines()[:4] == ["1. 价格因素", "2. 服务因素", "3. 竞争对手吸引", "4. 客户需求变化"]
    assert "口诀：价、服、竞、需" in card.back


def test_details_of_an_entry_and_split_sentences_give_no_list(tmp_path):
    fronts = [c.front for c in _cards(tmp_path) if c.kind == "list"]
    assert not [f for f in fronts if f.startswith(("服务因素", "竞争对手吸引", "沟通方法"))]
    assert "维护客户的方法有哪些？" in fronts


def test_a_list_of_lists_gets_a_card_and_its_parts_name_it(tmp_path):
    fronts = [c.front for c in _cards(tmp_path) if c.kind == "list"]
    assert "客户经理的能力要求包括哪些方面？" in fronts
    assert "在客户经理的能力要求中，心理能力包括哪些方面？" in fronts


def test_no_cloze_from_an_aside(tmp_path):
    assert not [c for c in _cards(tmp_path) if c.kind == "cloze" and "最常考" in c.front]


def test_punctuation_beside_chinese_is_full_width():
    assert full_width("客户,服务(售后):好") == "客户，服务（售后）：好"
    assert full_width("3.5, a:b") == "3.5, a:b"


def test_labelled_entries_show_their_content_and_key_marks_leave_the_title(tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text("""# 服务质量
## 一、差距模型
差距一：认知差距
差距二：标准差距
差距三：传递差距
## 二、神秘顾客暗访法
优点：真实、客观
缺点：成本高、样本少
## 三、服务人员的素养 —— 必须记住
1. 职业态度
  - 热爱工作
  - 尊重客户
2. 职业形象
  - 着装整洁
  - 举止得体
""", encoding="utf-8")
    lists = {c.front.replace("在服务质量中，", ""): c.back
             for c in generate_cards(load_graph([notes])) if c.kind == "list"}
    assert lists["差距模型包括哪些方面？"].splitlines()[0] == "1. 差距一：认知差距"
    assert lists["神秘顾客暗访法的优点和缺点分别是什么？"].splitlines() == ["1. 优点：真实、客观", "2. 缺点：成本高、样本少"]
    assert lists["服务人员的素养包括哪些方面？"].splitlines() == ["1. 职业态度", "2. 职业形象"]
    assert "在服务人员的素养中，职业态度包括哪些方面？" in lists


def test_a_sentence_listing_entries_after_one_lead_is_a_list():
    from cskexam.core.card_lists import repeated_lead_lists

    text = "规范的服务流程有助于减少差错，有助于提高效率，有助于树立形象。"
    assert repeated_lead_lists(text) == [("规范的服务流程", "有助于", ["减少差错", "提高效率", "树立形象"])]
    assert repeated_lead_lists("服务有助于减少差错，提高效率。") == []
