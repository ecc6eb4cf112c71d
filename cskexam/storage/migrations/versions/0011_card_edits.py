"""Cards the user edited or wrote: kept as they are by every re-import.

Revision ID: 0011_card_edits
Revises: 0010_node_original, 0003_review
Create Date: 2026-12-07

``edited``: the front or back was changed by hand; a re-import no longer
overwrites them. ``custom``: a card the user added on a key point; the
generator never makes it, so a re-import must not orphan it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_card_edits"
down_revision = ("0010_node_original", "0003_review")  # the latest revision and the cards table
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cards", sa.Column("edited", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("cards", sa.Column("custom", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("custom")
        batch.drop_column("edited")
