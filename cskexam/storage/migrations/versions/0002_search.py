"""Search index: documents, FTS5 over pre-split tokens, vocabulary, typo grams, pinyin keys.

Revision ID: 0002_search
Revises: 0001_graph
Create Date: 2025-01-01

Two FTS5 tables index tokens that the import has already split with the
Chinese segmenter (space-separated, lower case, letters and digits only), so
2-character words such as 投诉 are whole tokens (the trigram tokenizer would
find nothing for them): search_fts a document's title and body tokens
together, search_title_fts its title tokens alone. Their tokenizer is 'ascii':
it only has to split at the spaces, faster than unicode61, which looks up every
character. Both are contentless (search_docs holds what results show) and keep
neither positions nor columns (detail='none'): phrases are tested on the
compact keys in search_docs, never inside FTS5.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_search"
down_revision = "0001_graph"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("node_id", sa.String(40), nullable=False),
        sa.Column("source", sa.String(16), nullable=False, server_default="node"),
        sa.Column("ref", sa.String(64), nullable=False, server_default=""),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("title_key", sa.Text(), nullable=False),
        sa.Column("body_key", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("tokens", sa.Text(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_search_docs"),
    )
    op.create_index("ix_search_docs_title_key", "search_docs", ["title_key"])
    op.create_table(
        "search_terms",
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name="pk_search_terms"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "search_grams",
        sa.Column("gram", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("gram", name="pk_search_grams"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "search_pinyin",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("title_key", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("initials", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", "title_key", name="pk_search_pinyin"),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_search_pinyin_title_initials",
        "search_pinyin",
        ["key"],
        sqlite_where=sa.text("initials = 1 AND start = 0"),
    )
    op.create_table(
        "search_meta",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_search_meta"),
    )
    if op.get_bind().dialect.name == "sqlite":
        for table in ("search_fts", "search_title_fts"):
            op.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5(tokens, content='', detail='none', tokenize='ascii')"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_title_fts")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_meta")
    op.drop_index("ix_search_pinyin_title_initials", table_name="search_pinyin")
    op.drop_table("search_pinyin")
    op.drop_table("search_grams")
    op.drop_table("search_terms")
    op.drop_index("ix_search_docs_title_key", table_name="search_docs")
    op.drop_table("search_docs")
