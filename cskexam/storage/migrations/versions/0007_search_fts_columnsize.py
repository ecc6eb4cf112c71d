"""Search FTS tables without per-document token counts (columnsize=0).

Revision ID: 0007_search_fts_columnsize
Revises: 0002_search
Create Date: 2026-11-29

Ranking never used FTS5's token counts (no bm25()), and writing them was a
third of the time FTS5 took to index a library. FTS5 options cannot be
altered, so both tables are created again, empty; the rest of the index is
emptied with them, and the next search or import builds it again (its
version in search_meta is gone, see cskexam.services.search.ensure_index).
"""

from __future__ import annotations

from alembic import op

revision = "0007_search_fts_columnsize"
down_revision = "0002_search"
branch_labels = None
depends_on = None

_TABLES = ("search_fts", "search_title_fts")
_DERIVED = ("search_docs", "search_terms", "search_grams", "search_pinyin", "search_meta")


def _recreate(options: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in _TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table}")
        op.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(tokens, {options})")
    for table in _DERIVED:
        op.execute(f"DELETE FROM {table}")


def upgrade() -> None:
    _recreate("content='', detail='none', tokenize='ascii', columnsize=0")


def downgrade() -> None:
    _recreate("content='', detail='none', tokenize='ascii'")
