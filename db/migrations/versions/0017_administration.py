"""Administration and knowledge (issue 17): a merged customer's tombstone points at the record
it became part of (``customers.merged_into_id``); request categories carry the priority and
queue a new request starts with; queues their own wrap-up seconds; products can be retired;
announcements (with each person's acknowledgement), call scripts and knowledge articles are
new replicated tables. On PostgreSQL the new tables are stamped for the pull and under the
roles: supervisors post announcements, each person acknowledges as themselves, admins write
scripts and articles.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 18:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import change_log_ddl, changefeed_ddl, roles_ddl

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_TABLES = ("announcements", "announcement_acks", "call_scripts", "knowledge_articles")
#: Existing tables that gain a column; a shared SQLite store's update triggers list the columns.
WIDENED = ("customers", "sr_categories", "queues", "products")
PRIORITIES = ("low", "normal", "high", "urgent")


def _replication_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.Column("change_xid", sa.BigInteger(), nullable=True),
    ]


def _stamp_indexes(table: str) -> None:
    op.create_index(f"ix_{table}_change_seq", table, ["change_seq"])
    op.create_index(f"ix_{table}_change_xid", table, ["change_xid"])


def _create_tables() -> None:
    op.create_table(
        "announcements",
        *_replication_columns(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), server_default="", nullable=False),
        sa.Column("queue_id", sa.Uuid(), sa.ForeignKey("queues.id"), nullable=True),
        sa.Column("posted_by", sa.Uuid(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    op.create_index("ix_announcements_queue_id", "announcements", ["queue_id"])
    op.create_index("ix_announcements_posted_at", "announcements", ["posted_at"])
    op.create_table(
        "announcement_acks",
        *_replication_columns(),
        sa.Column("announcement_id", sa.Uuid(), sa.ForeignKey("announcements.id"), nullable=False),
        sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("acked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_announcement_acks_announcement_id", "announcement_acks", ["announcement_id"]
    )
    op.create_index("ix_announcement_acks_user_id", "announcement_acks", ["user_id"])
    op.create_table(
        "call_scripts",
        *_replication_columns(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("queue_id", sa.Uuid(), sa.ForeignKey("queues.id"), nullable=True),
        sa.Column("category_code", sa.String(32), nullable=True),
        sa.Column("steps", sa.Text(), server_default="[]", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    op.create_index("ix_call_scripts_queue_id", "call_scripts", ["queue_id"])
    op.create_table(
        "knowledge_articles",
        *_replication_columns(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), server_default="", nullable=False),
        sa.Column("tags", sa.String(500), server_default="", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    for table in NEW_TABLES:
        _stamp_indexes(table)


def _widen() -> None:
    with op.batch_alter_table("sr_categories") as batch:
        batch.add_column(sa.Column("default_priority", sa.String(32), nullable=True))
        batch.add_column(sa.Column("default_queue_id", sa.Uuid(), nullable=True))
        batch.create_check_constraint(
            "priority", f"default_priority IN ({', '.join(repr(p) for p in PRIORITIES)})"
        )
        batch.create_foreign_key(
            "fk_sr_categories_default_queue_id_queues", "queues", ["default_queue_id"], ["id"]
        )
    op.add_column("queues", sa.Column("wrap_up_seconds", sa.Integer(), nullable=True))
    op.add_column(
        "products",
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    # A self-reference added in place: rebuilding customers on SQLite (a batch) would change
    # the rowids its search index keys on (db/search_ddl.py); SQLite takes REFERENCES on
    # ADD COLUMN when the column has no default.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            sa.text(
                "ALTER TABLE customers ADD COLUMN merged_into_id CHAR(32) "
                "CONSTRAINT fk_customers_merged_into_id_customers REFERENCES customers (id)"
            )
        )
    else:
        op.add_column("customers", sa.Column("merged_into_id", sa.Uuid(), nullable=True))
        op.create_foreign_key(
            "fk_customers_merged_into_id_customers",
            "customers",
            "customers",
            ["merged_into_id"],
            ["id"],
        )
    # A desk looks for tombstones after every pull that brought rows (callcenter.crm.merge):
    # only they are indexed, so the look is one read of a (nearly always empty) index.
    tombstones = sa.text("merged_into_id IS NOT NULL")
    op.create_index(
        "ix_customers_merged_into_id",
        "customers",
        ["merged_into_id"],
        sqlite_where=tombstones,
        postgresql_where=tombstones,
    )


def upgrade() -> None:
    bind = op.get_bind()
    shared_sqlite = changefeed_ddl.is_shared_sqlite(bind)
    if shared_sqlite:
        changefeed_ddl.remove(bind, WIDENED)
    _widen()
    _create_tables()
    if bind.dialect.name == "postgresql":
        changefeed_ddl.install(bind, NEW_TABLES)
        for statement in changefeed_ddl.notify_statements(NEW_TABLES, create=True):
            op.execute(sa.text(statement))
        roles_ddl.install(bind)
        # customers gained a column: its change-log trigger compares every column.
        change_log_ddl.install(bind)
    elif shared_sqlite:
        changefeed_ddl.install(bind, (*WIDENED, *NEW_TABLES))


def downgrade() -> None:
    bind = op.get_bind()
    shared_sqlite = changefeed_ddl.is_shared_sqlite(bind)
    if shared_sqlite:
        changefeed_ddl.remove(bind, (*WIDENED, *NEW_TABLES))
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
    # In place, as it was added.
    op.drop_index("ix_customers_merged_into_id", "customers")
    if bind.dialect.name == "postgresql":
        op.drop_constraint("fk_customers_merged_into_id_customers", "customers")
    op.execute(sa.text("ALTER TABLE customers DROP COLUMN merged_into_id"))
    op.execute(sa.text("ALTER TABLE products DROP COLUMN active"))
    op.execute(sa.text("ALTER TABLE queues DROP COLUMN wrap_up_seconds"))
    with op.batch_alter_table("sr_categories") as batch:
        batch.drop_constraint("fk_sr_categories_default_queue_id_queues", type_="foreignkey")
        batch.drop_constraint("priority", type_="check")
        batch.drop_column("default_queue_id")
        batch.drop_column("default_priority")
    if bind.dialect.name == "postgresql":
        change_log_ddl.install(bind)
    if shared_sqlite:
        changefeed_ddl.install(bind, WIDENED)
