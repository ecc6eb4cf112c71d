"""Questions, answers, 错题本 and stars in the database. The only SQL of the feature.

Questions are shared; answers, the 错题本, stars and settings are the
session's profile's (``profiles_repo.current_profile``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from sqlalchemy import Integer, delete, func, insert, select, update
from sqlalchemy.orm import Session

from cskexam.core.grading import ScoringPoint
from cskexam.core.graph import SourceRef
from cskexam.core.questions import Question
from cskexam.storage.models_questions import (
    AnswerRow,
    QuestionRow,
    QuestionSettingRow,
    StarRow,
    WrongBookRow,
)
from cskexam.storage.base import dialect_insert, insert_or_ignore
from cskexam.storage.profiles_repo import current_profile

# Fields whose change means the question asks or expects something else.
_CONTENT = ("type", "stem", "options", "answer", "points")


@dataclass
class SyncStats:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)


def _values(q: Question, seq: int) -> dict[str, Any]:
    return {
        "id": q.id,
        "type": q.type,
        "stem": q.stem,
        "options": dict(q.options),
        "answer": q.answer,
        "explanation": q.explanation,
        "points": [p.to_dict() for p in q.points],
        "tags": list(q.tags),
        "node_id": q.node,
        "kind": q.kind,
        "source": q.source,
        "difficulty": q.difficulty,
        "document": q.document,
        "origin_file": q.origin.file if q.origin else None,
        "origin_line": q.origin.line if q.origin else None,
        "seq": seq,
        "active": True,
    }


def to_question(row: QuestionRow) -> Question:
    return Question(
        id=row.id,
        type=row.type,
        stem=row.stem,
        answer=row.answer,
        options=dict(row.options or {}),
        explanation=row.explanation or "",
        node=row.node_id,
        source=row.source,
        kind=row.kind or "",
        points=[ScoringPoint.coerce(p) for p in row.points or []],
        tags=list(row.tags or []),
        difficulty=row.difficulty,
        document=row.document or "",
        origin=SourceRef(row.origin_file, row.origin_line or 0) if row.origin_file else None,
    )


def save_questions(
    session: Session,
    questions: list[Question],
    now: dt.datetime,
    *,
    seq: dict[str, int] | None = None,
    retire_sources: Iterable[str] = (),
) -> SyncStats:
    """Insert or update ``questions``; deactivate missing ones of ``retire_sources``.

    Existing rows are updated in place, so the answer log and the 错题本 keep
    pointing at them. ``seq`` gives each question its place for 顺序 practice.
    """
    stats = SyncStats()
    seq = seq or {}
    existing = {r.id: r for r in session.scalars(select(QuestionRow).where(QuestionRow.id.in_([q.id for q in questions])))}
    new_rows = []
    for i, q in enumerate(questions):
        values = _values(q, seq.get(q.id, i))
        row = existing.get(q.id)
        if row is None:
            new_rows.append({**values, "created_at": now, "changed_at": now})
            stats.added.append(q.id)
            continue
        content_changed = any(getattr(row, k) != values[k] for k in _CONTENT)
        dirty = False
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
                dirty = True
        if content_changed:
            row.changed_at = now
            stats.changed.append(q.id)
        elif dirty:
            stats.changed.append(q.id)
        else:
            stats.unchanged.append(q.id)
    if new_rows:
        # Core insert: an import of hundreds of questions in one statement.
        session.execute(insert(QuestionRow), new_rows)
    keep = {q.id for q in questions}
    retire = list(retire_sources)
    if retire:
        stale = session.scalars(
            select(QuestionRow.id).where(QuestionRow.source.in_(retire), QuestionRow.active.is_(True))
        ).all()
        gone = [qid for qid in stale if qid not in keep]
        if gone:
            session.execute(update(QuestionRow).where(QuestionRow.id.in_(gone)).values(active=False))
        stats.deactivated = gone
    session.flush()
    return stats


def load_questions(
    session: Session,
    *,
    ids: Iterable[str] | None = None,
    node_ids: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    active_only: bool = True,
    wrong_only: bool = False,
    starred_only: bool = False,
) -> list[Question]:
    """Questions in 顺序 order (outline of the notes), filtered."""
    stmt = select(QuestionRow)
    if active_only:
        stmt = stmt.where(QuestionRow.active.is_(True))
    if ids is not None:
        stmt = stmt.where(QuestionRow.id.in_(list(ids)))
    if node_ids is not None:
        stmt = stmt.where(QuestionRow.node_id.in_(list(node_ids)))
    if types is not None:
        stmt = stmt.where(QuestionRow.type.in_(list(types)))
    if sources is not None:
        stmt = stmt.where(QuestionRow.source.in_(list(sources)))
    if wrong_only:
        stmt = stmt.join(WrongBookRow, WrongBookRow.question_id == QuestionRow.id).where(
            WrongBookRow.profile == current_profile(session), WrongBookRow.cleared_at.is_(None)
        )
    if starred_only:
        stmt = stmt.join(StarRow, StarRow.question_id == QuestionRow.id).where(
            StarRow.profile == current_profile(session)
        )
    stmt = stmt.order_by(QuestionRow.seq, QuestionRow.id)
    return [to_question(r) for r in session.scalars(stmt)]


def scoring_points(session: Session, types: Iterable[str]) -> list[list[Any]]:
    """The stored scoring points ([{point, synonyms}]) of every active question of ``types``."""
    stmt = select(QuestionRow.points).where(QuestionRow.active.is_(True), QuestionRow.type.in_(list(types)))
    return [list(points or []) for points in session.scalars(stmt)]


def get_question(session: Session, question_id: str) -> Question | None:
    row = session.get(QuestionRow, question_id)
    return to_question(row) if row is not None else None


def count_questions(session: Session) -> dict[str, int]:
    """Active questions by source."""
    rows = session.execute(
        select(QuestionRow.source, func.count()).where(QuestionRow.active.is_(True)).group_by(QuestionRow.source)
    ).all()
    return {source: n for source, n in rows}


# -- answers and the 错题本 ------------------------------------------------------

def add_answer(
    session: Session,
    question_id: str,
    given: Any,
    correct: bool,
    score: float,
    now: dt.datetime,
    *,
    mode: str = "practice",
    context: str | None = None,
    duration_ms: int | None = None,
) -> int:
    row = AnswerRow(
        profile=current_profile(session),
        question_id=question_id,
        answered_at=now,
        given="" if given is None else given,
        correct=correct,
        score=score,
        mode=mode,
        context=context,
        duration_ms=duration_ms,
    )
    session.add(row)
    session.flush()
    return row.id


def _locked_entry(session: Session, question_id: str) -> WrongBookRow | None:
    """The profile's 错题本 row of a question, locked until the commit (PostgreSQL).

    Two devices of one profile answering the same question at once: the
    second waits here and counts on top of the first.
    """
    stmt = (
        select(WrongBookRow)
        .where(WrongBookRow.profile == current_profile(session), WrongBookRow.question_id == question_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return session.scalars(stmt).first()


def mark_wrong(session: Session, question_id: str, given: Any, now: dt.datetime) -> WrongBookRow:
    """Count a wrong answer: the question enters (or goes back into) the 错题本.

    One upsert, atomic on both engines: two devices of one profile answering
    the same question wrongly at once are both counted.
    """
    values = dialect_insert(session)(WrongBookRow).values(
        profile=current_profile(session), question_id=question_id, wrong_count=1, first_wrong_at=now,
        last_wrong_at=now, last_given=given, right_streak=0, cleared_at=None,
    )
    stmt = values.on_conflict_do_update(
        index_elements=[WrongBookRow.profile, WrongBookRow.question_id],
        set_={
            "wrong_count": WrongBookRow.wrong_count + 1,
            "last_wrong_at": values.excluded.last_wrong_at,
            "last_given": values.excluded.last_given,
            "right_streak": 0,
            "cleared_at": None,
        },
    ).returning(WrongBookRow)
    return session.scalars(stmt, execution_options={"populate_existing": True}).one()


def mark_right(session: Session, question_id: str, now: dt.datetime,
               clear_after: Callable[[], int]) -> WrongBookRow | None:
    """Count a right answer for a question in the 错题本; clear it after ``clear_after()`` in a row
    (asked only for a question in the 错题本)."""
    row = _locked_entry(session, question_id)
    if row is None or row.cleared_at is not None:
        return row
    row.right_streak += 1
    if row.right_streak >= clear_after():
        row.cleared_at = now
    session.flush()
    return row


def wrong_book(session: Session, *, include_cleared: bool = False) -> list[tuple[Question, WrongBookRow]]:
    """Entries of the 错题本, most recently wrong first."""
    stmt = select(QuestionRow, WrongBookRow).join(WrongBookRow, WrongBookRow.question_id == QuestionRow.id)
    stmt = stmt.where(WrongBookRow.profile == current_profile(session))
    if not include_cleared:
        stmt = stmt.where(WrongBookRow.cleared_at.is_(None))
    stmt = stmt.order_by(WrongBookRow.last_wrong_at.desc(), QuestionRow.seq)
    return [(to_question(q), w) for q, w in session.execute(stmt).all()]


def answer_stats(session: Session, question_ids: Iterable[str] | None = None) -> dict[str, tuple[int, int]]:
    """``{question_id: (answers, right answers)}``."""
    stmt = select(AnswerRow.question_id, func.count(), func.sum(AnswerRow.correct.cast(Integer)))
    stmt = stmt.where(AnswerRow.profile == current_profile(session))
    if question_ids is not None:
        stmt = stmt.where(AnswerRow.question_id.in_(list(question_ids)))
    stmt = stmt.group_by(AnswerRow.question_id)
    return {qid: (n, int(right or 0)) for qid, n, right in session.execute(stmt).all()}


def answers_of(session: Session, question_id: str) -> list[AnswerRow]:
    return list(
        session.scalars(
            select(AnswerRow)
            .where(AnswerRow.profile == current_profile(session), AnswerRow.question_id == question_id)
            .order_by(AnswerRow.id)
        )
    )


# -- stars and settings ------------------------------------------------------------

def set_star(session: Session, question_id: str, starred: bool, now: dt.datetime) -> None:
    profile = current_profile(session)
    if starred:
        values = {"profile": profile, "question_id": question_id, "starred_at": now}
        session.execute(insert_or_ignore(session, StarRow.__table__, values))
    else:
        session.execute(delete(StarRow).where(StarRow.profile == profile, StarRow.question_id == question_id))


def starred_ids(session: Session) -> set[str]:
    return set(session.scalars(select(StarRow.question_id).where(StarRow.profile == current_profile(session))))


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(QuestionSettingRow, (current_profile(session), key))
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    profile = current_profile(session)
    session.execute(insert_or_ignore(session, QuestionSettingRow.__table__, {"profile": profile, "key": key, "value": value}))
    session.execute(
        update(QuestionSettingRow)
        .where(QuestionSettingRow.profile == profile, QuestionSettingRow.key == key)
        .values(value=value)
        .execution_options(synchronize_session="fetch")
    )

