"""Profiles: each candidate has their own reviews, settings, practice, 错题本 and exams.

Revision ID: 0014_profiles
Revises: 0011_card_edits, 0005_exam
Create Date: 2026-12-07

Notes, the graph and the question bank stay shared. What a candidate does is
keyed by a ``profile`` column: a card's scheduling state (one row per card and
profile: ``cards`` is keyed by (id, profile), so that a content change of a
card, by id, reaches every profile), the review log, answers, the 错题本,
stars, practice settings and exam attempts. Every existing row becomes the
``default`` profile's, which is what a library without profiles uses.
"""

from __future__ import annotations

import datetime as dt
import warnings

import sqlalchemy as sa
from alembic import op

revision = "0014_profiles"
down_revision = ("0011_card_edits", "0005_exam")
branch_labels = None
depends_on = None

PROFILE = sa.String(32)
DEFAULT = "default"


def _rekey(batch, table: str, columns: list[str]) -> None:
    """Give ``table`` a new primary key (SQLite's batch mode rebuilds the table with it)."""
    if op.get_bind().dialect.name != "sqlite":
        batch.drop_constraint(f"pk_{table}", type_="primary")
    batch.create_primary_key(f"pk_{table}", columns)


def _profile_column() -> sa.Column:
    return sa.Column("profile", PROFILE, nullable=False, server_default=DEFAULT)


def upgrade() -> None:
    with warnings.catch_warnings():
        # SQLite's batch copy reflects the old key's column as primary_key=True
        # and says so while it builds the table with the new, wider key.
        warnings.filterwarnings("ignore", message=".*specifies columns .* as primary_key=True", category=sa.exc.SAWarning)
        _upgrade()


def downgrade() -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*specifies columns .* as primary_key=True", category=sa.exc.SAWarning)
        _downgrade()


def _upgrade() -> None:
    profiles = op.create_table(
        "profiles",
        sa.Column("name", PROFILE, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_profiles"),
    )
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    op.bulk_insert(profiles, [{"name": DEFAULT, "created_at": now}])

    # The log's key into cards changes with the cards' key: drop it first.
    with op.batch_alter_table("review_logs") as batch:
        batch.drop_constraint("fk_review_logs_card_id_cards", type_="foreignkey")
    with op.batch_alter_table("cards") as batch:
        batch.add_column(_profile_column())
        _rekey(batch, "cards", ["id", "profile"])
        batch.drop_index("ix_cards_due")
        batch.drop_index("ix_cards_queue_due")
        batch.drop_index("ix_cards_queue_new")
        batch.create_index("ix_cards_profile_due", ["profile", "due"])
        batch.create_index(
            "ix_cards_queue_due", ["profile", "state", "due", "suspended", "orphaned", "buried_until"]
        )
        batch.create_index(
            "ix_cards_queue_new", ["profile", "state", "seq", "suspended", "orphaned", "buried_until"]
        )
    with op.batch_alter_table("review_logs") as batch:
        batch.add_column(_profile_column())
        batch.drop_index("ix_review_logs_card_id")
        batch.drop_index("ix_review_logs_reviewed_at")
        batch.create_index("ix_review_logs_card_id_profile", ["card_id", "profile"])
        batch.create_index("ix_review_logs_profile_reviewed_at", ["profile", "reviewed_at"])
        batch.create_foreign_key(
            "fk_review_logs_card_id_cards", "cards", ["card_id", "profile"], ["id", "profile"]
        )

    with op.batch_alter_table("question_answers") as batch:
        batch.add_column(_profile_column())
        batch.create_index("ix_question_answers_profile_question_id", ["profile", "question_id"])
    for table, key in (("wrong_book", "question_id"), ("question_stars", "question_id"), ("question_settings", "key")):
        with op.batch_alter_table(table) as batch:
            batch.add_column(_profile_column())
            _rekey(batch, table, ["profile", key])

    with op.batch_alter_table("exam_attempts") as batch:
        batch.add_column(_profile_column())
        batch.drop_index("ix_exam_attempts_status_started_at")
        batch.create_index("ix_exam_attempts_profile_status_started_at", ["profile", "status", "started_at"])


def _downgrade() -> None:
    # Only the default profile's rows can go back into tables without profiles.
    for table in ("review_logs", "cards", "question_answers", "wrong_book", "question_stars",
                  "question_settings", "exam_answers", "exam_attempts"):
        if table == "exam_answers":
            op.execute(
                "DELETE FROM exam_answers WHERE attempt_id IN "
                f"(SELECT id FROM exam_attempts WHERE profile <> '{DEFAULT}')"
            )
            continue
        op.execute(f"DELETE FROM {table} WHERE profile <> '{DEFAULT}'")
    with op.batch_alter_table("exam_attempts") as batch:
        batch.drop_index("ix_exam_attempts_profile_status_started_at")
        batch.create_index("ix_exam_attempts_status_started_at", ["status", "started_at"])
        batch.drop_column("profile")
    for table, key in (("wrong_book", "question_id"), ("question_stars", "question_id"), ("question_settings", "key")):
        with op.batch_alter_table(table) as batch:
            _rekey(batch, table, [key])
            batch.drop_column("profile")
    with op.batch_alter_table("question_answers") as batch:
        batch.drop_index("ix_question_answers_profile_question_id")
        batch.drop_column("profile")
    with op.batch_alter_table("review_logs") as batch:
        batch.drop_constraint("fk_review_logs_card_id_cards", type_="foreignkey")
        batch.drop_index("ix_review_logs_profile_reviewed_at")
        batch.drop_index("ix_review_logs_card_id_profile")
        batch.create_index("ix_review_logs_card_id", ["card_id"])
        batch.create_index("ix_review_logs_reviewed_at", ["reviewed_at"])
        batch.drop_column("profile")
    with op.batch_alter_table("cards") as batch:
        batch.drop_index("ix_cards_queue_new")
        batch.drop_index("ix_cards_queue_due")
        batch.drop_index("ix_cards_profile_due")
        _rekey(batch, "cards", ["id"])
        batch.create_index("ix_cards_due", ["due"])
        batch.create_index("ix_cards_queue_due", ["state", "due", "suspended", "orphaned", "buried_until"])
        batch.create_index("ix_cards_queue_new", ["state", "seq", "suspended", "orphaned", "buried_until"])
        batch.drop_column("profile")
    with op.batch_alter_table("review_logs") as batch:
        batch.create_foreign_key("fk_review_logs_card_id_cards", "cards", ["card_id"], ["id"])
    op.drop_table("profiles")
