"""Readiness prediction: question chances, paper forecasts, calibration on simulated candidates."""

import random
import statistics

import pytest

from cskexam.core.exam import Blueprint, Paper, PaperItem, Section, assemble_paper, parse_blueprint
from cskexam.core.questions import Question, generate_questions
from cskexam.core.readiness import (
    CalibrationPoint,
    PointEvidence,
    calibration,
    calibration_shift,
    guess_chance,
    predict,
    predict_blueprint,
    question_chance,
)
from cskexam.services.exam import PRESET_DIR

OPTS = {"A": "愿望竞争者", "B": "普通竞争者", "C": "产品形式竞争者", "D": "品牌竞争者"}


def single(node="n1"):
    return Question("q-" + node, "单选", "指提供不同的产品以满足相同需求的竞争者是（ ）。", "B", dict(OPTS), node=node)


def test_guessing_floor_by_type():
    assert guess_chance(single()) == 0.25
    assert guess_chance(Question("j", "判断", "客户服务具有无形性。", "对")) == 0.5
    assert guess_chance(Question("s", "简答", "客户服务有哪五大特性？", "…")) == 0


def test_chance_follows_recall_and_answers():
    q = single()
    nothing, w0 = question_chance(q, None)
    assert w0 == 0 and nothing == pytest.approx(0.25 + 0.75 * 0.5)
    strong, _ = question_chance(q, PointEvidence(retrievability=0.95))
    weak, _ = question_chance(q, PointEvidence(retrievability=0.2))
    assert weak < nothing < strong < 1
    # ten wrong answers outweigh a fresh review
    mixed, weight = question_chance(q, PointEvidence(retrievability=0.95, answers=10, right=0))
    assert mixed < nothing and weight == 14


def _paper(n=100, points=1.0):
    bp = Blueprint("理论", (Section("单选", n, points),), 90, 60)
    return Paper(bp, 0, [PaperItem(i + 1, single(f"n{i}"), 0, points, "", "") for i in range(n)])


def test_paper_forecast_and_interval():
    paper = _paper()
    ev = {f"n{i}": PointEvidence(retrievability=0.8, answers=5, right=4) for i in range(100)}
    p = predict(paper.blueprint, [paper], ev)
    assert 75 < p.expected < 90 and p.low < p.expected < p.high
    assert p.high - p.low < 20 and p.covered == 1
    unknown = predict(paper.blueprint, [paper], {})
    assert unknown.covered == 0 and unknown.high - unknown.low > p.high - p.low
    assert "预测得分" in p.text() and "90% 区间" in p.text()
    # with no evidence the prior alone would say ~60: shown as 尚无数据 with what is needed
    assert not unknown.ready and unknown.short_text() == "尚无数据（先复习或练习）"
    assert "尚无数据" in unknown.text() and "覆盖 30%" in unknown.text() and "模拟考试" in unknown.text()
    assert p.ready and p.short_text().endswith("）") and "尚无数据" not in p.text()


def test_calibration_shift_corrects_a_biased_model():
    hist = [CalibrationPoint(80, 80, 70, 100), CalibrationPoint(82, 75, 71, 100), CalibrationPoint(78, 72, 69, 100)]
    assert calibration_shift(hist) == pytest.approx(-0.3 / 4)
    paper = _paper()
    ev = {f"n{i}": PointEvidence(retrievability=0.9) for i in range(100)}
    plain = predict(paper.blueprint, [paper], ev)
    shifted = predict(paper.blueprint, [paper], ev, hist)
    assert shifted.expected == pytest.approx(plain.expected - 7.5)
    c = calibration(hist)
    assert c.attempts == 3 and c.mae == pytest.approx((10 + 4 + 3) / 3) and c.within_goal is False
    assert calibration([]).mae is None and calibration(hist[:2]).within_goal is None


def _simulate(graph, questions, bp, bias, candidates=16, attempts=6):
    """Candidates with known recall per key point; FSRS's view of them is off by ``bias``."""
    errors = {a: [] for a in range(attempts)}
    nodes = sorted({q.node for q in questions})
    for c in range(candidates):
        rng = random.Random(1000 + c)
        truth = {n: rng.uniform(0.3, 0.95) for n in nodes}
        evidence = {n: PointEvidence(retrievability=min(1, max(0, truth[n] + bias + rng.gauss(0, 0.1))))
                    for n in nodes if rng.random() < 0.9}
        history, recent = [], []
        for a in range(attempts):
            paper = assemble_paper(bp, graph, questions, random.Random(rng.random()), recent=recent)
            pred = predict(bp, [paper], evidence, history)
            actual = 0.0
            for item in paper.items:
                q = item.question
                right = rng.random() < truth[q.node] or rng.random() < guess_chance(q)
                actual += item.points * right
                e = evidence.get(q.node, PointEvidence())
                evidence[q.node] = PointEvidence(e.retrievability, e.answers + 1, e.right + right)
            history.append(CalibrationPoint(pred.raw, pred.expected, actual, paper.total_points))
            recent = [i.question.id for i in paper.items]
            errors[a].append(abs(pred.expected - actual))
    return {a: statistics.fmean(v) for a, v in errors.items()}


@pytest.mark.parametrize("bias", [0.3, -0.3, 0.0])
def test_simulated_candidates_mae_within_5_points_after_3_attempts(bundled_graph, bias):
    from cskexam.services.questions import check_bank

    qs = generate_questions(bundled_graph, random.Random(1))
    qs += [q for r in check_bank(None, bundled_graph, skip_unknown_document=True) for q in r.questions]
    bp = parse_blueprint((PRESET_DIR / "01-lilun.yaml").read_text("utf-8"), "01-lilun.yaml")
    mae = _simulate(bundled_graph, qs, bp, bias)
    after_three = statistics.fmean(mae[a] for a in (3, 4, 5))
    assert after_three <= 5.0, mae
    if bias:
        # a model that trusts FSRS blindly is off at first; calibration is what fixes it
        assert mae[0] > 7.0 and after_three < mae[0] - 2, mae


def test_blueprint_prediction_is_reproducible(bundled_graph):
    qs = generate_questions(bundled_graph, random.Random(1))
    bp = parse_blueprint((PRESET_DIR / "03-suitang.yaml").read_text("utf-8"), "03-suitang.yaml")
    ev = {q.node: PointEvidence(retrievability=0.7) for q in qs[::2]}
    a = predict_blueprint(bp, bundled_graph, qs, ev)
    b = predict_blueprint(bp, bundled_graph, qs, ev)
    assert a == b and 0 < a.low < a.expected < a.high <= 100
