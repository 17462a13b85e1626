"""A customer's city: what tells apart the records that share a number (a household, a
switchboard) when the caller is asked who they are, and what an address book shows first.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 13:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import changefeed_ddl

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("customers", sa.Column("city", sa.String(length=100), nullable=True))
    if changefeed_ddl.is_shared_sqlite(op.get_bind()):
        # The update trigger lists the columns it watches: rebuild it with the new one.
        changefeed_ddl.remove(op.get_bind(), ["customers"])
        changefeed_ddl.install(op.get_bind(), ["customers"])


def downgrade() -> None:
    if changefeed_ddl.is_shared_sqlite(op.get_bind()):
        changefeed_ddl.remove(op.get_bind(), ["customers"])
    op.execute(sa.text("ALTER TABLE customers DROP COLUMN city"))
    if changefeed_ddl.is_shared_sqlite(op.get_bind()):
        changefeed_ddl.install(op.get_bind(), ["customers"])
