"""Generation and the authored bank on the real bundled notes."""

import random
from pathlib import Path

import pytest

from cskexam.core.grading import fold
from cskexam.core.questions import generate_questions

MACRO = {"市场人口", "经济环境", "政治法律环境", "技术环境", "社会文化环境"}
MICRO = {"营销环境", "销售环境", "服务环境", "竞争者环境"}
COMPETITORS = {"愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"}


@pytest.fixture(scope="module")
def questions(bundled_graph):
    return generate_questions(bundled_graph, random.Random(0))


def test_competitor_definition_question_from_the_real_notes(questions):
    (q,) = [q for q in questions if q.kind == "single_definition"
            and "指提供不同的产品以满足相同需求的竞争者" in q.stem]
    assert set(q.options.values()) == COMPETITORS
    assert q.options[q.answer] == "普通竞争者"


def test_macro_multi_choice_uses_micro_items_as_distractors(questions, bundled_graph):
    found = [q for q in questions if q.kind in ("multi_members", "single_member", "single_not_member")
             and "宏观环境" in q.stem]
    assert found
    for q in found:
        keys = q.answer if isinstance(q.answer, list) else [q.answer]
        chosen = {q.options[k] for k in keys}
        right, wrong = (set(q.options.values()) - chosen, chosen) if "不属于" in q.stem else (
            chosen, set(q.options.values()) - chosen)
        assert right <= MACRO and wrong <= MICRO and wrong


def test_every_real_question_is_well_formed(questions, bundled_graph):
    # Give-aways, blanks anything fits, 判断 a unit's name decides and heading stems are not generated.
    # Fill-ins on a company-less org chart (客户部组织机构包括：…____…) are not generated either.
    assert len(questions) >= 50  # stems without a subject, giveaways by one character are left out
    assert len({q.id for q in questions}) == len(questions)
    for q in questions:
        assert q.node in bundled_graph
        if q.options:
            values = [fold(v) for v in q.options.values()]
            assert len(set(values)) == len(values)
            assert not any(v.endswith("…") for v in q.options.values())
            assert not any(v.startswith(("以上", "上述")) for v in values)
        if q.type == "简答":
            assert q.grade(q.answer).score == 1.0


def test_every_document_gets_questions(questions, bundled_graph):
    docs_with_questions = {bundled_graph.document_of(q.node).id for q in questions}
    empty = [d.title for d in bundled_graph.documents() if d.id not in docs_with_questions]
    # A document of a title and a few lines may have no list to ask about; an org chart of
    # self-describing units (研发部…负责研发) has nothing a name does not already say.
    assert len(empty) <= 5, empty


def test_bundled_bank_validates_against_the_real_graph(bundled_graph):
    from cskexam.services.questions import check_bank

    results = check_bank(None, bundled_graph)
    assert results, "no bank files"
    problems = [str(p) for r in results for p in r.problems]
    assert problems == []
    questions = [q for r in results for q in r.questions]
    assert len(questions) >= 110  # give-aways and blanks anything fits are not generated
    assert {q.type for q in questions} >= {"单选", "多选", "判断", "简答", "案例分析"}
    assert all(q.node in bundled_graph for q in questions)
    covered = {bundled_graph.document_of(q.node).title for q in questions}
    assert covered == {d.title for d in bundled_graph.documents()}


def test_bank_short_answers_grade_their_own_model_answer_fully(bundled_graph):
    from cskexam.services.questions import check_bank

    for r in check_bank(None, bundled_graph):
        for q in r.questions:
            if q.type == "简答" and q.points:
                res = q.grade(q.answer)
                assert res.score == 1.0, (q.id, res.note)


def test_bank_files_are_where_the_package_finds_them():
    from cskexam.resources import question_bank_dir

    assert any(Path(question_bank_dir()).glob("*.yaml"))
