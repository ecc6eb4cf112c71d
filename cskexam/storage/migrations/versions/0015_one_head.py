"""One head again: the import steps, search on PostgreSQL and profiles branches join.

Revision ID: 0015_one_head
Revises: 0006_import_steps, 0013_search_on_postgresql, 0014_profiles
Create Date: 2026-12-07

A merge point and nothing else: a database made by an earlier release holds
the three heads in ``alembic_version`` and moves to this one without a schema
change; later migrations revise this one alone.
"""

from __future__ import annotations

revision = "0015_one_head"
down_revision = ("0006_import_steps", "0013_search_on_postgresql", "0014_profiles")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
