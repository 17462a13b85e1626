"""On a PostgreSQL shared store: a supervisor's merge moves what the merged-away customer
bought (orders, invoices, payments, shipments) to the survivor. Supervisors get UPDATE on those
tables and ``cc_guard_purchases`` lets them change the customer a row belongs to and nothing
else; admins still change them all, agents none.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 18:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import roles_ddl

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    roles_ddl.install(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in roles_ddl.PURCHASES:
        op.execute(sa.text(f"DROP TRIGGER IF EXISTS cc_guard_purchases ON {table}"))
        op.execute(sa.text(f"REVOKE UPDATE ON {table} FROM {roles_ddl.SUPERVISOR}"))
    op.execute(sa.text("DROP FUNCTION IF EXISTS cc_guard_purchases()"))
