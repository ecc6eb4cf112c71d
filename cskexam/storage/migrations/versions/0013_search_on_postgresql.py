"""Search index on PostgreSQL: documents keep their words, found through GIN indexes.

Revision ID: 0013_search_on_postgresql
Revises: 0012_search_words_and_readings
Create Date: 2026-12-07

SQLite finds a document's words in its FTS5 tables; PostgreSQL has none, so
there every document keeps its title words (search_docs.title_tokens) and
all its words (search_docs.tokens), and two GIN indexes over them as arrays
find the documents holding given words (see cskexam.storage.search_postgres).
The column exists on both engines; SQLite leaves it empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_search_on_postgresql"
down_revision = "0012_search_words_and_readings"
branch_labels = None
depends_on = None

INDEXES = {"ix_search_docs_words": "tokens", "ix_search_docs_title_words": "title_tokens"}


def upgrade() -> None:
    op.add_column("search_docs", sa.Column("title_tokens", sa.Text(), nullable=False, server_default=""))
    if op.get_bind().dialect.name == "postgresql":
        for name, column in INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON search_docs USING gin (string_to_array({column}, ' '))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in INDEXES:
            op.execute(f"DROP INDEX {name}")
    with op.batch_alter_table("search_docs") as batch:
        batch.drop_column("title_tokens")
