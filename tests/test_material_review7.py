"""Cards and questions on made-up notes, seventh review: a cut at 是/指 never leaves a modal (应, 一般,
就…) on the answer's side, a title that is an exam's question (简述…, 试论述…, 如何…) is never
stated as a key point, a list the notes leave open (…等因素) or a phrase cut at its 、 offers no
option, and a bare description of an item is blanked with the item named."""

from __future__ import annotations

import random
import re

import pytest

from cskexam.core.cards import generate_cards
from cskexam.core.exam_asks import asks_exam_question
from cskexam.core.modal_words import defined_term, modal_tail
from cskexam.core.notes.parser import NoteSource, parse_notes
from cskexam.core.question_doubt import open_entry, phrase_in_pieces
from cskexam.core.questions import generate_questions

_MODAL_END = re.compile(r"(应|应该|应当|必须|要|就|都|也|只|才|可以|能|会|一般|通常|往往|并非|不)$")


def _material(text: str, name: str = "notes.txt", seeds=(1,)):
    graph = parse_notes([NoteSource(name, text)])
    questions = [q for seed in seeds for q in generate_questions(graph, random.Random(seed))]
    return generate_cards(graph), questions


MODALS = """客户满意度测评复习
一、满意度测评的原则
1. 可控性原则
测评的指标应是企业能够控制和改进的。
2. 可测性原则
测评的指标必须是可以统计和计算的。
3. 对比性原则
测评指标一般是能够与同行业比较的。
二、客户服务的要点
1. 投诉渠道
投诉渠道都是企业收集意见的重要来源。
2. 服务承诺
服务承诺也是企业对客户的一种保证。
3. 服务态度
服务态度才是客户最看重的因素。
4. 满意度调查
满意度调查往往是企业改进服务的依据。
5. 呼叫中心
呼叫中心可以是企业与客户联系的枢纽。
6. 服务补救
服务补救并非是对所有失误的赔偿。
7. 封闭式提问
让客户回答是或否。
"""


def test_a_blank_never_ends_on_a_modal_and_the_stem_keeps_it():
    _, questions = _material(MODALS, seeds=(1, 2))
    fills = [q for q in questions if q.type == "填空"]
    assert fills, [q.stem for q in questions]
    for q in fills:
        assert not _MODAL_END.search(str(q.answer)), (q.stem, q.answer)
        assert str(q.answer) not in ("或否", "服务补救并非"), q.stem
    stems = {q.stem: q.answer for q in fills}
    assert stems.get("____应是企业能够控制和改进的。") == "测评的指标"
    assert stems.get("____一般是能够与同行业比较的。") == "测评指标"
    assert stems.get("____都是企业收集意见的重要来源。") == "投诉渠道"


def test_a_blank_the_heading_names_is_no_question():
    # 测评的指标 under 测评指标的选择原则: the heading says it, with or without its 的.
    _, questions = _material(MODALS.replace("满意度测评的原则", "测评指标的选择原则"), seeds=(1, 2))
    assert not any(q.type == "填空" and "测评" in str(q.answer) and "指标" in str(q.answer) for q in questions)


def test_a_modal_is_cut_only_where_it_is_a_word_of_its_own():
    # With the segmenter's word boundaries: 应 of 测评的指标应 is a word, 应 of 晕轮效应 is not.
    assert modal_tail("测评的指标应", {0, 2, 3, 5, 6}) == 5
    assert modal_tail("晕轮效应", {0, 2, 4}) == 4
    assert modal_tail("客户服务通常") == 4
    assert modal_tail("测评指标一般都") == 4
    # Without one, only characters that end few words, and not in those words.
    assert modal_tail("首问负责制就") == 5
    assert modal_tail("人才") == 2 and modal_tail("优秀人才") == 4 and modal_tail("企业成就") == 4
    assert modal_tail("社会") == 2 and modal_tail("职能") == 2


