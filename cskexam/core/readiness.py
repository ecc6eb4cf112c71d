"""Readiness: the expected score of a mock exam, with an interval, and its calibration.

Pure. The inputs are what the candidate has shown so far, per key point (node):

* ``retrievability``: FSRS's chance of recalling the node's cards now (mean of
  the node's reviewed cards; None when none was ever reviewed);
* ``answers``/``right``: graded answers to questions on the node (practice and
  past exams; ``right`` sums the 0–1 scores).

The chance of answering one question right blends three sources, as a Beta
posterior would: a prior (a candidate who knows half of it, plus the chance of
guessing the type: 1/4 for a 4-option 单选, 1/2 for 判断), the FSRS recall
(worth ``R_WEIGHT`` answers, guessing added on top) and the answers given
(each worth one). The expected score of a paper is the sum of points × chance;
for a blueprint it is the mean over a few seeded papers, so it follows the
real paper assembly (spread, authored first, one question per key point).

Calibration. Each attempt records the raw (uncalibrated) and shown prediction
and the actual score. The next prediction is shifted by the mean past residual
(actual − raw, as a share of the paper's points), shrunk towards zero with one
pseudo-attempt, so a model that is systematically optimistic (FSRS says 90 %,
the candidate scores 70 %) corrects itself after a few attempts.

Interval: ±1.645 standard deviations (about 90 %), from the answer-by-answer
binomial spread, the spread between possible papers, the uncertainty of the
prior where little is known, and the spread of past residuals.
"""

from __future__ import annotations

import math
import random
import statistics
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from cskexam.core.exam import Blueprint, Paper, assemble_paper, fmt_points
from cskexam.core.graph import KnowledgeGraph
from cskexam.core.questions import Question
from cskexam.core.vocab import QuestionType

PRIOR_KNOW = 0.5
PRIOR_WEIGHT = 2.0
R_WEIGHT = 4.0
MAX_ANSWER_WEIGHT = 12.0  # old answers should not outweigh what FSRS knows now
Z90 = 1.645
SAMPLE_PAPERS = 6
PRIOR_SD = 0.15  # share of the points the prior may be off by when nothing is known
SHRINK = 1.0  # pseudo-attempts pulling the calibration shift towards zero
MIN_ATTEMPTS_FOR_GOAL = 3
# Below this share of the points with evidence (and before any mock exam) the
# figure would be the prior talking: it is not shown as a prediction.
MIN_COVERED = 0.3
NO_DATA = "尚无数据"


@dataclass(frozen=True)
class PointEvidence:
    retrievability: float | None = None
    answers: int = 0
    right: float = 0.0

    @property
    def known(self) -> bool:
        return self.retrievability is not None or self.answers > 0


@dataclass(frozen=True)
class CalibrationPoint:
    """One past attempt: what was predicted (raw and shown) and what was scored."""

    raw: float
    predicted: float
    actual: float
    total: float


@dataclass(frozen=True)
class Prediction:
    blueprint: str
    expected: float
    low: float
    high: float
    total: float
    raw: float  # before the calibration shift
    shift: float  # points added by calibration
    covered: float  # share of the points with any evidence (reviews or answers)
    attempts: int  # past attempts the calibration used
    pass_mark: float = 0.0

    @property
    def pass_chance_text(self) -> str:
        if not self.ready:
            return NO_DATA
        if self.low >= self.pass_mark:
            return "很可能合格"
        if self.high < self.pass_mark:
            return "尚难合格"
        return "合格线在区间内"

    @property
    def ready(self) -> bool:
        """Enough evidence to show a figure: a past mock exam, or enough points covered."""
        return self.total > 0 and (self.attempts > 0 or self.covered >= MIN_COVERED)

    def needed_text(self) -> str:
        """What is missing before a figure is shown."""
        return (f"复习或练习覆盖 {MIN_COVERED:.0%} 的分值后给出（现为 {self.covered:.0%}），"
                "或先考一次模拟考试")

    def short_text(self) -> str:
        """One short line for a narrow panel: ``72 分（65–79）`` or ``尚无数据（…）`` saying what is missing."""
        if not self.ready:
            return f"{NO_DATA}（先复习或练习）"
        return f"{fmt_points(round(self.expected))} 分（{fmt_points(round(self.low))}–{fmt_points(round(self.high))}）"

    def text(self) -> str:
        """``预测得分 72 分（90% 区间 65–79）``, or ``预测得分：尚无数据 …`` before any evidence."""
        if not self.ready:
            return f"预测得分：{NO_DATA}。{self.needed_text()}"
        return (f"预测得分 {fmt_points(round(self.expected))} 分"
                f"（90% 区间 {fmt_points(round(self.low))}–{fmt_points(round(self.high))}）")

    def to_dict(self) -> dict:
        return {"blueprint": self.blueprint, "expected": round(self.expected, 1), "low": round(self.low, 1),
                "high": round(self.high, 1), "total": self.total, "raw": round(self.raw, 1),
                "shift": round(self.shift, 1), "covered": round(self.covered, 3), "attempts": self.attempts,
                "pass_mark": self.pass_mark, "ready": self.ready}


def guess_chance(q: Question) -> float:
    """The chance of a blind guess being right."""
    if q.type == QuestionType.SINGLE:
        return 1.0 / max(2, len(q.options))
    if q.type == QuestionType.JUDGE:
        return 0.5
    if q.type == QuestionType.MULTI:
        # Picking the exact subset blindly: one of 2^n − 1 non-empty subsets.
        return 1.0 / max(3, 2 ** max(2, len(q.options)) - 1)
    return 0.0


