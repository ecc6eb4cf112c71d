"""Mock exam attempts and answers in the database. The only SQL of the feature.

Attempts belong to the session's profile (``profiles_repo.current_profile``):
an attempt of another profile is as unknown here as one that never existed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cskexam.core.srs import CardState
from cskexam.core.vocab import AttemptStatus
from cskexam.storage.models_exam import ExamAnswerRow, ExamAttemptRow
from cskexam.storage.models_questions import AnswerRow, QuestionRow
from cskexam.storage.models_review import CardRow
from cskexam.storage.profiles_repo import current_profile
from cskexam.storage.review_repo import state_of

IN_PROGRESS = AttemptStatus.IN_PROGRESS


def create_attempt(session: Session, values: dict[str, Any], question_ids: Sequence[str], now: dt.datetime) -> int:
    row = ExamAttemptRow(**values, profile=current_profile(session), started_at=now, updated_at=now, status=IN_PROGRESS, current=1)
    session.add(row)
    session.flush()
    session.add_all(
        ExamAnswerRow(attempt_id=row.id, number=n, question_id=qid, given=None, flagged=False, updated_at=now)
        for n, qid in enumerate(question_ids, start=1)
    )
    session.flush()
    return row.id


def get_attempt(session: Session, attempt_id: int) -> ExamAttemptRow | None:
    if not 0 < attempt_id < 2**63:  # no such row, and past 2**63 the driver cannot even ask
        return None
    row = session.get(ExamAttemptRow, attempt_id)
    return row if row is not None and row.profile == current_profile(session) else None


def active_attempt(session: Session) -> ExamAttemptRow | None:
    """The latest attempt still in progress."""
    return session.scalars(
        select(ExamAttemptRow)
        .where(ExamAttemptRow.profile == current_profile(session), ExamAttemptRow.status == IN_PROGRESS)
        .order_by(ExamAttemptRow.started_at.desc(), ExamAttemptRow.id.desc()).limit(1)
    ).first()


def answers_of(session: Session, attempt_id: int) -> list[ExamAnswerRow]:
    return list(session.scalars(
        select(ExamAnswerRow).where(ExamAnswerRow.attempt_id == attempt_id).order_by(ExamAnswerRow.number)
    ))


def save_answer(session: Session, attempt_id: int, number: int, *, given: Any = None, flagged: bool | None = None,
                set_given: bool = True, now: dt.datetime) -> bool:
    """Update one answer (and/or its flag); False if the attempt is not in progress."""
    attempt = get_attempt(session, attempt_id)
    if attempt is None or attempt.status != IN_PROGRESS:
        return False
    row = session.get(ExamAnswerRow, (attempt_id, number))
    if row is None:
        return False
    if set_given:
        row.given = given
    if flagged is not None:
        row.flagged = flagged
    row.updated_at = now
    attempt.updated_at = now
    session.flush()
    return True


def save_progress(session: Session, attempt_id: int, remaining: float, current: int, now: dt.datetime) -> bool:
    attempt = get_attempt(session, attempt_id)
    if attempt is None or attempt.status != IN_PROGRESS:
        return False
    attempt.remaining_s = max(0.0, float(remaining))
    attempt.current = int(current)
    attempt.updated_at = now
    session.flush()
    return True


def finish_attempt(session: Session, attempt_id: int, *, status: str, now: dt.datetime, remaining: float,
                   score: float | None = None, passed: bool | None = None, report: dict | None = None,
                   outcomes: Iterable[tuple[int, float, bool]] = ()) -> None:
    attempt = get_attempt(session, attempt_id)
    if attempt is None:
        raise LookupError(f"no exam attempt {attempt_id} of this profile")
    attempt.status = status
    attempt.finished_at = now
    attempt.updated_at = now
    attempt.remaining_s = max(0.0, float(remaining))
    attempt.score = score
    attempt.passed = passed
    attempt.report = report
    rows = {r.number: r for r in answers_of(session, attempt_id)}
    for number, earned, correct in outcomes:
        row = rows.get(number)
        if row is not None:
            row.earned = earned
            row.correct = correct
    session.flush()


def attempts(session: Session, *, statuses: Sequence[str] | None = None, blueprint: str | None = None,
             limit: int | None = None) -> list[ExamAttemptRow]:
    """Attempts, newest first."""
    stmt = select(ExamAttemptRow).where(ExamAttemptRow.profile == current_profile(session))
    if statuses is not None:
        stmt = stmt.where(ExamAttemptRow.status.in_(list(statuses)))
    if blueprint is not None:
        stmt = stmt.where(ExamAttemptRow.blueprint == blueprint)
    stmt = stmt.order_by(ExamAttemptRow.started_at.desc(), ExamAttemptRow.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def recent_question_ids(session: Session, last: int) -> set[str]:
    """Questions of the ``last`` most recent attempts (abandoned ones included: they were seen)."""
    if last <= 0:
        return set()
    ids = [a.id for a in attempts(session, limit=last)]
    if not ids:
        return set()
    return set(session.scalars(select(ExamAnswerRow.question_id).where(ExamAnswerRow.attempt_id.in_(ids))))


# -- evidence for the readiness prediction ---------------------------------------------

def card_states(session: Session) -> list[tuple[str, CardState]]:
    """(node id, state) of every playable card that has been reviewed."""
    rows = session.scalars(
        select(CardRow).where(
            CardRow.profile == current_profile(session),
            CardRow.orphaned.is_(False), CardRow.suspended.is_(False), CardRow.state != 0,
        )
    )
    return [(r.node_id, state_of(r)) for r in rows]


def answer_totals_by_node(session: Session) -> dict[str, tuple[int, float]]:
    """``{node_id: (answers, summed 0–1 scores)}`` over every graded answer."""
    stmt = (
        select(QuestionRow.node_id, func.count(), func.sum(AnswerRow.score))
        .join(QuestionRow, QuestionRow.id == AnswerRow.question_id)
        .where(AnswerRow.profile == current_profile(session), QuestionRow.node_id.is_not(None))
        .group_by(QuestionRow.node_id)
    )
    return {node: (n, float(total or 0.0)) for node, n, total in session.execute(stmt).all() if node is not None}
