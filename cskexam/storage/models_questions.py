"""Tables of exam questions: the questions, every answer given, the 错题本,
stars (收藏) and the practice settings.

Questions are never deleted. A generated question whose node vanished, or an
authored one removed from the bank, is kept with ``active = False`` so that
the answer log and the 错题本 keep pointing at something; it comes back if it
is generated or authored again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy import true
from sqlalchemy.orm import Mapped, mapped_column

from cskexam.storage.base import Base
from cskexam.storage.models_profiles import profile_column

QUESTION_ID = String(40)


class QuestionRow(Base):
    __tablename__ = "questions"

    id: Mapped[str] = mapped_column(QUESTION_ID, primary_key=True)
    type: Mapped[str] = mapped_column(String(8))  # 单选 | 多选 | 判断 | 填空 | 简答 | 案例分析
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    answer: Mapped[Any] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text, default="")
    points: Mapped[list[Any]] = mapped_column(default=list)  # [{point, synonyms}]
    tags: Mapped[list[Any]] = mapped_column(default=list)
    node_id: Mapped[str | None] = mapped_column(String(40), ForeignKey("nodes.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24), default="")  # generator kind or "authored"
    source: Mapped[str] = mapped_column(String(12))  # generated | bank | import
    difficulty: Mapped[int] = mapped_column(Integer, default=2)
    document: Mapped[str] = mapped_column(Text, default="")
    origin_file: Mapped[str | None] = mapped_column(Text)
    origin_line: Mapped[int | None] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer, default=0)  # outline order of the node, then position
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[dt.datetime]
    changed_at: Mapped[dt.datetime]  # last change of what the question asks or expects

    __table_args__ = (
        Index("ix_questions_active_seq", "active", "seq"),
        Index("ix_questions_source", "source"),
    )


class AnswerRow(Base):
    """Every answer given, in practice, 背题, 错题本 drill or an exam."""

    __tablename__ = "question_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    profile: Mapped[str] = profile_column()
    question_id: Mapped[str] = mapped_column(QUESTION_ID, ForeignKey("questions.id"), index=True)
    answered_at: Mapped[dt.datetime] = mapped_column(index=True)
    given: Mapped[Any] = mapped_column(JSON)
    correct: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[float] = mapped_column(Float)  # 0..1
    mode: Mapped[str] = mapped_column(String(16), default="practice")  # practice | wrongbook | exam
    context: Mapped[str | None] = mapped_column(String(64))  # e.g. an exam attempt id
    duration_ms: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_question_answers_profile_question_id", "profile", "question_id"),)


class WrongBookRow(Base):
    """One row per question ever answered wrongly; cleared after N right answers in a row."""

    __tablename__ = "wrong_book"

    profile: Mapped[str] = profile_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(QUESTION_ID, ForeignKey("questions.id"), primary_key=True)
    wrong_count: Mapped[int] = mapped_column(Integer, default=0)
    first_wrong_at: Mapped[dt.datetime]
    last_wrong_at: Mapped[dt.datetime] = mapped_column(index=True)
    last_given: Mapped[Any] = mapped_column(JSON, nullable=True)
    right_streak: Mapped[int] = mapped_column(Integer, default=0)
    cleared_at: Mapped[dt.datetime | None]  # None while the question is in the 错题本


class StarRow(Base):
    __tablename__ = "question_stars"

    profile: Mapped[str] = profile_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(QUESTION_ID, ForeignKey("questions.id"), primary_key=True)
    starred_at: Mapped[dt.datetime]


class QuestionSettingRow(Base):
    __tablename__ = "question_settings"

    profile: Mapped[str] = profile_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
