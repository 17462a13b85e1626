"""Agent presence, and the time a caller waited before the call was offered.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 08:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import changefeed_ddl

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _shared() -> bool:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        return True
    role = bind.execute(sa.text("SELECT value FROM store_meta WHERE key = 'role'")).scalar()
    return role == "shared"


def upgrade() -> None:
    op.create_table(
        "agent_presence",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("desk", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("reason_code", sa.String(length=32), nullable=True),
        sa.Column("state_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("call_id", sa.String(length=255), nullable=True),
        sa.Column("call_caller", sa.String(length=200), nullable=True),
        sa.Column("call_queue_id", sa.Uuid(), nullable=True),
        sa.Column("call_offered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("call_answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("call_waited_seconds", sa.Integer(), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_agent_presence_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_agent_presence")),
    )
    op.create_index(
        op.f("ix_agent_presence_heartbeat_at"), "agent_presence", ["heartbeat_at"], unique=False
    )
    op.add_column("interactions", sa.Column("queue_wait_seconds", sa.Integer(), nullable=True))
    if _shared() and op.get_bind().dialect.name == "sqlite":
        # The update trigger lists the columns it watches: rebuild it with the new one.
        changefeed_ddl.remove(op.get_bind(), ["interactions"])
        changefeed_ddl.install(op.get_bind(), ["interactions"])


def downgrade() -> None:
    if _shared() and op.get_bind().dialect.name == "sqlite":
        changefeed_ddl.remove(op.get_bind(), ["interactions"])
    op.execute(sa.text("ALTER TABLE interactions DROP COLUMN queue_wait_seconds"))
    if _shared() and op.get_bind().dialect.name == "sqlite":
        changefeed_ddl.install(op.get_bind(), ["interactions"])
    op.drop_index(op.f("ix_agent_presence_heartbeat_at"), table_name="agent_presence")
    op.drop_table("agent_presence")