@pytest.mark.parametrize("term, text, want", [
    ("客户服务通常", "指企业为客户提供的各种支持活动", ("客户服务", "通常是指企业为客户提供的各种支持活动")),
    ("首问负责制就", "指首位接待人员负责到底的制度", ("首问负责制", "就是指首位接待人员负责到底的制度")),
    ("晕轮效应", "指对人的某种品质形成印象后泛化的现象", ("晕轮效应", "指对人的某种品质形成印象后泛化的现象")),
    ("服务人才", "指具备服务技能的员工", ("服务人才", "指具备服务技能的员工")),
])
def test_a_defined_term_loses_the_modal_the_definition_keeps(term, text, want):
    assert defined_term(term, text) == want


DEFINED = """服务基础
第一章 客户服务概述
一、概念辨析
客户价值通常是指客户在关系期内为企业带来的利润总和。
首问负责制就是指首位接待客户的员工负责到底的制度。
服务失误一般是指服务表现未达到客户期望的情况。
二、客户投诉一般分为四种类型
1. 产品质量投诉
2. 服务态度投诉
3. 价格投诉
4. 诚信投诉
三、客户信息通常由三个部分组成
1. 基本信息
2. 交易信息
3. 行为信息
"""


def test_a_definition_card_names_the_term_without_its_modal():
    cards, questions = _material(DEFINED)
    fronts = {c.front: c.back for c in cards if c.kind == "definition"}
    assert fronts.get("什么是客户价值？", "").startswith("客户价值通常是指"), fronts
    assert "什么是首问负责制？" in fronts, fronts
    assert not any(_MODAL_END.search(f.removeprefix("什么是").rstrip("？")) for f in fronts), fronts
    backs = [c.back for c in cards if c.kind == "item_definition"]
    assert "客户价值" in backs and "首问负责制" in backs, backs
    assert not any(_MODAL_END.search(b) for b in backs), backs
    for q in questions:
        assert "一般的" not in q.stem and "通常的" not in q.stem, q.stem  # 客户投诉一般的类型
    assert any(q.stem.startswith("客户投诉的类型") for q in questions), [q.stem for q in questions]


@pytest.mark.parametrize("title", [
    "简述客户关系管理的含义及其作用", "试论述客户满意与客户忠诚的关系", "试述客户服务的特性", "阐述服务标准的作用",
    "试分析呼叫中心的发展趋势", "说明服务质量差距模型的主要内容", "什么是客户生命周期", "如何提高客户忠诚度",
    "为什么要进行客户细分？", "怎样处理客户投诉", "请简述服务补救的步骤", "客户投诉的类型有哪些", "服务质量是什么",
    "比较客户满意与客户忠诚的区别", "2. 简述呼叫中心的含义。",
])
def test_exam_questions_are_told(title):
    assert asks_exam_question(title)


@pytest.mark.parametrize("title", [
    "客户关系管理", "分析投诉原因", "说明产品的特点", "概述评估实施的过程", "请示", "请示的特点", "如何", "为何",
    "[重视营销环境?]", "说明书", "管理幅度", "权责对等",
])
def test_key_points_and_steps_are_no_exam_questions(title):
    assert not asks_exam_question(title)


QUESTION_TITLES = """第六章 客户关系管理
一、客户关系管理
（一）简述客户关系管理的含义及其作用（共四项）
1. 提高客户满意度
2. 增强客户忠诚度
3. 降低营销成本
4. 提升企业利润
（二）试论述客户关系管理的实施步骤（共四项）
1. 明确目标
2. 分析现状
3. 选择系统
4. 实施与评估
二、客户关系管理的原则
1. 如何进行客户分级
指按客户价值将客户分为不同等级。
2. 客户分级
指按客户价值将客户分为不同等级并区别对待。
3. 客户识别
指找出企业的目标客户和潜在客户。
4. 客户保持
指通过提高客户满意度维持现有客户。
三、重点问答
1. 简述客户细分的含义
指按照客户的属性将客户划分为不同群体。
2. 客户细分的依据
指客户的人口特征、消费行为和价值贡献。
3. 什么是客户流失
指客户终止与企业的交易关系。
"""

