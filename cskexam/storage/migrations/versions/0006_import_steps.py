"""Import runs record which import steps ran.

Revision ID: 0006_import_steps
Revises: 0001_graph
Create Date: 2026-11-29

A library imported before a feature existed has none of that feature's
derived rows (search index, cards, questions). Knowing which steps ran lets
start-up run the missing ones once, without re-reading any notes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_import_steps"
down_revision = "0001_graph"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_runs") as batch:
        batch.add_column(sa.Column("steps", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_runs") as batch:
        batch.drop_column("steps")
