"""On a PostgreSQL shared store: a sync conflict's values, people and time come from the
database (the row this transaction changed, ``change_log``'s old value), never from whoever
inserts it (``db/conflicts_ddl.py``); ``replication_applied.applied_by`` (every store), set
there on PostgreSQL from the signed-in person.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 21:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import conflicts_ddl

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("replication_applied") as batch:
        batch.add_column(sa.Column("applied_by", sa.Uuid(), nullable=True))
    conflicts_ddl.install(op.get_bind())


def downgrade() -> None:
    conflicts_ddl.remove(op.get_bind())
    with op.batch_alter_table("replication_applied") as batch:
        batch.drop_column("applied_by")