def question_chance(q: Question, evidence: PointEvidence | None) -> tuple[float, float]:
    """(chance of a right answer, weight of the evidence behind it)."""
    g = guess_chance(q)
    num = PRIOR_WEIGHT * (g + (1 - g) * PRIOR_KNOW)
    den = PRIOR_WEIGHT
    if evidence is not None:
        if evidence.retrievability is not None:
            r = min(1.0, max(0.0, evidence.retrievability))
            num += R_WEIGHT * (g + (1 - g) * r)
            den += R_WEIGHT
        if evidence.answers > 0:
            w = min(float(evidence.answers), MAX_ANSWER_WEIGHT) / evidence.answers
            num += w * min(max(evidence.right, 0.0), evidence.answers)
            den += w * evidence.answers
    return num / den, den - PRIOR_WEIGHT


@dataclass(frozen=True)
class PaperForecast:
    expected: float
    variance: float  # binomial, answer by answer
    unknown_points: float  # points resting on the prior alone
    total: float


def forecast_paper(paper: Paper, evidence: Mapping[str, PointEvidence]) -> PaperForecast:
    expected = variance = unknown = 0.0
    for item in paper.items:
        ev = evidence.get(item.question.node or "")
        p, weight = question_chance(item.question, ev)
        expected += item.points * p
        variance += item.points ** 2 * p * (1 - p)
        if weight == 0:
            unknown += item.points
    return PaperForecast(expected, variance, unknown, paper.total_points)


def calibration_shift(history: Sequence[CalibrationPoint]) -> float:
    """Mean residual (actual − raw) as a share of the points, shrunk towards 0."""
    usable = [h for h in history if h.total > 0]
    if not usable:
        return 0.0
    return sum((h.actual - h.raw) / h.total for h in usable) / (len(usable) + SHRINK)


def _residual_sd(history: Sequence[CalibrationPoint], shift: float, total: float) -> float:
    usable = [h for h in history if h.total > 0]
    if len(usable) < 2:
        return 0.0
    residuals = [((h.actual - h.raw) / h.total - shift) * total for h in usable]
    return statistics.pstdev(residuals)


def predict(
    blueprint: Blueprint,
    papers: Sequence[Paper],
    evidence: Mapping[str, PointEvidence],
    history: Sequence[CalibrationPoint] = (),
) -> Prediction:
    """The calibrated expected score over ``papers`` (one paper: that paper's forecast)."""
    if not papers or not papers[0].items:
        total = papers[0].total_points if papers else 0.0
        return Prediction(blueprint.name, 0.0, 0.0, 0.0, total, 0.0, 0.0, 0.0, len(history), 0.0)
    forecasts = [forecast_paper(p, evidence) for p in papers]
    total = statistics.fmean(f.total for f in forecasts)
    raw = statistics.fmean(f.expected for f in forecasts)
    binomial = statistics.fmean(f.variance for f in forecasts)
    between = statistics.pvariance([f.expected for f in forecasts]) if len(forecasts) > 1 else 0.0
    unknown = statistics.fmean(f.unknown_points for f in forecasts)
    shift_share = calibration_shift(history)
    shift = shift_share * total
    expected = min(total, max(0.0, raw + shift))
    prior_sd = PRIOR_SD * unknown / math.sqrt(1 + len(history))
    sd = math.sqrt(binomial + between + prior_sd ** 2 + _residual_sd(history, shift_share, total) ** 2)
    low = max(0.0, expected - Z90 * sd)
    high = min(total, expected + Z90 * sd)
    covered = 1.0 - unknown / total if total else 0.0
    pass_mark = statistics.fmean(p.pass_mark for p in papers)
    return Prediction(blueprint.name, expected, low, high, total, raw, shift, covered, len(history), pass_mark)


def predict_blueprint(
    blueprint: Blueprint,
    graph: KnowledgeGraph,
    questions: Sequence[Question],
    evidence: Mapping[str, PointEvidence],
    history: Sequence[CalibrationPoint] = (),
    *,
    recent: Iterable[str] = (),
    samples: int = SAMPLE_PAPERS,
    seed: int = 0,
) -> Prediction:
    """The expected score of the next paper of ``blueprint`` (mean over seeded papers)."""
    recent = list(recent)
    rng = random.Random(seed)
    papers = [assemble_paper(blueprint, graph, questions, random.Random(rng.random()), recent=recent)
              for _ in range(max(1, samples))]
    return predict(blueprint, papers, evidence, history)


@dataclass(frozen=True)
class Calibration:
    attempts: int
    mae: float | None  # mean absolute error of the shown predictions, in points
    mae_percent: float | None  # the same on a 100-point scale
    rows: tuple[CalibrationPoint, ...] = field(default_factory=tuple)

    @property
    def within_goal(self) -> bool | None:
        """±5 points (of 100) once there are 3+ attempts; None before that."""
        if self.attempts < MIN_ATTEMPTS_FOR_GOAL or self.mae_percent is None:
            return None
        return self.mae_percent <= 5.0


def calibration(history: Sequence[CalibrationPoint]) -> Calibration:
    rows = tuple(h for h in history if h.total > 0)
    if not rows:
        return Calibration(0, None, None, ())
    mae = statistics.fmean(abs(h.actual - h.predicted) for h in rows)
    mae_pct = statistics.fmean(abs(h.actual - h.predicted) / h.total * 100 for h in rows)
    return Calibration(len(rows), mae, mae_pct, rows)


__all__ = [
    "MIN_COVERED", "NO_DATA", "PointEvidence", "CalibrationPoint", "Prediction", "Calibration", "guess_chance", "question_chance",
    "forecast_paper", "calibration_shift", "predict", "predict_blueprint", "calibration",
]
