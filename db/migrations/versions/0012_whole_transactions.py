"""Whole transactions through the replication, and pulls that wait for no one.

- ``outbox.txn``: the local transaction an entry was written in; the push applies or refuses
  a transaction whole (an entry from before this revision is a transaction of its own).
- ``outbox.refused_at``: when the shared store refused it, for Work ▸ Refused changes.
- ``sync_state.window_xip`` / ``pending_xids``: the shared transactions still running when a
  pull window was read; the pull reads past them and takes their rows once they end, instead
  of stopping at the oldest one; ``sync_state.held_back`` says whose transaction has kept its
  own rows back for more than 10 s.
- PostgreSQL: a statement trigger on every stamped table notifies channel ``cc_change``, so
  desks pull at once (``changefeed_ddl.notify_statements``).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 19:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import changefeed_ddl
from db.types import UTCDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("txn", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("refused_at", UTCDateTime(), nullable=True))
        batch.create_index(op.f("ix_outbox_txn"), ["txn"], unique=False)
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("window_xip", sa.Text(), nullable=True))
        batch.add_column(sa.Column("pending_xids", sa.Text(), nullable=True))
        batch.add_column(sa.Column("held_back", sa.Text(), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        tables = changefeed_ddl.stamped_tables(bind)
        for statement in changefeed_ddl.notify_statements(tables, create=True):
            op.execute(sa.text(statement))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        tables = changefeed_ddl.stamped_tables(bind)
        for statement in changefeed_ddl.notify_statements(tables, create=False):
            op.execute(sa.text(statement))
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("held_back")
        batch.drop_column("pending_xids")
        batch.drop_column("window_xip")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index(op.f("ix_outbox_txn"))
        batch.drop_column("refused_at")
        batch.drop_column("txn")
