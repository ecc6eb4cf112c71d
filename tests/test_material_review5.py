"""Cards and questions on notes nobody tuned on, fifth review: no falsehood or distractor made of a
near twin of a right answer (基本信息 beside 基本资料), list names without the count run on after them
(…体系 四级, …模型 3个指标), a bare count and noun (四个作业区域) named with its owner, a list under
「X的含义与特点」 asked for the 特点 it lists, and 繁體 template words that keep 同, 合, 面 as they are."""

from __future__ import annotations

import random

import pytest

from cskexam.core.cards import generate_cards
from cskexam.core.distractors import near_twin
from cskexam.core.notes.parser import NoteSource, parse_notes
from cskexam.core.questions import generate_questions
from cskexam.core.script_forms import NotesScript, to_traditional


def _material(name: str, text: str, seed: int = 1):
    graph = parse_notes([NoteSource(name, text)])
    return generate_cards(graph), generate_questions(graph, random.Random(seed))


STORE = """仓储管理复习
一、库存记录的类型
原料库存：入库信息 领用信息 盘点信息
成品库存：入库资料 出货状况 退货状况 质检信息

二、盘点差异的层次 四级
1）一级差异：账实总额不符
2）二级差异：品类数量不符
3）三级差异：批次数量不符
4）四级差异：单件位置不符

三、拣货路线 3个原则
1.先近后远
2.先重后轻
3.先整后零

四、货架布局
1.三种通道
主通道、副通道、检修通道
2.四个作业区域
收货区、存储区、拣货区、发货区

五、安全库存的含义与特点
1.动态性：随需求波动调整
2.缓冲性：吸收供应的不确定
3.成本性：占用资金产生持有成本
"""


def test_near_twins_are_one_qualifier_before_another_last_word():
    assert near_twin("基本信息", "基本资料")
    assert near_twin("消费信息", "消费记录")
    assert near_twin("负责人信息", "企业负责人信息")
    # Opposite kinds differ in their first characters; an owner word shared by many items is no qualifier.
    assert not near_twin("宏观环境", "微观环境")
    assert not near_twin("一级指标", "二级指标")
    assert not near_twin("负责人信息", "基本信息")
    assert not near_twin("顾客期望", "顾客满意", ["顾客期望", "感知质量", "顾客满意", "顾客抱怨", "顾客忠诚"])
    assert not near_twin("库存周转很快", "库存周转很慢")  # opposites in one last character
    # Two parts of one document, not two words for one kind of thing: neither last word ends another item.
    assert not near_twin("封面图书标志", "封面图书署名", ["封面图书标志", "书号", "定价", "封面图书署名", "版权页"])
    assert near_twin("基本信息", "基本资料", ["基本信息", "消费信息", "基本资料", "经营状况", "联系人信息"])


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_no_falsehood_or_distractor_is_a_near_twin_of_a_right_answer(seed):
    _, questions = _material("store.txt", STORE, seed)
    raw = [q for q in questions if "库存" in q.stem]
    assert any(q.type == "多选" for q in raw), [q.stem for q in questions]
    lists = {"原料库存": {"入库信息", "领用信息", "盘点信息"}, "成品库存": {"入库资料", "出货状况", "退货状况", "质检信息"}}
    twins = {"入库信息": "入库资料", "入库资料": "入库信息"}
    for q in raw:
        owner = next((k for k in lists if k in q.stem), None)
        if owner is None:
            continue
        members = lists[owner]
        if q.type == "判断" and q.answer == "错" and "属于" in q.stem:
            item = q.stem.split("属于")[0]
            assert twins.get(item) not in members, q.stem  # 入库信息属于成品库存 is true in substance
        if q.type in ("单选", "多选"):
            for option in q.options.values():
                if option not in members:
                    assert twins.get(option) not in members, (q.stem, q.options)
        if q.type == "判断" and "包括" in q.stem and q.answer == "错":
            named = q.stem.split("包括")[1].rstrip("。").split("、")
            assert not any(twins.get(n) in members for n in named if n not in members), q.stem


