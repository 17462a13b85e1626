"""PostgreSQL name search reads the names that start with the typed words first: a b-tree
over the words of search_text as one lower-case line (``text_pattern_ops``), so a prefix shared by
thousands of customers is a range read in order that stops at the LIMIT; the GIN index only
finds the rest. The GIN index's pending list is kept to 256 kB (``gin_pending_list_limit``):
every search read the whole list, up to 4 MB on a store autovacuum had not visited yet. SQLite's
FTS5 index already stops at the LIMIT; nothing changes there.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 19:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out, not taken from db.search_ddl: a revision must not follow later code. Both
# directions run on a store made by 0001 of today (which already has the index) or of before.
START = (
    "CREATE INDEX IF NOT EXISTS ix_customers_search_start ON customers "
    r"((lower(btrim(regexp_replace(search_text, '\W+', ' ', 'g')))) text_pattern_ops)"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(START)
    op.execute("ALTER INDEX ix_customers_search_words SET (gin_pending_list_limit = 256)")
    # A smaller limit leaves what the list already holds: move it into the index now.
    op.execute("SELECT gin_clean_pending_list('ix_customers_search_words'::regclass)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER INDEX ix_customers_search_words RESET (gin_pending_list_limit)")
    op.execute("DROP INDEX IF EXISTS ix_customers_search_start")
