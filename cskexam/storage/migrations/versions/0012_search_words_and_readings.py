"""Search index of words (no word ids) and the pinyin of single characters.

Revision ID: 0012_search_words_and_readings
Revises: 0011_card_edits
Create Date: 2026-12-07

The FTS tables hold the index words themselves again, so search_terms needs
no id column; search_readings spells a query in characters as pinyin, which
finds titles despite a character of the same sound typed by mistake. The
index is derived data: it is emptied here, and the next search or import
builds it again (its version in search_meta is gone, see
cskexam.services.search.ensure_index).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_search_words_and_readings"
down_revision = "0011_card_edits"
branch_labels = None
depends_on = None

_DERIVED = ("search_docs", "search_terms", "search_grams", "search_pinyin", "search_meta")


def _empty_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in ("search_fts", "search_title_fts"):
            op.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    for table in _DERIVED:
        op.execute(f"DELETE FROM {table}")


def upgrade() -> None:
    _empty_index()
    with op.batch_alter_table("search_terms") as batch:
        batch.drop_column("token")
    op.create_table(
        "search_readings",
        sa.Column("char", sa.String(1), nullable=False),
        sa.Column("reading", sa.String(8), nullable=False),
        sa.PrimaryKeyConstraint("char", name="pk_search_readings"),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("search_readings")
    _empty_index()
    with op.batch_alter_table("search_terms") as batch:
        batch.add_column(sa.Column("token", sa.Text(), nullable=False, server_default=""))
