"""Blueprints, paper assembly, the exam state machine and scoring (pure core)."""

import random
from collections import Counter

import pytest

from cskexam.core import exam
from cskexam.display import format_clock
from cskexam.core.exam import (
    Blueprint,
    BlueprintError,
    ExamAttempt,
    Section,
    apportion,
    assemble_paper,
    graph_parts,
    parse_blueprint,
    score_paper,
)
from cskexam.core.grading import ScoringPoint
from cskexam.core.questions import Question, generate_questions
from cskexam.services.exam import PRESET_DIR
from test_questions_helpers import DOC1, DOC2, DOC3, by_title, sample_graph

SMALL = """
name: 小卷
minutes: 10
pass_mark: 12
sections:
  - {type: 单选, count: 6, points: 2}
  - {type: 多选, count: 2, points: 3, partial_credit: false}
  - {type: 判断, count: 3, points: 1}
"""


@pytest.fixture(scope="module")
def graph():
    return sample_graph()


@pytest.fixture(scope="module")
def questions(graph):
    """The generated questions, topped up so that every key point has a 单选 and a 判断:
    these tests are about papers and scoring, not about which nodes the generator can use."""
    made = generate_questions(graph, random.Random(7))
    have = {(q.node, q.type) for q in made}
    extra = []
    for n in graph:
        if n.kind not in ("point", "item"):
            continue
        if (n.id, "单选") not in have:
            extra.append(Question(f"t-s-{n.id}", "单选", f"关于{n.title}，下列说法正确的是（ ）。", "B",
                                  {"A": "甲", "B": "乙", "C": "丙", "D": "丁"}, node=n.id, kind="test"))
        if (n.id, "判断") not in have:
            extra.append(Question(f"t-j-{n.id}", "判断", f"{n.title}是笔记中的知识点。", "对", node=n.id, kind="test"))
    return made + extra


def small():
    return parse_blueprint(SMALL, "small.yaml")


# -- blueprints ------------------------------------------------------------------------

def test_presets_parse_with_the_issue_figures():
    bps = {b.name: b for b in (parse_blueprint(p.read_text("utf-8"), p.name) for p in PRESET_DIR.glob("*.yaml"))}
    theory = bps["理论知识模拟"]
    assert [(s.type, s.count, s.points) for s in theory.sections] == [("单选", 60, 1), ("多选", 20, 1), ("判断", 20, 1)]
    assert (theory.total_points, theory.minutes, theory.pass_mark) == (100, 90, 60)
    skills = bps["技能操作模拟"]
    assert {s.type for s in skills.sections} == {"简答", "案例分析"}
    assert (skills.total_points, skills.minutes) == (100, 120)
    assert bps["随堂小测"].question_count == 20
    assert theory.summary() == "单选 60×1 + 多选 20×1 + 判断 20×1 = 100 分，90 分钟，60 分合格"


@pytest.mark.parametrize("edit, line, words", [
    (("count: 6", "count: 0"), 6, "题数 count"),
    (("type: 判断", "type: 连线"), 8, "题型 type"),
    (("minutes: 10", "minutes: 十"), 3, "考试时长"),
    (("pass_mark: 12", "pass_mark: 99"), 4, "高于满分"),
    (("partial_credit: false", "partial: false"), 7, "未知字段「partial」"),
])
def test_bad_blueprints_name_file_and_line(edit, line, words):
    with pytest.raises(BlueprintError) as info:
        parse_blueprint(SMALL.replace(*edit), "mine.yaml")
    assert info.value.file == "mine.yaml" and info.value.line == line
    assert words in info.value.message


def test_broken_yaml_is_a_blueprint_error():
    with pytest.raises(BlueprintError) as info:
        parse_blueprint("name: x\nsections: [unclosed\n", "b.yaml")
    assert info.value.file == "b.yaml" and info.value.line


def test_user_blueprint_replaces_a_preset_by_name():
    a = Blueprint("随堂小测", (Section("单选", 20, 5),), 15, 60, order=3)
    b = Blueprint("随堂小测", (Section("判断", 10, 10),), 5, 60, order=3, source="user.yaml")
    c = Blueprint("我的卷", (Section("判断", 10, 10),), 5, 60, order=9)
    merged = exam.merge_blueprints([a], [b, c])
    assert [m.source for m in merged] == ["user.yaml", ""] and merged[1].name == "我的卷"


# -- apportionment and parts -------------------------------------------------------------

def test_apportion_is_proportional_with_a_minimum_and_caps():
    assert apportion(10, {"a": 60, "b": 30, "c": 10}) == {"a": 6, "b": 3, "c": 1}
    assert apportion(10, {"a": 98, "b": 1, "c": 1}, minimum=1) == {"a": 8, "b": 1, "c": 1}
    # b can take only 1: the rest goes to the others in proportion
    assert apportion(10, {"a": 50, "b": 40, "c": 10}, {"a": 10, "b": 1, "c": 10}) == {"a": 8, "b": 1, "c": 1}
    assert sum(apportion(50, {"a": 1, "b": 1}, {"a": 5, "b": 5}).values()) == 10


