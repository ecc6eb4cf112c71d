"""Scoring a paper: points per question, groups by type and part, the weakest key points."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from cskexam.core.exam.attempt import SUBMITTED, is_blank
from cskexam.core.exam.blueprint import Section
from cskexam.core.exam.paper import Paper, PaperItem
from cskexam.core.grading import GradeResult, PointLexicon, ShortAnswerResult, grade_short_answer
from cskexam.core.graph import KnowledgeGraph
from cskexam.core.vocab import SUBJECTIVE_TYPES, NodeKind, QuestionType

@dataclass(frozen=True)
class QuestionOutcome:
    item: PaperItem
    given: Any
    result: GradeResult
    short: ShortAnswerResult | None
    earned: float

    @property
    def correct(self) -> bool:
        return self.result.correct

    @property
    def blank(self) -> bool:
        return is_blank(self.given)

    @property
    def lost(self) -> float:
        return self.item.points - self.earned


@dataclass(frozen=True)
class GroupScore:
    key: str
    label: str
    questions: int
    correct: int
    earned: float
    points: float

    @property
    def accuracy(self) -> float:
        return self.correct / self.questions if self.questions else 0.0

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "questions": self.questions, "correct": self.correct,
                "earned": round(self.earned, 2), "points": round(self.points, 2),
                "accuracy": round(self.accuracy, 4)}


@dataclass(frozen=True)
class WeakPoint:
    node: str
    title: str
    path: str
    lost: float
    questions: tuple[int, ...]  # numbers on the paper

    def to_dict(self) -> dict:
        return {"node": self.node, "title": self.title, "path": self.path, "lost": round(self.lost, 2),
                "questions": list(self.questions)}


@dataclass
class ExamReport:
    paper: Paper
    outcomes: list[QuestionOutcome]
    score: float
    total: float
    pass_mark: float
    passed: bool
    time_used: float  # seconds
    status: str
    by_type: list[GroupScore]
    by_part: list[GroupScore]
    weakest: list[WeakPoint]

    @property
    def correct(self) -> int:
        return sum(1 for o in self.outcomes if o.correct)

    @property
    def wrong(self) -> list[QuestionOutcome]:
        """Answered and not right: a blank is 未答, not 错 (see ``unanswered``)."""
        return [o for o in self.outcomes if not o.correct and not o.blank]

    @property
    def unanswered(self) -> list[QuestionOutcome]:
        return [o for o in self.outcomes if o.blank]

    def to_dict(self) -> dict:
        return {
            "blueprint": self.paper.blueprint.name, "seed": self.paper.seed, "status": self.status,
            "score": round(self.score, 2), "total": round(self.total, 2), "pass_mark": self.pass_mark,
            "passed": self.passed, "time_used_s": round(self.time_used), "correct": self.correct,
            "questions": len(self.outcomes),
            "by_type": [g.to_dict() for g in self.by_type], "by_part": [g.to_dict() for g in self.by_part],
            "weakest": [w.to_dict() for w in self.weakest],
            "answers": [
                {"number": o.item.number, "question": o.item.question.id, "type": o.item.question.type,
                 "given": o.given, "correct": o.correct, "earned": round(o.earned, 2), "points": o.item.points,
                 "status": "未答" if o.blank else "对" if o.correct else "错",
                 "note": o.result.note,
                 "matched": list(o.short.matched) if o.short else None,
                 "missed": list(o.short.missed) if o.short else None}
                for o in self.outcomes
            ],
        }


def score_item(item: PaperItem, section: Section, given: Any, others: PointLexicon | None = None) -> QuestionOutcome:
    q = item.question
    if is_blank(given):
        short = None
        if q.type in SUBJECTIVE_TYPES and q.points:
            short = grade_short_answer("", q.points)
        expected = q.answer
        return QuestionOutcome(item, None, GradeResult(False, 0.0, expected, None, "未作答"), short, 0.0)
    result = q.grade(given, others)
    short = grade_short_answer(str(given), q.points, others=others, stem=q.stem) if q.type in SUBJECTIVE_TYPES and q.points else None
    fraction = result.score
    if q.type == QuestionType.MULTI and not result.correct and not section.partial_credit:
        fraction = 0.0
    earned = round(item.points * max(0.0, min(1.0, fraction)), 2)
    return QuestionOutcome(item, given, result, short, earned)


def _groups(outcomes: list[QuestionOutcome], key, label) -> list[GroupScore]:
    order: list[str] = []
    acc: dict[str, list[QuestionOutcome]] = {}
    labels: dict[str, str] = {}
    for o in outcomes:
        k = key(o)
        if k not in acc:
            order.append(k)
            acc[k] = []
            labels[k] = label(o)
        acc[k].append(o)
    return [
        GroupScore(k, labels[k], len(acc[k]), sum(1 for o in acc[k] if o.correct),
                   sum(o.earned for o in acc[k]), sum(o.item.points for o in acc[k]))
        for k in order
    ]


def score_paper(
    paper: Paper,
    answers: Mapping[int, Any],
    *,
    time_used: float,
    status: str = SUBMITTED,
    graph: KnowledgeGraph | None = None,
    weakest: int = 8,
    others: PointLexicon | None = None,
) -> ExamReport:
    """Grade every question of ``paper``; ``graph`` gives the weakest points their paths.

    ``others``: the bank's scoring terms (a 简答 padded with other questions' points loses a share).
    """
    outcomes = [score_item(i, paper.section_of(i), answers.get(i.number), others) for i in paper.items]
    score = round(sum(o.earned for o in outcomes), 2)
    total = paper.total_points
    pass_mark = paper.pass_mark
    by_type = _groups(outcomes, lambda o: o.item.question.type, lambda o: o.item.question.type)
    by_part = _groups(outcomes, lambda o: o.item.part, lambda o: o.item.part_title or "（未归类）")
    return ExamReport(
        paper=paper, outcomes=outcomes, score=score, total=total, pass_mark=pass_mark,
        passed=score >= pass_mark - 1e-9 and total > 0, time_used=time_used, status=status,
        by_type=by_type, by_part=by_part, weakest=weakest_points(outcomes, graph, weakest),
    )


def weakest_points(outcomes: list[QuestionOutcome], graph: KnowledgeGraph | None, limit: int = 8) -> list[WeakPoint]:
    """Key points that cost the most points (a list's items are summed into the list)."""
    lost: dict[str, float] = {}
    numbers: dict[str, list[int]] = {}
    for o in outcomes:
        node = o.item.question.node
        if not node or o.lost <= 0:
            continue
        key = node
        if graph is not None and node in graph:
            n = graph.get(node)
            parent = graph.parent(node)
            # Items of one list are one thing to study: 竞争者环境, not 品牌竞争者 alone.
            if n.kind == NodeKind.ITEM and parent is not None and parent.kind != NodeKind.DOCUMENT:
                key = parent.id
        lost[key] = lost.get(key, 0.0) + o.lost
        numbers.setdefault(key, []).append(o.item.number)
    ranked = sorted(lost, key=lambda k: (-lost[k], numbers[k][0]))[:limit]
    out = []
    for k in ranked:
        if graph is not None and k in graph:
            title = graph.get(k).title
            path = " › ".join(graph.path_titles(k)[1:] + [title])
        else:
            title = path = k
        out.append(WeakPoint(k, title, path, lost[k], tuple(numbers[k])))
    return out
