"""A queue can protect its agents' wrap-up: a call offered to a desk in wrap-up is refused so
the phone system's queue offers it to the next agent.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import changefeed_ddl

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "queues",
        sa.Column("protect_wrap_up", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    if changefeed_ddl.is_shared_sqlite(op.get_bind()):
        # The update trigger lists the columns it watches: rebuild it with the new one.
        changefeed_ddl.remove(op.get_bind(), ["queues"])
        changefeed_ddl.install(op.get_bind(), ["queues"])


def downgrade() -> None:
    if changefeed_ddl.is_shared_sqlite(op.get_bind()):
        changefeed_ddl.remove(op.get_bind(), ["queues"])
    op.execute(sa.text("ALTER TABLE queues DROP COLUMN protect_wrap_up"))
    if changefeed_ddl.is_shared_sqlite(op.get_bind()):
        changefeed_ddl.install(op.get_bind(), ["queues"])
