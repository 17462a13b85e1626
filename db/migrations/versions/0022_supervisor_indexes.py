"""Indexes for the supervisor's refresh on a busy day: the "already called back" check of a
missed call looks for callbacks to its number (``callbacks.phone_number`` had no index, so
every refresh read every callback); missed calls are the day's unanswered calls, a twelfth of
them (a partial index on ``offered_at``); the SLA watch reads open requests only, where the
full index on ``sla_due_at`` walked every request ever resolved before their SLA.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04 19:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNANSWERED = "answered_at IS NULL"
OPEN = "status NOT IN ('resolved', 'closed')"


def upgrade() -> None:
    # Plain CREATE INDEX: no table copy on SQLite, so the search triggers stay untouched.
    # (db.migrate.upgrade runs ANALYZE afterwards on PostgreSQL.)
    op.create_index("ix_callbacks_phone_number_due_from", "callbacks", ["phone_number", "due_from"])
    op.create_index(
        "ix_interactions_unanswered",
        "interactions",
        ["offered_at"],
        sqlite_where=sa.text(UNANSWERED),
        postgresql_where=sa.text(UNANSWERED),
    )
    op.create_index(
        "ix_service_requests_open_sla_due_at",
        "service_requests",
        ["sla_due_at"],
        sqlite_where=sa.text(OPEN),
        postgresql_where=sa.text(OPEN),
    )


def downgrade() -> None:
    op.drop_index("ix_service_requests_open_sla_due_at", table_name="service_requests")
    op.drop_index("ix_interactions_unanswered", table_name="interactions")
    op.drop_index("ix_callbacks_phone_number_due_from", table_name="callbacks")
