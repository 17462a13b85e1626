"""A queue says whether its calls' logs need an outcome (a disposition) to be saved; on by
default, so an empty log no longer saves.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 08:15:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import changefeed_ddl

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "queues",
        sa.Column("outcome_required", sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    if changefeed_ddl.is_shared_sqlite(op.get_bind()):
        # The update trigger lists the columns it watches: rebuild it with the new one.
        changefeed_ddl.remove(op.get_bind(), ["queues"])
        changefeed_ddl.install(op.get_bind(), ["queues"])


def downgrade() -> None:
    if changefeed_ddl.is_shared_sqlite(op.get_bind()):
        changefeed_ddl.remove(op.get_bind(), ["queues"])
    op.execute(sa.text("ALTER TABLE queues DROP COLUMN outcome_required"))
    if changefeed_ddl.is_shared_sqlite(op.get_bind()):
        changefeed_ddl.install(op.get_bind(), ["queues"])
