"""Replication: outbox, pull state, applied pushes, conflicts, and change stamping.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 07:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from db import changefeed_ddl

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPLICATED = (
    "teams",
    "users",
    "queues",
    "queue_members",
    "disposition_codes",
    "sr_categories",
    "not_ready_reasons",
    "audit_log",
    "customers",
    "contacts",
    "phone_numbers",
    "emails",
    "products",
    "orders",
    "order_lines",
    "invoices",
    "payments",
    "shipments",
    "service_requests",
    "sr_history",
    "callbacks",
    "callback_attempts",
    "interactions",
    "sync_conflicts",
)


def _role() -> str:
    """``shared`` or ``local``: PostgreSQL is always shared; SQLite says so when created."""
    if op.get_bind().dialect.name == "postgresql":
        return "shared"
    role = context.config.attributes.get("store_role")
    return str(role) if role else "local"


def upgrade() -> None:
    for name in REPLICATED[:-1]:
        op.add_column(name, sa.Column("change_xid", sa.BigInteger(), nullable=True))
        op.create_index(op.f(f"ix_{name}_change_xid"), name, ["change_xid"], unique=False)
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_store_meta")),
    )
    op.create_table(
        "cc_change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cc_change_counter")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("base", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("refused", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("entry_id", name=op.f("uq_outbox_entry_id")),
    )
    op.create_index(op.f("ix_outbox_row_id"), "outbox", ["row_id"], unique=False)
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("desk", sa.String(length=100), nullable=False),
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("window_lo", sa.BigInteger(), nullable=False),
        sa.Column("window_hi", sa.BigInteger(), nullable=True),
        sa.Column("table_index", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("initial_done", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("initial_rows", sa.BigInteger(), nullable=False),
        sa.Column("initial_total", sa.BigInteger(), nullable=True),
        sa.Column("online", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "replication_applied",
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("desk", sa.String(length=100), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_replication_applied")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("kept_value", sa.Text(), nullable=True),
        sa.Column("lost_value", sa.Text(), nullable=True),
        sa.Column("kept_by", sa.Uuid(), nullable=True),
        sa.Column("lost_by", sa.Uuid(), nullable=True),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.Uuid(), nullable=True),
        sa.Column("resolution", sa.String(length=16), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.Column("change_xid", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    for column in ("change_seq", "change_xid", "row_id"):
        op.create_index(
            op.f(f"ix_sync_conflicts_{column}"), "sync_conflicts", [column], unique=False
        )
    role = _role()
    op.execute(sa.text(f"INSERT INTO store_meta (key, value) VALUES ('role', '{role}')"))
    if role == "shared":
        changefeed_ddl.install(op.get_bind(), REPLICATED)


def downgrade() -> None:
    changefeed_ddl.remove(op.get_bind(), REPLICATED)
    for column in ("change_seq", "change_xid", "row_id"):
        op.drop_index(op.f(f"ix_sync_conflicts_{column}"), table_name="sync_conflicts")
    op.drop_table("sync_conflicts")
    op.drop_table("replication_applied")
    op.drop_table("sync_state")
    op.drop_index(op.f("ix_outbox_row_id"), table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("cc_change_counter")
    op.drop_table("store_meta")
    for name in REPLICATED[:-1]:
        op.drop_index(op.f(f"ix_{name}_change_xid"), table_name=name)
        # A plain DROP COLUMN (SQLite >= 3.35): a batch table copy would lose search triggers.
        op.execute(sa.text(f"ALTER TABLE {name} DROP COLUMN change_xid"))
