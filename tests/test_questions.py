"""Question generation from a hand-built graph of the real notes."""

import random

import pytest

from cskexam.core.grading import fold
from cskexam.core.graph import Node, SourceRef
from cskexam.core.questions import Question, generate_questions, question_id
from test_questions_helpers import by_title, sample_graph

MACRO = {"市场人口", "经济环境", "政治法律环境", "技术环境", "社会文化环境"}
MICRO = {"营销环境", "销售环境", "服务环境", "竞争者环境"}
COMPETITORS = {"愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"}


@pytest.fixture(scope="module")
def graph():
    return sample_graph()


@pytest.fixture(scope="module")
def questions(graph):
    return generate_questions(graph, random.Random(7))


def _one(questions, graph, title, kind):
    node = by_title(graph, title)
    (q,) = [q for q in questions if q.node == node.id and q.kind == kind]
    return q


def test_single_definition_uses_sibling_competitors(questions, graph):
    q = _one(questions, graph, "普通竞争者", "single_definition")
    assert q.type == "单选"
    assert "指提供不同的产品以满足相同需求的竞争者" in q.stem
    assert set(q.options.values()) == COMPETITORS
    assert q.options[q.answer] == "普通竞争者"
    assert q.grade(q.answer).correct
    assert not q.grade("ABCD".replace(q.answer, "")[0]).correct


def test_multi_members_mixes_macro_items_with_micro_distractors(questions, graph):
    q = _one(questions, graph, "宏观环境分析", "multi_members")
    right = {q.options[k] for k in q.answer}
    wrong = set(q.options.values()) - right
    assert 2 <= len(right) <= 3 and right <= MACRO
    assert len(wrong) >= 2 and wrong <= MICRO  # environments of the sibling list 微观环境
    assert len(q.options) == 5
    assert q.grade("".join(q.answer)).correct


def test_distractors_never_come_from_below_the_list(questions, graph):
    q = _one(questions, graph, "微观环境", "single_member")
    wrong = {v for k, v in q.options.items() if k != q.answer}
    assert not wrong & COMPETITORS  # 品牌竞争者 is part of 竞争者环境, part of 微观环境
    assert q.options[q.answer] in MICRO


def test_judge_definition_true_names_the_item_false_names_a_sibling(graph):
    seen = set()
    for seed in range(12):
        q = _one(generate_questions(graph, random.Random(seed)), graph, "普通竞争者", "judge_definition")
        assert q.type == "判断" and q.options == {}
        assert "指提供不同的产品以满足相同需求的竞争者" in q.stem
        named = {t for t in COMPETITORS if t in q.stem}
        if q.answer == "对":
            assert named == {"普通竞争者"}
        else:
            assert len(named) == 1 and "普通竞争者" not in named
            assert "普通竞争者" in q.explanation
        seen.add(q.answer)
    assert seen == {"对", "错"}


def test_cloze_list_blanks_one_real_item(questions, graph):
    q = _one(questions, graph, "客户服务的五大特性", "cloze_list")
    assert q.type == "填空" and q.stem.count("____") == 1
    assert q.answer in {"无形性", "不可分性", "易消失性", "有偿性", "易变性"}
    assert q.answer not in q.stem
    assert q.grade(f" {q.answer} ").correct


def test_cloze_sentence_blanks_the_short_side_of_a_key_sentence(questions, graph):
    q = _one(questions, graph, "客户服务着装", "cloze_sentence")
    assert q.stem == "客户服务着装第一要素是____。" and q.answer == "整洁"
    q = _one(questions, graph, "技术环境", "cloze_sentence")
    assert q.stem == "____是社会生产力最新和最活跃的因素。" and q.answer == "科学技术"
    q = _one(questions, graph, "营销环境", "cloze_sentence")
    assert q.stem == "市场营销环境是一个____。" and q.answer == "动态系统"


