"""Nodes keep the lines of the notes they came from (原文) and their last line.

Revision ID: 0010_node_original
Revises: 0009_search_docs_without_body_key
Create Date: 2026-12-07

知识图谱 shows a node's original lines so a candidate can check the node
against what they wrote. Flags become objects ({"kind": ...}); rows written
before keep their strings until the next import rewrites them, and are read
as objects (cskexam.core.graph.as_flag).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_node_original"
down_revision = "0009_search_docs_without_body_key"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: batch mode would copy and drop the nodes table, which
    # edges and cards reference, and fail on a database that has notes.
    op.add_column("nodes", sa.Column("source_end", sa.Integer(), nullable=False, server_default=sa.text("0")))
    op.add_column("nodes", sa.Column("original", sa.Text(), nullable=False, server_default=sa.text("''")))


def downgrade() -> None:
    with op.batch_alter_table("nodes") as batch:
        batch.drop_column("original")
        batch.drop_column("source_end")
