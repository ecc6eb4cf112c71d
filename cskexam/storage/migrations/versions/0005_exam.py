"""Mock exams: attempts and their answers.

Revision ID: 0005_exam
Revises: 0004_questions
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_exam"
down_revision = "0004_questions"  # exam answers point at question rows
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exam_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("blueprint", sa.String(64), nullable=False),
        sa.Column("blueprint_data", sa.JSON(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("time_limit_s", sa.Integer(), nullable=False),
        sa.Column("remaining_s", sa.Float(), nullable=False),
        sa.Column("current", sa.Integer(), nullable=False),
        sa.Column("paper", sa.JSON(), nullable=False),
        sa.Column("shortfalls", sa.JSON(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("pass_mark", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("predicted", sa.Float(), nullable=True),
        sa.Column("predicted_raw", sa.Float(), nullable=True),
        sa.Column("predicted_low", sa.Float(), nullable=True),
        sa.Column("predicted_high", sa.Float(), nullable=True),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_exam_attempts"),
    )
    op.create_index("ix_exam_attempts_status_started_at", "exam_attempts", ["status", "started_at"])

    op.create_table(
        "exam_answers",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(40), nullable=False),
        sa.Column("given", sa.JSON(), nullable=True),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("earned", sa.Float(), nullable=True),
        sa.Column("correct", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("attempt_id", "number", name="pk_exam_answers"),
        sa.ForeignKeyConstraint(["attempt_id"], ["exam_attempts.id"], name="fk_exam_answers_attempt_id_exam_attempts"),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], name="fk_exam_answers_question_id_questions"),
    )
    op.create_index("ix_exam_answers_question_id", "exam_answers", ["question_id"])


def downgrade() -> None:
    op.drop_index("ix_exam_answers_question_id", table_name="exam_answers")
    op.drop_table("exam_answers")
    op.drop_index("ix_exam_attempts_status_started_at", table_name="exam_attempts")
    op.drop_table("exam_attempts")