def test_short_list_uses_items_as_scoring_points(questions, graph):
    q = _one(questions, graph, "客户服务的五大特性", "short_list")
    assert q.type == "简答"
    assert [p.point for p in q.points] == ["无形性", "不可分性", "易消失性", "有偿性", "易变性"]
    assert q.grade(q.answer).score == 1.0
    res = q.grade("无形性、不可分性、易消失性")
    assert res.score == pytest.approx(0.6) and "有偿性" in res.note


def test_every_question_is_well_formed(questions, graph):
    assert len(questions) > 30
    kinds = {q.kind for q in questions}
    assert kinds >= {"single_definition", "single_member", "single_not_member", "multi_members",
                     "judge_definition", "judge_members", "cloze_list", "cloze_sentence", "short_list"}
    for q in questions:
        assert q.node in graph and q.source == "generated"
        assert q.id == question_id(q.node, q.kind)
        assert q.document in {n.title for n in graph.documents()}
        assert q.explanation.startswith("见笔记「")
        if q.type in ("单选", "多选"):
            values = [fold(v) for v in q.options.values()]
            assert len(values) == len(set(values)), q.options
            assert not any(v.startswith("以上") for v in values)
            assert list(q.options) == list("ABCDEF"[: len(q.options)])
            assert len(q.options) == (4 if q.type == "单选" else 5)
            if q.type == "多选":
                assert 2 <= len(q.answer) <= 3
            assert q.grade(q.answer if q.type == "单选" else "".join(q.answer)).correct


def test_answers_are_supported_by_the_node(questions, graph):
    for q in questions:
        node = graph.get(q.node)
        kids = {c.title for c in graph.children(node.id)}
        if q.kind in ("single_member", "multi_members"):
            right = [q.options[k] for k in (q.answer if isinstance(q.answer, list) else [q.answer])]
            assert set(right) <= kids
        elif q.kind == "cloze_list":
            assert q.answer in kids
        elif q.kind in ("single_definition",):
            assert q.options[q.answer] == node.title
        elif q.kind == "cloze_sentence":
            assert q.answer in node.text


def test_same_seed_same_questions_other_seed_other_order_same_ids(graph):
    a = generate_questions(graph, random.Random(1))
    b = generate_questions(graph, random.Random(1))
    c = generate_questions(graph, random.Random(2))
    assert [q.to_dict() for q in a] == [q.to_dict() for q in b]
    assert [q.id for q in a] == [q.id for q in c]
    assert [q.options for q in a] != [q.options for q in c]


def test_a_question_does_not_change_when_unrelated_notes_change(graph):
    before = {q.id: q.to_dict() for q in generate_questions(graph, random.Random(3))}
    bigger = sample_graph()
    doc = bigger.documents()[1]
    extra = Node("extra-id", "point", "服务的构成要素", text="主体是服务的供应者", parent=doc.id,
                 source=SourceRef("x", 1))
    bigger.nodes[extra.id] = extra
    bigger.nodes[doc.id].children.append(extra.id)
    after = {q.id: q.to_dict() for q in generate_questions(bigger, random.Random(3))}
    comp = by_title(graph, "竞争者环境")
    for qid, data in before.items():
        if data["node"] in {comp.id} | {c for c in comp.children}:
            assert after[qid] == data


def test_kinds_filter(graph):
    qs = generate_questions(graph, random.Random(0), kinds=["short_list"])
    assert qs and {q.kind for q in qs} == {"short_list"}


def test_to_dict_has_exactly_the_public_keys(questions):
    assert set(questions[0].to_dict()) == {"id", "type", "stem", "options", "answer",
                                           "explanation", "node", "source"}
    q = questions[0]
    assert Question.from_record(q.to_record()).to_record() == q.to_record()


def test_empty_graph_gives_no_questions():
    from cskexam.core.graph import KnowledgeGraph

    assert generate_questions(KnowledgeGraph(), random.Random(0)) == []


