"""Exam questions: questions, answer log, 错题本, stars, practice settings.

Revision ID: 0004_questions
Revises: 0001_graph
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_questions"
down_revision = "0001_graph"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "questions",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("type", sa.String(8), nullable=False),
        sa.Column("stem", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("points", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("node_id", sa.String(40), nullable=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("source", sa.String(12), nullable=False),
        sa.Column("difficulty", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("origin_file", sa.Text(), nullable=True),
        sa.Column("origin_line", sa.Integer(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_questions"),
        sa.ForeignKeyConstraint(["node_id"], ["nodes.id"], name="fk_questions_node_id_nodes"),
    )
    op.create_index("ix_questions_node_id", "questions", ["node_id"])
    op.create_index("ix_questions_active_seq", "questions", ["active", "seq"])
    op.create_index("ix_questions_source", "questions", ["source"])

    op.create_table(
        "question_answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("question_id", sa.String(40), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("given", sa.JSON(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("context", sa.String(64), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_question_answers"),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name="fk_question_answers_question_id_questions"
        ),
    )
    op.create_index("ix_question_answers_question_id", "question_answers", ["question_id"])
    op.create_index("ix_question_answers_answered_at", "question_answers", ["answered_at"])

    op.create_table(
        "wrong_book",
        sa.Column("question_id", sa.String(40), nullable=False),
        sa.Column("wrong_count", sa.Integer(), nullable=False),
        sa.Column("first_wrong_at", sa.DateTime(), nullable=False),
        sa.Column("last_wrong_at", sa.DateTime(), nullable=False),
        sa.Column("last_given", sa.JSON(), nullable=True),
        sa.Column("right_streak", sa.Integer(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("question_id", name="pk_wrong_book"),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], name="fk_wrong_book_question_id_questions"),
    )
    op.create_index("ix_wrong_book_last_wrong_at", "wrong_book", ["last_wrong_at"])

    op.create_table(
        "question_stars",
        sa.Column("question_id", sa.String(40), nullable=False),
        sa.Column("starred_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("question_id", name="pk_question_stars"),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name="fk_question_stars_question_id_questions"
        ),
    )

    op.create_table(
        "question_settings",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_question_settings"),
    )


def downgrade() -> None:
    op.drop_table("question_settings")
    op.drop_table("question_stars")
    op.drop_index("ix_wrong_book_last_wrong_at", table_name="wrong_book")
    op.drop_table("wrong_book")
    op.drop_index("ix_question_answers_answered_at", table_name="question_answers")
    op.drop_index("ix_question_answers_question_id", table_name="question_answers")
    op.drop_table("question_answers")
    op.drop_index("ix_questions_source", table_name="questions")
    op.drop_index("ix_questions_active_seq", table_name="questions")
    op.drop_index("ix_questions_node_id", table_name="questions")
    op.drop_table("questions")
