"""On a PostgreSQL shared store: ``change_log``, the database's own record of every change to
customer-facing and work rows (table, row, old and new values, person, transaction), written
by statement triggers as the owner and read by supervisors and admins only
(``db/change_log_ddl.py``).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 10:00:00

SQLite stores get nothing: they have no roles to say who; the service layer's ``audit_log``
is their record.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from db import change_log_ddl

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    change_log_ddl.install(op.get_bind())


def downgrade() -> None:
    change_log_ddl.remove(op.get_bind())
