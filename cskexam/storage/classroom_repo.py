"""Figures across every profile of a library, for the teacher's report.

The only queries that deliberately ignore ``current_profile``: a class is
all of its candidates.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, case, func, select
from sqlalchemy.orm import Session

from cskexam.core.srs import REVIEW
from cskexam.storage.models_questions import AnswerRow, QuestionRow
from cskexam.storage.models_review import ReviewLogRow

EXAM_MODE = "exam"


def review_figures(session: Session) -> dict[str, tuple[int, int, int, Any]]:
    """profile → (reviews, reviews of cards in the review state, of those not 重来, last review)."""
    log = ReviewLogRow
    mature = log.state_before == REVIEW
    stmt = (
        select(
            log.profile,
            func.count(),
            func.sum(case((mature, 1), else_=0)),
            func.sum(case((mature & (log.rating > 1), 1), else_=0)),
            func.max(log.reviewed_at),
        )
        .where(log.rating > 0)
        .group_by(log.profile)
    )
    return {p: (n, int(m or 0), int(ok or 0), last) for p, n, m, ok, last in session.execute(stmt)}


def practice_figures(session: Session) -> dict[str, tuple[int, int]]:
    """profile → (answers outside exams, right ones)."""
    stmt = (
        select(AnswerRow.profile, func.count(), func.sum(AnswerRow.correct.cast(Integer)))
        .where(AnswerRow.mode != EXAM_MODE)
        .group_by(AnswerRow.profile)
    )
    return {p: (n, int(right or 0)) for p, n, right in session.execute(stmt)}


def answers_by_node(session: Session) -> list[tuple[str, int, int]]:
    """(node id, answers, wrong answers) over every profile and every mode, active questions."""
    wrong = func.sum(case((AnswerRow.correct.is_(False), 1), else_=0))
    stmt = (
        select(QuestionRow.node_id, func.count(), wrong)
        .join(QuestionRow, QuestionRow.id == AnswerRow.question_id)
        .where(QuestionRow.node_id.is_not(None))
        .group_by(QuestionRow.node_id)
    )
    return [(node, n, int(w or 0)) for node, n, w in session.execute(stmt)]