def test_parts_by_document_and_by_chapter(graph):
    docs, part_of = graph_parts(graph, "document")
    assert [p.title for p in docs] == [DOC1, DOC2, DOC3]
    assert part_of[by_title(graph, "品牌竞争者").id] == docs[0].id
    chapters, _ = graph_parts(graph, "chapter")
    assert [p.title for p in chapters] == [f"{DOC1} › 第一章客户服务策划", f"{DOC2} › 第一部分:基础知识部分", DOC3]
    assert sum(p.weight for p in docs) == len(graph)


# -- assembly ------------------------------------------------------------------------------

def test_same_seed_same_paper_other_seed_other_paper(graph, questions):
    ids = lambda seed: [i.question.id for i in assemble_paper(small(), graph, questions, random.Random(seed)).items]
    assert ids(3) == ids(3)
    assert ids(3) != ids(4)
    # input order does not matter, only the seed
    shuffled = list(reversed(questions))
    assert [i.question.id for i in assemble_paper(small(), graph, shuffled, random.Random(3)).items] == ids(3)


def test_never_two_questions_on_the_same_key_point(graph, questions):
    for seed in range(20):
        paper = assemble_paper(small(), graph, questions, random.Random(seed))
        nodes = [i.question.node for i in paper.items]
        assert len(nodes) == len(set(nodes)) == 11
        assert [i.question.type for i in paper.items] == ["单选"] * 6 + ["多选"] * 2 + ["判断"] * 3
        assert [i.number for i in paper.items] == list(range(1, 12))


def test_every_document_gets_a_question_and_big_parts_get_more(graph, questions):
    for seed in range(10):
        paper = assemble_paper(small(), graph, questions, random.Random(seed))
        per_doc = Counter(i.part_title for i in paper.items)
        assert per_doc[DOC1] >= 1 and per_doc[DOC2] >= 1


def test_authored_questions_are_preferred(graph, questions):
    node = by_title(graph, "普通竞争者").id
    authored = Question("jn-001", "单选", "指提供不同的产品以满足相同需求的竞争者是（ ）。", "B",
                        {"A": "愿望竞争者", "B": "普通竞争者", "C": "产品形式竞争者", "D": "品牌竞争者"},
                        node=node, source="bank", kind="authored")
    bp = Blueprint("单选卷", (Section("单选", 16, 1),), 10, 10, spread="none")
    for seed in range(5):
        paper = assemble_paper(bp, graph, questions + [authored], random.Random(seed))
        on_node = [i.question.id for i in paper.items if i.question.node == node]
        assert on_node == ["jn-001"]


def test_judgements_on_a_paper_are_half_true_half_false(graph):
    # Many more 对 than 错 on offer: answering 对 throughout must still earn half.
    nodes = [n for n in graph if n.kind in ("point", "item")]
    judged = [Question(f"j-{i}", "判断", f"陈述{i}。", "对" if i % 4 else "错", node=n.id, source="bank")
              for i, n in enumerate(nodes)]
    assert sum(q.answer == "错" for q in judged) >= 4
    for seed in range(10):
        bp = Blueprint("判断卷", (Section("判断", 8, 1),), 10, 5, spread="none")
        paper = assemble_paper(bp, graph, judged, random.Random(seed))
        assert Counter(i.question.answer for i in paper.items) == {"对": 4, "错": 4}
        odd = Blueprint("判断卷", (Section("判断", 7, 1),), 10, 5, spread="none")
        answers = Counter(i.question.answer for i in assemble_paper(odd, graph, judged, random.Random(seed)).items)
        assert sorted(answers.values()) == [3, 4]


def test_recent_questions_come_last(graph, questions):
    bp = Blueprint("判断卷", (Section("判断", 5, 1),), 10, 3, spread="none")
    first = assemble_paper(bp, graph, questions, random.Random(1))
    second = assemble_paper(bp, graph, questions, random.Random(1), recent=[i.question.id for i in first.items])
    assert not {i.question.id for i in first.items} & {i.question.id for i in second.items}
    # with only 11 判断 key points, a third paper must reuse some: recent ones fill the gap
    third = assemble_paper(bp.__class__("判断卷", (Section("判断", 11, 1),), 10, 3, spread="none"), graph,
                           questions, random.Random(1), recent=[i.question.id for i in first.items + second.items])
    assert len(third.items) == 11 and not third.shortfalls


def test_too_few_questions_gives_the_largest_honest_paper(graph, questions):
    bp = Blueprint("大卷", (Section("单选", 60, 1), Section("多选", 10, 2)), 60, 30)
    paper = assemble_paper(bp, graph, questions, random.Random(0))
    nodes = [i.question.node for i in paper.items]
    assert len(nodes) == len(set(nodes))
    assert paper.shortfalls and not paper.complete
    msg = [s.message() for s in paper.shortfalls]
    assert any(m.startswith("单选题需要 60 道，题库中只有") for m in msg)
    assert paper.total_points == sum(i.points for i in paper.items) < 80
    assert paper.pass_mark == round(30 * paper.total_points / 80, 2)


