"""Index callbacks by customer, status and due time for the screen pop.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 06:05:02.797538
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain CREATE INDEX: no table copy on SQLite, so the search triggers stay untouched.
    op.create_index(
        "ix_callbacks_customer_status_due",
        "callbacks",
        ["customer_id", "status", "due_from"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_callbacks_customer_status_due", table_name="callbacks")
