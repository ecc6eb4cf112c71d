"""简答 grading: wording an answer copies from its own stem earns nothing; the points said in the
candidate's own words still earn everything."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskexam.core.grading import PointLexicon, ScoringPoint, grade, grade_short_answer


@pytest.fixture(scope="module")
def bank(bundled_graph):
    from cskexam.services.questions import check_bank

    questions = [q for r in check_bank(None, bundled_graph) for q in r.questions
                 if q.type in ("简答", "案例分析") and q.points]
    return questions, PointLexicon.of_questions([q.points for q in questions])


FEATURES = [ScoringPoint("客户服务的特征"), ScoringPoint("无形性"), ScoringPoint("同步性")]
STEM = "简述客户服务的特征"


@pytest.mark.parametrize("answer", [
    "客户服务的特征" * 20,
    "简述客户服务的特征",
    "简述客户服务的特征。这是非常重要的内容，我们要认真对待，全面理解。",
    "简述客户服务的特征，简述客户服务的特征",
])
def test_repeating_the_stem_earns_nothing(answer):
    assert grade_short_answer(answer, FEATURES, stem=STEM).score == 0


def test_the_points_in_own_words_still_earn_them():
    res = grade_short_answer("客户服务的特征：无形性、同步性", FEATURES, stem=STEM)
    assert res.score == 1
    # the one-entry-point grade() passes the stem on
    assert grade("简答", "简述客户服务的特征" * 3, "", FEATURES, stem=STEM).score == 0
    assert grade("简答", "无形性、同步性、客户服务的特征", "", FEATURES, stem=STEM).score == 1


def test_a_point_the_stem_names_counts_for_nobody():
    res = grade_short_answer("无形性", FEATURES, stem=STEM)
    assert res.given == ["客户服务的特征"] and res.missed == ["同步性"] and res.score == 0.5
    note = grade("简答", "无形性、同步性", "", FEATURES, stem=STEM).note
    assert "题干已给出" in note and "客户服务的特征" in note


def test_a_synonym_the_stem_holds_earns_nothing():
    points = [ScoringPoint("经济环境", ("经济发展水平",)), ScoringPoint("技术环境")]
    stem = "乙市经济发展水平较低。请分析企业应考虑哪些因素。"
    assert grade_short_answer("乙市经济发展水平较低", points, stem=stem).score == 0
    assert grade_short_answer("经济发展水平", points, stem=stem).score == 0
    assert grade_short_answer("经济环境、技术环境", points, stem=stem).score == 1


def test_a_stem_naming_every_point_keeps_them_but_not_its_phrases():
    points = [ScoringPoint("有形性"), ScoringPoint("无形性")]
    stem = "简述有形性与无形性的区别。"
    assert grade_short_answer(stem * 3, points, stem=stem).score == 0
    assert grade_short_answer("有形性与无形性", points, stem=stem).score == 0
    assert grade_short_answer("有形性指看得见；无形性指看不见", points, stem=stem).score == 1


def test_no_stem_changes_nothing():
    assert grade_short_answer("客户服务的特征", FEATURES).matched == ["客户服务的特征"]


def test_every_model_answer_and_bare_list_keep_full_marks_with_their_stem(bank):
    questions, lexicon = bank
    low = [(q.id, kind) for q in questions
           for kind, text in [("model", str(q.answer)), ("list", "、".join(p.point for p in q.points))]
           if grade_short_answer(text, q.points, others=lexicon, stem=q.stem).score < 1]
    assert not low


def test_every_stem_with_filler_earns_nothing(bank):
    questions, lexicon = bank
    fillers = ["", "。这是非常重要的内容，我们要认真对待，全面理解。", "。答：", "包括很多方面"]
    scored = [(q.id, f) for q in questions for f in fillers
              for text in [q.stem + f, (q.stem + f) * 3, f + q.stem]
              if grade_short_answer(text, q.points, others=lexicon, stem=q.stem).score > 0]
    assert not scored


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_stretches_of_the_stem_with_filler_earn_nothing(bank, data):
    # Any run of the stem a term stands inside with two more characters, glued to filler, is the stem's wording.
    questions, lexicon = bank
    q = data.draw(st.sampled_from(questions))
    start = data.draw(st.integers(0, max(0, len(q.stem) - 12)))
    length = data.draw(st.integers(12, 60))
    piece = q.stem[start:start + length]
    filler = data.draw(st.sampled_from(["", "，", "很重要", "。答：", "我认为"]))
    text = filler + piece + filler
    res = grade_short_answer(text, q.points, others=lexicon, stem=q.stem)
    # whatever earned a point is not the stem's wording
    assert not [d for d in res.details if d.how and d.evidence in q.stem]


def test_a_long_paste_of_the_stem_grades_fast(bank):
    questions, lexicon = bank
    q = max(questions, key=lambda q: len(q.stem))
    paste = (q.stem * (100_000 // len(q.stem) + 1))[:100_000]
    start = time.process_time()
    res = grade_short_answer(paste, q.points, others=lexicon, stem=q.stem)
    assert res.score == 0
    assert time.process_time() - start < 1.0