def test_cloze_term_blanks_whole_domain_terms_only():
    from test_questions_helpers import _Builder

    b = _Builder()
    d = b.add("document", "客户服务管理师(二级)知识点")
    tech = b.add("point", "技术环境", d, "新技术革命给企业市场营销提供了新的形式，为客户提供使用新技术的机会")
    b.add("point", "市场营销", d, "市场营销以满足人类各需要和欲望为目的")
    b.add("point", "服务环境", d, "为客户提供售前、售中和售后的全方位服务")
    inner = b.add("point", "环境研究", d, "客户服务环境影响企业拓展客户的各种外部条件及内部因素")
    qs = {q.node: q for q in generate_questions(b.graph, random.Random(0), kinds=["cloze_term"])}
    q = qs[tech]
    assert q.stem == "新技术革命给企业____提供了新的形式，为客户提供使用新技术的机会。" and q.answer == "市场营销"
    assert q.grade("市场营销").correct
    # 服务环境 is a title, but inside 客户服务环境 it is not a word of its own.
    assert inner not in qs



def test_definitions_of_sees_definitions_added_later(bundled_graph):
    from cskexam.core.graph import Definition

    graph = bundled_graph
    node = next(n for n in graph if n.kind == "item" and not graph.definitions_of(n.id))
    graph.definitions.append(Definition(node.title, "测试用的定义。", node.id))
    try:
        assert [d.text for d in graph.definitions_of(node.id)] == ["测试用的定义。"]
    finally:
        graph.definitions.pop()
    assert graph.definitions_of(node.id) == []


def test_outsiders_are_of_the_key_s_category_never_org_units(bundled_graph):
    from cskexam.core.questions import _Context

    ctx = _Context(bundled_graph)
    for info in ctx.lists:
        outsiders = ctx.outsiders(info)
        # only items of a list of the same classification beside it (市场人口 of 宏观环境 for 微观环境)
        beside = {i.title for o in ctx.sibling_lists(info) for i in o.items}
        assert all(o in beside for o in outsiders), (info.node.title, outsiders)
        if info.category in ("org", "role"):
            assert outsiders == []
    by_title = {info.node.title: info for info in ctx.lists}
    assert set(ctx.outsiders(by_title["微观环境"])) >= {"经济环境", "技术环境"}
    # 协作机制 and 监督与改进 are two parts of an article, not classes of one division
    assert ctx.outsiders(by_title["协作机制"]) == []
    assert ctx.outsiders(by_title["客户服务的五大特性"]) == []  # 职业道德的三大特点 is beside it, but no traits


def test_items_are_judged_once_true_and_once_false_per_list(bundled_graph):
    qs = [q for q in generate_questions(bundled_graph, random.Random(5), kinds=["judge_item"])]
    by_list: dict[str, list] = {}
    for q in qs:
        item = bundled_graph.get(q.node)
        assert item.kind in ("item", "point") and q.stem.split("属于")[0].endswith(item.title)
        by_list.setdefault(bundled_graph.parent(q.node).title, []).append(q.answer)
    assert sorted(by_list["微观环境"]) == ["对", "错"]
    assert all(sorted(a) == ["对", "错"] or len(a) == 1 for a in by_list.values())
    # 协作机制 and 监督与改进 are headings of an article, no concept a paper asks 「X属于Y」 about.
    assert not [q for q in qs if "协作机制" in q.stem or "监督与改进" in q.stem]


def test_negative_multiple_choice_keys_the_outsiders(bundled_graph):
    qs = generate_questions(bundled_graph, random.Random(3), kinds=["multi_not_members"])
    assert qs
    for q in qs:
        assert "不属于" in q.stem and len(q.options) == 5 and 2 <= len(q.answer) <= 3
        members = {k.title for k in bundled_graph.children(q.node)}
        assert {q.options[k] for k in q.answer}.isdisjoint(members)
        assert {v for k, v in q.options.items() if k not in q.answer} <= members