_ASKS = re.compile(r"简述|论述|试述|如何|什么是|为什么")


def test_no_question_or_card_states_an_exam_question_as_a_key_point():
    cards, questions = _material(QUESTION_TITLES, seeds=range(6))
    for q in questions:
        said = [q.stem, *q.options.values()] + ([str(q.answer)] if q.type in ("填空", "简答") else [])
        assert not any(_ASKS.search(s) for s in said), (q.type, q.stem, q.options, q.answer)
    for c in cards:
        assert not _ASKS.search(c.back), (c.front, c.back)
        assert not c.front.startswith("什么是简述"), c.front
        if c.kind != "list":
            assert not _ASKS.search(c.front.removeprefix("什么是")), c.front
    fronts = [c.front for c in cards if c.kind == "list"]
    assert "客户关系管理的作用包括哪四个方面？" in fronts, fronts  # 含义及其作用 lists the 作用
    assert any(f.startswith("客户关系管理的实施") for f in fronts), fronts


QA_SHEET = """客户服务问答
一、简答题
1. 简述客户关系管理的含义。
答：指企业识别、保持和发展客户以提升客户价值的管理过程。
2. 简述客户生命周期价值的含义。
答：指一个客户在与企业保持关系的整个期间内为企业带来的全部利润的现值。
3. 简述服务补救的含义。
答：指服务失误发生后企业采取的即时性和主动性的反应。
"""


def test_a_question_sheet_gives_no_judgement_about_its_titles():
    _, questions = _material(QA_SHEET, seeds=range(6))
    for q in questions:
        if q.type in ("判断", "单选", "多选"):
            assert not _ASKS.search(q.stem + "".join(q.options.values())), q.stem


ENVIRONMENT = """客户服务环境
一、宏观环境
1. 政治法律环境：国家的政策、法律法规对企业客户服务的影响。
2. 经济环境：经济发展水平、居民收入等因素。
3. 社会文化环境：价值观念、风俗习惯、宗教信仰等因素。
4. 科学技术环境：新技术的出现和应用。
二、微观环境
1. 企业内部环境：企业的组织结构、企业文化和员工素质。
2. 客户：企业服务的对象。
3. 竞争者：与企业争夺同一客户群的其他企业。
4. 供应商：向企业提供资源的组织。
三、服务标准的分类
1. 硬件标准：与服务设施、设备、环境相关的标准。
2. 软件标准：与服务人员行为、态度、流程相关的标准。
四、客户服务战略的类型
1. 成本领先战略：通过降低服务成本获取竞争优势。
2. 差异化战略：提供与竞争者不同的服务。
3. 集中化战略：针对特定客户群提供服务。
"""


def test_an_open_series_or_a_phrase_in_pieces_offers_nothing():
    assert open_entry("居民收入等因素") and open_entry("行踪轨迹等信息") and open_entry("价值观念等")
    assert not open_entry("权责对等") and not open_entry("男女平等") and not open_entry("等级")
    assert phrase_in_pieces(["与服务设施", "设备", "环境相关的标准"])
    assert not phrase_in_pieces(["与客户沟通", "记录问题", "跟踪服务"])
    cards, questions = _material(ENVIRONMENT, seeds=range(4))
    for q in questions:
        said = q.stem + "".join(q.options.values()) + str(q.answer)
        assert "等因素" not in said, (q.stem, q.options)
        assert "与服务设施" not in said and "环境相关的标准" not in said, q.stem
    assert not any("与服务设施" in c.back for c in cards), [c.back for c in cards]


def test_a_bare_description_is_blanked_with_its_item_named():
    _, questions = _material(ENVIRONMENT, seeds=range(4))
    fills = [q.stem for q in questions if q.type == "填空"]
    assert "提供与____不同的服务。" not in fills, fills
    assert "差异化战略是提供与____不同的服务。" in fills, fills
