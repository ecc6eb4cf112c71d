"""Review loop: cards, review log, review settings.

Revision ID: 0003_review
Revises: 0001_graph
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_review"
down_revision = "0001_graph"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cards",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("node_id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("front", sa.Text(), nullable=False),
        sa.Column("back", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("orphaned", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("suspended", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("leech", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("buried_until", sa.DateTime(), nullable=True),
        sa.Column("state", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", sa.DateTime(), nullable=True),
        sa.Column("last_review", sa.DateTime(), nullable=True),
        sa.Column("reps", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("lapses", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cards"),
        sa.ForeignKeyConstraint(["node_id"], ["nodes.id"], name="fk_cards_node_id_nodes"),
    )
    op.create_index("ix_cards_node_id", "cards", ["node_id"])
    op.create_index("ix_cards_due", "cards", ["due"])
    op.create_index("ix_cards_queue_due", "cards", ["state", "due", "suspended", "orphaned", "buried_until"])
    op.create_index("ix_cards_queue_new", "cards", ["state", "seq", "suspended", "orphaned", "buried_until"])

    op.create_table(
        "review_logs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("card_id", sa.String(16), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("state_before", sa.Integer(), nullable=False),
        sa.Column("state_after", sa.Integer(), nullable=False),
        sa.Column("due_after", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.String(32), nullable=True),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_review_logs"),
        sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name="fk_review_logs_card_id_cards"),
    )
    op.create_index("ix_review_logs_card_id", "review_logs", ["card_id"])
    op.create_index("ix_review_logs_reviewed_at", "review_logs", ["reviewed_at"])

    op.create_table(
        "review_settings",
        sa.Column("profile", sa.String(32), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("profile", name="pk_review_settings"),
    )


def downgrade() -> None:
    op.drop_table("review_settings")
    op.drop_index("ix_review_logs_reviewed_at", table_name="review_logs")
    op.drop_index("ix_review_logs_card_id", table_name="review_logs")
    op.drop_table("review_logs")
    op.drop_index("ix_cards_queue_new", table_name="cards")
    op.drop_index("ix_cards_queue_due", table_name="cards")
    op.drop_index("ix_cards_due", table_name="cards")
    op.drop_index("ix_cards_node_id", table_name="cards")
    op.drop_table("cards")
