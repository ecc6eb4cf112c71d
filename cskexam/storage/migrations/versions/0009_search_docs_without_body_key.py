"""search_docs without body_key: a body's phrase test reads the body itself.

Revision ID: 0009_search_docs_without_body_key
Revises: 0008_search_token_ids
Create Date: 2026-11-30

body_key held each body again in compact form (letters and characters
only) for phrase tests, a quarter of the database of a big library and a
tenth of the time its index took to build. A phrase now counts where the
body holds it as written (what results highlight). The index of an older
format is emptied, and the next search or import builds it again (its
version in search_meta is gone, see cskexam.services.search.ensure_index).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_search_docs_without_body_key"
down_revision = "0008_search_token_ids"
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
    with op.batch_alter_table("search_docs") as batch:
        batch.drop_column("body_key")


def downgrade() -> None:
    _empty_index()
    with op.batch_alter_table("search_docs") as batch:
        batch.add_column(sa.Column("body_key", sa.Text(), nullable=False, server_default=""))
