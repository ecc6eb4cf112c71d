"""The teacher's report: each candidate's progress and what the class gets wrong most.

One library, many profiles (see ``cskexam.services.profiles``). For every
profile: reviews done, true retention (reviews of mature cards not forgotten),
practice accuracy, the last mock exam and the predicted score; for the class:
the key points with the highest share of wrong answers over everyone's
answers (practice, 错题本 drills and exams alike).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from cskexam.errors import UserError
from cskexam.services import profiles
from cskexam.services.exam import DEFAULT_BLUEPRINT, ExamService
from cskexam.storage import classroom_repo
from cskexam.storage.review_repo import node_path

if TYPE_CHECKING:
    from cskexam.services.library import Library

# A key point needs this many answers before its wrong rate says anything.
MIN_ANSWERS = 3
WEAK_POINTS = 10


@dataclass(frozen=True)
class CandidateProgress:
    profile: str
    label: str
    reviews: int
    retention: float | None  # None: no review of a mature card yet
    practice_answers: int
    practice_accuracy: float | None
    last_review: str | None  # ISO time, UTC
    last_exam_score: float | None
    last_exam_total: float | None
    last_exam_passed: bool | None
    last_exam_at: str | None
    predicted: float | None
    predicted_total: float | None

    def to_dict(self) -> dict:
        return asdict(self)

    def cells(self) -> tuple[str, ...]:
        """The row as the report shows it: 考生, 复习, 保持率, 练习, 正确率, 最近模考, 预测得分."""
        return (self.label, str(self.reviews), percent_text(self.retention), str(self.practice_answers),
                percent_text(self.practice_accuracy), score_text(self.last_exam_score, self.last_exam_total, "未考"),
                score_text(self.predicted, self.predicted_total, "尚无数据"))


CANDIDATE_COLUMNS = ("考生", "复习", "保持率", "练习", "正确率", "最近模考", "预测得分")


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def score_text(score: float | None, total: float | None, missing: str = "—") -> str:
    if score is None:
        return missing
    return f"{score:g}/{total:g}" if total else f"{score:g}"


@dataclass(frozen=True)
class WeakPoint:
    node: str
    title: str
    path: list[str]
    answers: int
    wrong_rate: float

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ClassReport:
    profiles: list[CandidateProgress]
    weak_points: list[WeakPoint]

    def to_dict(self) -> dict:
        return {"profiles": [p.to_dict() for p in self.profiles], "weak_points": [w.to_dict() for w in self.weak_points]}


def class_report(library: Library, now: dt.datetime | None = None, *, limit: int = WEAK_POINTS,
                 min_answers: int = MIN_ANSWERS) -> ClassReport:
    now = now or dt.datetime.now(dt.timezone.utc)
    library.graph()  # read once, shared by every profile's view
    with library.db.session() as session:
        names = profiles.profile_names(library)
        reviews = classroom_repo.review_figures(session)
        practice = classroom_repo.practice_figures(session)
        by_node = classroom_repo.answers_by_node(session)
        weak = sorted(
            ((node, n, w / n) for node, n, w in by_node if n >= min_answers and w),
            key=lambda item: (-item[2], -item[1], item[0]),
        )[:limit]
        weak_points = []
        for node, n, rate in weak:
            path = node_path(session, node)
            weak_points.append(WeakPoint(node, path[-1] if path else node, path[:-1], n, round(rate, 4)))
    return ClassReport([_progress(library, name, reviews, practice, now) for name in names], weak_points)


def _progress(library: Library, name: str, reviews: dict, practice: dict, now: dt.datetime) -> CandidateProgress:
    done, mature, kept, last = reviews.get(name, (0, 0, 0, None))
    answers, right = practice.get(name, (0, 0))
    service = ExamService(library.for_profile(name), clock=lambda: now)
    finished = service.history(limit=1)
    exam = finished[0] if finished else None
    try:
        prediction = service.predict(DEFAULT_BLUEPRINT)
    except UserError:  # the user's blueprints replaced the default one
        prediction = None
    # No figure until there is evidence (as on the home and exam screens): "尚无数据".
    ready = prediction is not None and prediction.ready
    return CandidateProgress(
        profile=name,
        label=profiles.label(name),
        reviews=done,
        retention=round(kept / mature, 4) if mature else None,
        practice_answers=answers,
        practice_accuracy=round(right / answers, 4) if answers else None,
        last_review=last.isoformat() if last else None,
        last_exam_score=exam.score if exam else None,
        last_exam_total=exam.total if exam else None,
        last_exam_passed=exam.passed if exam else None,
        last_exam_at=(exam.finished_at or exam.started_at).isoformat() if exam else None,
        predicted=round(prediction.expected, 1) if prediction is not None and ready else None,
        predicted_total=prediction.total if prediction is not None and ready else None,
    )
