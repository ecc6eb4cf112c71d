"""Tables of mock exams: one row per attempt, one row per question of it.

An attempt keeps everything needed to rebuild its paper (the blueprint as it
was, the seed, and the layout: question ids, sections, points, parts), so a
later change of the blueprint files never changes a paper being sat or
reviewed. Answers are written as they change, with the remaining time on the
attempt, so a killed process loses nothing but the last seconds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cskexam.storage.base import Base
from cskexam.storage.models_profiles import profile_column


class ExamAttemptRow(Base):
    __tablename__ = "exam_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    profile: Mapped[str] = profile_column()
    blueprint: Mapped[str] = mapped_column(String(64))
    blueprint_data: Mapped[dict[str, Any]]
    seed: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # in_progress | submitted | timed_out | abandoned
    started_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]  # last save of an answer or of the clock
    finished_at: Mapped[dt.datetime | None]
    time_limit_s: Mapped[int] = mapped_column(Integer)
    remaining_s: Mapped[float] = mapped_column(Float)
    current: Mapped[int] = mapped_column(Integer, default=1)
    paper: Mapped[list[Any]]  # [{number, question, section, points, part, part_title}]
    shortfalls: Mapped[list[Any]]
    total: Mapped[float] = mapped_column(Float)
    pass_mark: Mapped[float] = mapped_column(Float)
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    # The readiness prediction made when the attempt started (calibration).
    predicted: Mapped[float | None] = mapped_column(Float)
    predicted_raw: Mapped[float | None] = mapped_column(Float)
    predicted_low: Mapped[float | None] = mapped_column(Float)
    predicted_high: Mapped[float | None] = mapped_column(Float)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    __table_args__ = (Index("ix_exam_attempts_profile_status_started_at", "profile", "status", "started_at"),)


class ExamAnswerRow(Base):
    __tablename__ = "exam_answers"

    attempt_id: Mapped[int] = mapped_column(Integer, ForeignKey("exam_attempts.id"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[str] = mapped_column(String(40), ForeignKey("questions.id"), index=True)
    given: Mapped[Any] = mapped_column(JSON, nullable=True)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime]
    earned: Mapped[float | None] = mapped_column(Float)  # set when the attempt is scored
    correct: Mapped[bool | None] = mapped_column(Boolean)
