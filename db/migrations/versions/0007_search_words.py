"""PostgreSQL name search by word prefixes: a GIN index over the words of search_text
replaces the trigram index (which matched inside words and read every row for a two-letter
prefix). SQLite's FTS5 index already works this way; nothing changes there.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out, not taken from db.search_ddl: a revision must not follow later code. Both
# directions run on a store made by either 0001 of today (which already has the words index)
# or of before (which has the trigram index).
WORDS = (
    "CREATE INDEX IF NOT EXISTS ix_customers_search_words ON customers USING gin "
    r"(to_tsvector('simple'::regconfig, regexp_replace(search_text, '\W+', ' ', 'g')))"
)
TRIGRAMS = (
    "CREATE INDEX IF NOT EXISTS ix_customers_search_text_trgm ON customers "
    "USING gin (search_text gin_trgm_ops)"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(WORDS)
    op.execute("DROP INDEX IF EXISTS ix_customers_search_text_trgm")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(TRIGRAMS)
    op.execute("DROP INDEX IF EXISTS ix_customers_search_words")
