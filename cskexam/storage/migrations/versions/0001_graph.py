"""Knowledge graph: nodes, edges, definitions, import runs.

Revision ID: 0001_graph
Revises:
Create Date: 2025-01-01

The root of the schema. Feature branches (0002_search, 0003_review,
0004_questions, …) each revise this one; see ../README.md.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_graph"
down_revision = None
branch_labels = None
depends_on = None

NODE_ID = sa.String(40)


def _seen() -> list[sa.Column]:
    return [
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "nodes",
        sa.Column("id", NODE_ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("marker", sa.Text(), nullable=False),
        sa.Column("parent_id", NODE_ID, nullable=True),
        sa.Column("document_id", NODE_ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("mnemonic", sa.Text(), nullable=True),
        sa.Column("page", sa.String(32), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        *_seen(),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_nodes"),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["nodes.id"], name="fk_nodes_parent_id_nodes", deferrable=True, initially="DEFERRED"
        ),
    )
    op.create_index("ix_nodes_parent_id", "nodes", ["parent_id"])
    op.create_index("ix_nodes_document_id", "nodes", ["document_id"])
    op.create_index("ix_nodes_active_seq", "nodes", ["active", "seq"])

    op.create_table(
        "edges",
        sa.Column("source_id", NODE_ID, nullable=False),
        sa.Column("target_id", NODE_ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        *_seen(),
        sa.PrimaryKeyConstraint("source_id", "target_id", "kind", name="pk_edges"),
        sa.ForeignKeyConstraint(["source_id"], ["nodes.id"], name="fk_edges_source_id_nodes"),
        sa.ForeignKeyConstraint(["target_id"], ["nodes.id"], name="fk_edges_target_id_nodes"),
    )
    op.create_index("ix_edges_target_id", "edges", ["target_id"])

    op.create_table(
        "definitions",
        sa.Column("id", NODE_ID, nullable=False),
        sa.Column("node_id", NODE_ID, nullable=False),
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        *_seen(),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_definitions"),
        sa.ForeignKeyConstraint(["node_id"], ["nodes.id"], name="fk_definitions_node_id_nodes"),
    )
    op.create_index("ix_definitions_node_id", "definitions", ["node_id"])

    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        *[
            sa.Column(name, sa.Integer(), nullable=False)
            for name in ("added", "updated", "unchanged", "deactivated", "reactivated", "nodes", "edges", "definitions")
        ],
        sa.PrimaryKeyConstraint("id", name="pk_import_runs"),
    )


def downgrade() -> None:
    op.drop_table("import_runs")
    op.drop_index("ix_definitions_node_id", table_name="definitions")
    op.drop_table("definitions")
    op.drop_index("ix_edges_target_id", table_name="edges")
    op.drop_table("edges")
    op.drop_index("ix_nodes_active_seq", table_name="nodes")
    op.drop_index("ix_nodes_document_id", table_name="nodes")
    op.drop_index("ix_nodes_parent_id", table_name="nodes")
    op.drop_table("nodes")