def test_real_notes_fill_the_theory_paper(bundled_graph):
    from cskexam.services.questions import check_bank

    qs = generate_questions(bundled_graph, random.Random(1))
    qs += [q for r in check_bank(None, bundled_graph, skip_unknown_document=True) for q in r.questions]
    bp = parse_blueprint((PRESET_DIR / "01-lilun.yaml").read_text("utf-8"), "01-lilun.yaml")
    paper = assemble_paper(bp, bundled_graph, qs, random.Random(2024))
    assert paper.complete and len(paper.items) == 100
    assert len({i.question.node for i in paper.items}) == 100
    assert len({i.part for i in paper.items}) == len(bundled_graph.documents())
    assert sum(1 for i in paper.items if i.question.source == "bank") > 80


# -- the state machine ------------------------------------------------------------------------

def _paper(graph, questions, seed=1):
    return assemble_paper(small(), graph, questions, random.Random(seed))


def test_answers_flags_navigation_and_clock(graph, questions):
    a = ExamAttempt.start(_paper(graph, questions))
    assert a.remaining == 600 and a.current == 1
    a.choose(1, "b")
    assert a.answers[1] == "B"
    a.choose(7, "A"), a.choose(7, "C"), a.choose(7, "A")
    assert a.answers[7] == ["C"]
    a.choose(9, "A")
    assert a.answers[9] == "对"
    a.answer(1, "")
    assert 1 not in a.answers and a.unanswered()[0] == 1
    assert a.toggle_flag(3) and a.flagged() == [3]
    assert a.previous() == 1 and a.goto(99) == 11 and a.next() == 11
    assert not a.warning
    assert not a.tick(479) and not a.warning  # a 10-minute paper warns in its last 2 minutes
    assert not a.tick(60) and a.warning and format_clock(a.remaining) == "01:01"
    assert a.tick(100) and a.remaining == 0 and a.used == 600


def test_finished_attempt_refuses_answers(graph, questions):
    a = ExamAttempt.start(_paper(graph, questions))
    a.finish()
    with pytest.raises(ValueError):
        a.answer(1, "A")


# -- scoring ------------------------------------------------------------------------------------

def test_scoring_report_by_type_part_and_weak_points(graph, questions):
    paper = _paper(graph, questions)
    answers = {}
    for item in paper.items:
        q = item.question
        if q.type == "单选":
            answers[item.number] = q.answer
        elif q.type == "多选":
            answers[item.number] = list(q.answer)[:1]  # 少选: no credit in this section
    report = score_paper(paper, answers, time_used=125, graph=graph)
    assert report.score == 12 and report.total == 21 and report.passed
    by_type = {g.key: g for g in report.by_type}
    assert by_type["单选"].accuracy == 1 and by_type["多选"].earned == 0 and by_type["判断"].correct == 0
    assert sum(g.points for g in report.by_part) == 21
    blanks = [o for o in report.outcomes if o.blank]
    assert len(blanks) == 3 and all(o.result.note == "未作答" for o in blanks)
    assert report.weakest and report.weakest[0].lost >= report.weakest[-1].lost
    data = report.to_dict()
    assert data["score"] == 12 and data["time_used_s"] == 125 and len(data["answers"]) == 11


def test_partial_credit_section_gives_half_for_shao_xuan(graph):
    node = by_title(graph, "宏观环境分析").id
    q = Question("m1", "多选", "宏观环境包括（ ）。", ["A", "B", "C"],
                 {"A": "市场人口", "B": "经济环境", "C": "技术环境", "D": "营销环境"}, node=node)
    bp = Blueprint("多选", (Section("多选", 1, 2, partial_credit=True),), 5, 1)
    paper = exam.Paper(bp, 0, [exam.PaperItem(1, q, 0, 2.0, "", "")])
    assert score_paper(paper, {1: ["A", "B"]}, time_used=1).score == 1.0
    strict = exam.Paper(Blueprint("多选", (Section("多选", 1, 2, partial_credit=False),), 5, 1), 0, paper.items)
    assert score_paper(strict, {1: ["A", "B"]}, time_used=1).score == 0


def test_short_answer_scored_by_points_with_matched_and_missed(graph):
    node = by_title(graph, "客户服务的五大特性").id
    q = Question("s1", "简答", "客户服务有哪五大特性？", "无形性、不可分性、易消失性、有偿性、易变性",
                 node=node, points=[ScoringPoint(t) for t in ["无形性", "不可分性", "易消失性", "有偿性", "易变性"]])
    bp = Blueprint("简答", (Section("简答", 1, 15),), 5, 9)
    paper = exam.Paper(bp, 0, [exam.PaperItem(1, q, 0, 15.0, "", "")])
    report = score_paper(paper, {1: "1.无形性 2.不可分性 3.有形性 4.有偿性"}, time_used=1)
    (o,) = report.outcomes
    assert o.short.matched == ["无形性", "不可分性", "有偿性"]
    assert o.short.missed == ["易消失性", "易变性"]
    assert o.earned == 9.0 and report.passed
