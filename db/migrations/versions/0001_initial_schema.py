"""Initial schema: the customer record, work items, directory, dictionary, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 04:40:43.882900
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import search_ddl

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "disposition_codes",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("requires_notes", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disposition_codes")),
        sa.UniqueConstraint("code", name=op.f("uq_disposition_codes_code")),
    )
    with op.batch_alter_table("disposition_codes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_disposition_codes_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "not_ready_reasons",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_not_ready_reasons")),
        sa.UniqueConstraint("code", name=op.f("uq_not_ready_reasons_code")),
    )
    with op.batch_alter_table("not_ready_reasons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_not_ready_reasons_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "products",
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit_price_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("sku", name=op.f("uq_products_sku")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_products_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "queues",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("dialled_number", sa.String(length=32), nullable=True),
        sa.Column("service_level_seconds", sa.Integer(), server_default="20", nullable=False),
        sa.Column(
            "service_level_target_percent", sa.Integer(), server_default="80", nullable=False
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queues")),
        sa.UniqueConstraint("name", name=op.f("uq_queues_name")),
    )
    with op.batch_alter_table("queues", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_queues_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_queues_dialled_number"), ["dialled_number"], unique=False
        )

    op.create_table(
        "sr_categories",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("sla_hours", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sr_categories")),
        sa.UniqueConstraint("code", name=op.f("uq_sr_categories_code")),
    )
    with op.batch_alter_table("sr_categories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sr_categories_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "teams",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("name", name=op.f("uq_teams_name")),
    )
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_teams_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "users",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "agent",
                "supervisor",
                "admin",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("sip_username", sa.String(length=100), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_users_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_users_team_id"), ["team_id"], unique=False)

    op.create_table(
        "customers",
        sa.Column("external_id", sa.String(length=64), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "person",
                "company",
                name="customer_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("company_name", sa.String(length=200), nullable=True),
        sa.Column(
            "lifecycle_stage",
            sa.Enum(
                "pool",
                "lead",
                "opportunity",
                "customer",
                name="lifecycle_stage",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "value_tier",
            sa.Enum(
                "standard",
                "silver",
                "gold",
                "platinum",
                name="value_tier",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("industry", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=64), nullable=True),
        sa.Column("tags", sa.String(length=500), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_customers_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("external_id", name=op.f("uq_customers_external_id")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "queue_members",
        sa.Column("queue_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["queue_id"], ["queues.id"], name=op.f("fk_queue_members_queue_id_queues")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_queue_members_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_members")),
    )
    with op.batch_alter_table("queue_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_queue_members_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_queue_members_queue_id"), ["queue_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_queue_members_user_id"), ["user_id"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_contacts_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "orders",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "placed",
                "paid",
                "shipped",
                "delivered",
                "cancelled",
                "returned",
                name="order_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_orders_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_orders_number")),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_orders_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "service_requests",
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("category_code", sa.String(length=32), nullable=False),
        sa.Column(
            "priority",
            sa.Enum(
                "low",
                "normal",
                "high",
                "urgent",
                name="priority",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "in_progress",
                "waiting_on_customer",
                "resolved",
                "closed",
                "reopened",
                name="sr_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("assignee_id", sa.Uuid(), nullable=True),
        sa.Column("queue_id", sa.Uuid(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sla_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opened_by", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name=op.f("fk_service_requests_assignee_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_service_requests_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["queue_id"], ["queues.id"], name=op.f("fk_service_requests_queue_id_queues")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_requests")),
        sa.UniqueConstraint("number", name=op.f("uq_service_requests_number")),
    )
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_requests_assignee_id"), ["assignee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_requests_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_requests_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_requests_queue_id"), ["queue_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_requests_sla_due_at"), ["sla_due_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_requests_status"), ["status"], unique=False)

    op.create_table(
        "callbacks",
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("phone_number", sa.String(length=64), nullable=False),
        sa.Column("due_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("owner_user_id", sa.Uuid(), nullable=True),
        sa.Column("owner_queue_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "done",
                "cancelled",
                "failed",
                name="callback_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("attempt_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("service_request_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_callbacks_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["owner_queue_id"], ["queues.id"], name=op.f("fk_callbacks_owner_queue_id_queues")
        ),
        sa.ForeignKeyConstraint(
            ["owner_user_id"], ["users.id"], name=op.f("fk_callbacks_owner_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["service_request_id"],
            ["service_requests.id"],
            name=op.f("fk_callbacks_service_request_id_service_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callbacks")),
    )
    with op.batch_alter_table("callbacks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_callbacks_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_callbacks_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_callbacks_due_from"), ["due_from"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_callbacks_owner_queue_id"), ["owner_queue_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_callbacks_owner_user_id"), ["owner_user_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_callbacks_service_request_id"), ["service_request_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_callbacks_status"), ["status"], unique=False)

    op.create_table(
        "emails",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=True),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("address_lower", sa.String(length=254), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_emails_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_emails_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emails")),
    )
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_emails_address_lower"), ["address_lower"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_emails_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_emails_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_emails_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "invoices",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=True),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "paid",
                "overdue",
                "void",
                name="invoice_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_invoices_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_invoices_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
    )
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoices_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_order_id"), ["order_id"], unique=False)

    op.create_table(
        "order_lines",
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_minor", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_lines_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_order_lines_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_lines")),
    )
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_lines_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_order_lines_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_order_lines_product_id"), ["product_id"], unique=False)

    op.create_table(
        "phone_numbers",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=True),
        sa.Column("raw", sa.String(length=64), nullable=False),
        sa.Column("e164", sa.String(length=20), nullable=True),
        sa.Column("national", sa.String(length=20), nullable=True),
        sa.Column("extension", sa.String(length=16), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "mobile",
                "work",
                "home",
                "fax",
                "other",
                name="phone_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_phone_numbers_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_phone_numbers_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_numbers")),
    )
    with op.batch_alter_table("phone_numbers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_phone_numbers_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_phone_numbers_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_phone_numbers_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_phone_numbers_e164"), ["e164"], unique=False)
        batch_op.create_index(batch_op.f("ix_phone_numbers_national"), ["national"], unique=False)

    op.create_table(
        "shipments",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=True),
        sa.Column("carrier", sa.String(length=64), nullable=False),
        sa.Column("tracking_number", sa.String(length=64), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "preparing",
                "in_transit",
                "delivered",
                "returned",
                "lost",
                name="shipment_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_shipments_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_shipments_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipments")),
    )
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shipments_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_shipments_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_shipments_order_id"), ["order_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_shipments_tracking_number"), ["tracking_number"], unique=False
        )

    op.create_table(
        "sr_history",
        sa.Column("service_request_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_request_id"],
            ["service_requests.id"],
            name=op.f("fk_sr_history_service_request_id_service_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sr_history")),
    )
    with op.batch_alter_table("sr_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sr_history_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_sr_history_service_request_id"), ["service_request_id"], unique=False
        )

    op.create_table(
        "interactions",
        sa.Column(
            "channel",
            sa.Enum(
                "phone",
                "email",
                "chat",
                "visit",
                name="channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "direction",
            sa.Enum(
                "inbound",
                "outbound",
                name="direction",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("sip_call_id", sa.String(length=255), nullable=True),
        sa.Column("queue_id", sa.Uuid(), nullable=True),
        sa.Column("caller_number", sa.String(length=64), nullable=True),
        sa.Column("dialled_number", sa.String(length=64), nullable=True),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disposition_code", sa.String(length=32), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("agent_id", sa.Uuid(), nullable=True),
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("service_request_id", sa.Uuid(), nullable=True),
        sa.Column("callback_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["users.id"], name=op.f("fk_interactions_agent_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["callback_id"], ["callbacks.id"], name=op.f("fk_interactions_callback_id_callbacks")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_interactions_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["queue_id"], ["queues.id"], name=op.f("fk_interactions_queue_id_queues")
        ),
        sa.ForeignKeyConstraint(
            ["service_request_id"],
            ["service_requests.id"],
            name=op.f("fk_interactions_service_request_id_service_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interactions_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_interactions_callback_id"), ["callback_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interactions_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interactions_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interactions_offered_at"), ["offered_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_interactions_queue_id"), ["queue_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_interactions_service_request_id"), ["service_request_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interactions_sip_call_id"), ["sip_call_id"], unique=False
        )

    op.create_table(
        "payments",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=True),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_payments_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_payments_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payments_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_invoice_id"), ["invoice_id"], unique=False)

    op.create_table(
        "callback_attempts",
        sa.Column("callback_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent_id", sa.Uuid(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "reached",
                "no_answer",
                "wrong_number",
                "rescheduled",
                name="callback_outcome",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("interaction_id", sa.Uuid(), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["users.id"], name=op.f("fk_callback_attempts_agent_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["callback_id"],
            ["callbacks.id"],
            name=op.f("fk_callback_attempts_callback_id_callbacks"),
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_callback_attempts_interaction_id_interactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_attempts")),
    )
    with op.batch_alter_table("callback_attempts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_callback_attempts_agent_id"), ["agent_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_callback_attempts_callback_id"), ["callback_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_callback_attempts_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_callback_attempts_interaction_id"), ["interaction_id"], unique=False
        )

    search_ddl.create(op.get_bind())


def downgrade() -> None:
    search_ddl.drop(op.get_bind())
    with op.batch_alter_table("callback_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_callback_attempts_interaction_id"))
        batch_op.drop_index(batch_op.f("ix_callback_attempts_change_seq"))
        batch_op.drop_index(batch_op.f("ix_callback_attempts_callback_id"))
        batch_op.drop_index(batch_op.f("ix_callback_attempts_agent_id"))

    op.drop_table("callback_attempts")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_invoice_id"))
        batch_op.drop_index(batch_op.f("ix_payments_customer_id"))
        batch_op.drop_index(batch_op.f("ix_payments_change_seq"))

    op.drop_table("payments")
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interactions_sip_call_id"))
        batch_op.drop_index(batch_op.f("ix_interactions_service_request_id"))
        batch_op.drop_index(batch_op.f("ix_interactions_queue_id"))
        batch_op.drop_index(batch_op.f("ix_interactions_offered_at"))
        batch_op.drop_index(batch_op.f("ix_interactions_customer_id"))
        batch_op.drop_index(batch_op.f("ix_interactions_change_seq"))
        batch_op.drop_index(batch_op.f("ix_interactions_callback_id"))
        batch_op.drop_index(batch_op.f("ix_interactions_agent_id"))

    op.drop_table("interactions")
    with op.batch_alter_table("sr_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sr_history_service_request_id"))
        batch_op.drop_index(batch_op.f("ix_sr_history_change_seq"))

    op.drop_table("sr_history")
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipments_tracking_number"))
        batch_op.drop_index(batch_op.f("ix_shipments_order_id"))
        batch_op.drop_index(batch_op.f("ix_shipments_customer_id"))
        batch_op.drop_index(batch_op.f("ix_shipments_change_seq"))

    op.drop_table("shipments")
    with op.batch_alter_table("phone_numbers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phone_numbers_national"))
        batch_op.drop_index(batch_op.f("ix_phone_numbers_e164"))
        batch_op.drop_index(batch_op.f("ix_phone_numbers_customer_id"))
        batch_op.drop_index(batch_op.f("ix_phone_numbers_contact_id"))
        batch_op.drop_index(batch_op.f("ix_phone_numbers_change_seq"))

    op.drop_table("phone_numbers")
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_order_lines_order_id"))
        batch_op.drop_index(batch_op.f("ix_order_lines_change_seq"))

    op.drop_table("order_lines")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoices_order_id"))
        batch_op.drop_index(batch_op.f("ix_invoices_customer_id"))
        batch_op.drop_index(batch_op.f("ix_invoices_change_seq"))

    op.drop_table("invoices")
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_emails_customer_id"))
        batch_op.drop_index(batch_op.f("ix_emails_contact_id"))
        batch_op.drop_index(batch_op.f("ix_emails_change_seq"))
        batch_op.drop_index(batch_op.f("ix_emails_address_lower"))

    op.drop_table("emails")
    with op.batch_alter_table("callbacks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_callbacks_status"))
        batch_op.drop_index(batch_op.f("ix_callbacks_service_request_id"))
        batch_op.drop_index(batch_op.f("ix_callbacks_owner_user_id"))
        batch_op.drop_index(batch_op.f("ix_callbacks_owner_queue_id"))
        batch_op.drop_index(batch_op.f("ix_callbacks_due_from"))
        batch_op.drop_index(batch_op.f("ix_callbacks_customer_id"))
        batch_op.drop_index(batch_op.f("ix_callbacks_change_seq"))

    op.drop_table("callbacks")
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_requests_status"))
        batch_op.drop_index(batch_op.f("ix_service_requests_sla_due_at"))
        batch_op.drop_index(batch_op.f("ix_service_requests_queue_id"))
        batch_op.drop_index(batch_op.f("ix_service_requests_customer_id"))
        batch_op.drop_index(batch_op.f("ix_service_requests_change_seq"))
        batch_op.drop_index(batch_op.f("ix_service_requests_assignee_id"))

    op.drop_table("service_requests")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_orders_customer_id"))
        batch_op.drop_index(batch_op.f("ix_orders_change_seq"))

    op.drop_table("orders")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_customer_id"))
        batch_op.drop_index(batch_op.f("ix_contacts_change_seq"))

    op.drop_table("contacts")
    with op.batch_alter_table("queue_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queue_members_user_id"))
        batch_op.drop_index(batch_op.f("ix_queue_members_queue_id"))
        batch_op.drop_index(batch_op.f("ix_queue_members_change_seq"))

    op.drop_table("queue_members")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_owner_id"))
        batch_op.drop_index(batch_op.f("ix_customers_change_seq"))

    op.drop_table("customers")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_team_id"))
        batch_op.drop_index(batch_op.f("ix_users_change_seq"))

    op.drop_table("users")
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teams_change_seq"))

    op.drop_table("teams")
    with op.batch_alter_table("sr_categories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sr_categories_change_seq"))

    op.drop_table("sr_categories")
    with op.batch_alter_table("queues", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queues_dialled_number"))
        batch_op.drop_index(batch_op.f("ix_queues_change_seq"))

    op.drop_table("queues")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_change_seq"))

    op.drop_table("products")
    with op.batch_alter_table("not_ready_reasons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_not_ready_reasons_change_seq"))

    op.drop_table("not_ready_reasons")
    with op.batch_alter_table("disposition_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disposition_codes_change_seq"))

    op.drop_table("disposition_codes")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_change_seq"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_actor_id"))

    op.drop_table("audit_log")
