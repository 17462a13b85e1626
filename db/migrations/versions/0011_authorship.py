"""On a PostgreSQL shared store: authorship set by the database (a row's ``updated_by`` and a
new row's author columns, ``opened_by``, ``created_by``, ``actor_id``, ``agent_id``, are the
signed-in person's; a row naming someone else is refused: ``roles_ddl.AUTHORED``), customers
removed only by supervisors, and an agent's one statement changing at most
``MASS_UPDATE_LIMIT`` rows of a customer table.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:50:00

SQLite stores have no roles; the service layer writes ``updated_by`` from the signed-in actor.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import roles_ddl

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        roles_ddl.install(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, _columns in roles_ddl.AUTHORED:
        op.execute(sa.text(f"DROP TRIGGER IF EXISTS cc_author_{table} ON {table}"))
        op.execute(sa.text(f"DROP FUNCTION IF EXISTS cc_author_{table}()"))
    for table in roles_ddl.MASS_GUARDED:
        op.execute(sa.text(f"DROP TRIGGER IF EXISTS cc_mass_update_{table} ON {table}"))
    op.execute(sa.text("DROP TRIGGER IF EXISTS cc_guard_customers ON customers"))
    op.execute(sa.text("DROP FUNCTION IF EXISTS cc_guard_mass_update()"))
    op.execute(sa.text("DROP FUNCTION IF EXISTS cc_guard_customers()"))