def test_a_run_on_count_is_no_part_of_the_name():
    cards, questions = _material("store.txt", STORE)
    texts = [c.front for c in cards] + [q.stem for q in questions]
    assert not any("层次四级" in t for t in texts), texts
    assert not any("3个原则" in t for t in texts), texts
    assert any(t.startswith("盘点差异的层次") for t in [c.front for c in cards]), texts
    assert any("拣货路线的原则" in c.front for c in cards), [c.front for c in cards]
    assert any("拣货路线的原则" in q.stem for q in questions if q.type in ("填空", "简答"))


def test_a_count_inside_a_name_or_after_de_stays():
    from cskexam.core.card_text import list_heading

    assert list_heading("柯氏四级评估模型", 4) == "柯氏四级评估模型"
    assert list_heading("仓库安全的五大原则", 5) == "仓库安全的五大原则"
    assert list_heading("堆码方法包括三种方式", 3) == "堆码方法包括三种方式"
    assert list_heading("盘点差异的层次 四级", 3) == "盘点差异的层次 四级"  # a count that differs says more
    # A count and a noun written into the name, without a space: the name as the notes give it.
    assert list_heading("园林八大名景", 8) == "园林八大名景"
    assert list_heading("仓储作业三个基本环节", 3) == "仓储作业三个基本环节"


def test_a_bare_count_and_noun_is_named_with_its_owner():
    cards, questions = _material("store.txt", STORE)
    asked = [q.stem for q in questions if q.type in ("填空", "简答") and "作业区域" in q.stem]
    assert asked, [q.stem for q in questions]
    assert all(s.startswith("货架布局的四个作业区域") for s in asked), asked
    assert any("货架布局的四个作业区域" in c.front for c in cards)


def test_a_label_of_a_kind_is_named_as_the_kind_of_the_owner():
    _, questions = _material("store.txt", STORE)
    stems = [q.stem for q in questions if "成品库存" in q.stem]
    assert stems
    # 成品库存 under 库存记录的类型 is a kind of 库存记录: its items are records, not stock.
    assert all("成品库存记录" in s for s in stems), stems


def test_a_list_of_traits_under_meaning_and_traits_asks_for_the_traits():
    cards, questions = _material("store.txt", STORE)
    texts = [c.front for c in cards if "安全库存" in c.front] + [q.stem for q in questions if "安全库存" in q.stem]
    assert texts
    assert not any("含义" in t for t in texts), texts
    assert any("安全库存的特点" in t for t in texts), texts


def test_meaning_and_traits_as_entries_keep_the_heading():
    cards, _ = _material("term.txt", """质量管理笔记
一、全面质量的含义与特点
1.含义：全员参与的质量管理
2.特点：预防为主、持续改进
""")
    assert [c.front for c in cards if c.kind == "list"] == ["全面质量的含义和特点分别是什么？"]


FANTI = """倉儲管理講義
一、庫存控制的特徵
1.動態性：隨需求波動調整
2.緩衝性：吸收供應的不確定
3.經濟性：兼顧持有成本與缺貨損失
4.系統性：覆蓋採購、倉儲與配送
"""


def test_traditional_template_words_keep_characters_that_are_traditional_too():
    _, questions = _material("fanti.txt", FANTI)
    explained = " ".join(q.explanation for q in questions)
    assert "與此不同" in explained, explained
    assert "衕" not in explained
    script = NotesScript(FANTI)
    assert script("题中说的X与此不同") == "題中說的X與此不同"
    # OpenCC's first reading: 同, 合, 千, 面, 系, 教 stay; 后, 里, 发, 么 take their usual form.
    assert to_traditional("合作面向千秋教学体系") == "合作面向千秋教學體系"
    assert to_traditional("以后里面发展什么") == "以後裡面發展什麼"
