"""Search FTS tables hold short word ids; search_terms maps each word to its id.

Revision ID: 0008_search_token_ids
Revises: 0007_search_fts_columnsize
Create Date: 2026-11-30

FTS5 indexed the words themselves (6 to 12 bytes of UTF-8 each); it now
indexes a 1 to 3 character ASCII id per word (cskexam.core.search.TokenIds),
which takes it about a sixth less work on a big library. The vocabulary
gets the id column; the index of an older format is emptied, and the next search
or import builds it again (its version in search_meta is gone, see
cskexam.services.search.ensure_index).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_search_token_ids"
down_revision = "0007_search_fts_columnsize"
branch_labels = None
depends_on = None

_FTS = ("search_fts", "search_title_fts")
_DERIVED = ("search_docs", "search_terms", "search_grams", "search_pinyin", "search_meta")


def _empty_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _FTS:
            op.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    for table in _DERIVED:
        op.execute(f"DELETE FROM {table}")


def upgrade() -> None:
    _empty_index()
    with op.batch_alter_table("search_terms") as batch:
        batch.add_column(sa.Column("token", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    _empty_index()
    with op.batch_alter_table("search_terms") as batch:
        batch.drop_column("token")
