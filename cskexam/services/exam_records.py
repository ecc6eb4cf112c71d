"""What the exam service reads back: the candidate's evidence and attempt summaries.

* ``gather_evidence(session, graph, now)``: per key point, recall and answers
  (what the score prediction stands on).
* ``calibration_history(session)``: past predictions against the scores that followed.
* ``AttemptSummary``: one attempt as history lists and reports show it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cskexam.core.readiness import CalibrationPoint, PointEvidence
from cskexam.core.vocab import status_label

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cskexam.core.graph import KnowledgeGraph


# -- what the candidate has shown so far ------------------------------------------------

def gather_evidence(session: Session, graph: KnowledgeGraph, now: dt.datetime) -> dict[str, PointEvidence]:
    """Per node: mean FSRS retrievability of its reviewed cards (else its parent's) and answers."""
    from cskexam.core import srs
    from cskexam.services import review_queue
    from cskexam.storage import exam_repo

    settings = review_queue.get_settings(session)
    recall: dict[str, list[float]] = {}
    for node_id, state in exam_repo.card_states(session):
        recall.setdefault(node_id, []).append(srs.retrievability(state, now, settings))
    answers = exam_repo.answer_totals_by_node(session)
    out: dict[str, PointEvidence] = {}
    for node in graph.nodes.values():
        rs = recall.get(node.id) or (recall.get(node.parent) if node.parent else None)
        n, right = answers.get(node.id, (0, 0.0))
        if rs or n:
            out[node.id] = PointEvidence(statistics.fmean(rs) if rs else None, n, right)
    return out


def calibration_history(session: Session) -> list[CalibrationPoint]:
    from cskexam.storage import exam_repo

    rows = exam_repo.attempts(session, statuses=("submitted", "timed_out"))
    return [CalibrationPoint(r.predicted_raw if r.predicted_raw is not None else r.predicted, r.predicted,
                             r.score or 0.0, r.total)
            for r in reversed(rows) if r.predicted is not None and r.score is not None]


# -- summaries ------------------------------------------------------------------------------

@dataclass(frozen=True)
class AttemptSummary:
    id: int
    blueprint: str
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    questions: int
    answered: int
    current: int
    remaining: float
    time_limit: int
    total: float
    pass_mark: float
    score: float | None
    passed: bool | None
    predicted: float | None
    predicted_low: float | None
    predicted_high: float | None
    seed: int

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def time_used(self) -> float:
        return max(0.0, self.time_limit - self.remaining)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "blueprint": self.blueprint, "status": self.status,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "questions": self.questions, "answered": self.answered, "score": self.score, "total": self.total,
            "pass_mark": self.pass_mark, "passed": self.passed, "time_used_s": round(self.time_used),
            "remaining_s": round(self.remaining), "predicted": self.predicted,
            "predicted_low": self.predicted_low, "predicted_high": self.predicted_high, "seed": self.seed,
        }


def attempt_summary(row, answered: int) -> AttemptSummary:
    return AttemptSummary(
        id=row.id, blueprint=row.blueprint, status=row.status, started_at=row.started_at,
        finished_at=row.finished_at, questions=len(row.paper), answered=answered, current=row.current,
        remaining=row.remaining_s, time_limit=row.time_limit_s, total=row.total, pass_mark=row.pass_mark,
        score=row.score, passed=row.passed, predicted=row.predicted, predicted_low=row.predicted_low,
        predicted_high=row.predicted_high, seed=row.seed,
    )
