"""The audit trail is read by supervisors and admins only, on a PostgreSQL shared store: agents
keep adding their own entries (the push copies them in) but no longer read anyone's
(``roles_ddl.SUPERVISOR_READS``). An agent desk's pull skips the table and its push inserts
audit entries without locking them.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import roles_ddl

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        roles_ddl.install(op.get_bind())


def downgrade() -> None:
    """Every agent reads the audit log again, as before."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    names = ", ".join(
        f"{roles_ddl.quoted_schema(bind)}.{table}" for table in roles_ddl.SUPERVISOR_READS
    )
    op.execute(sa.text(f"REVOKE SELECT, UPDATE ON {names} FROM {roles_ddl.SUPERVISOR}"))
    op.execute(sa.text(f"GRANT SELECT, INSERT, UPDATE ON {names} TO {roles_ddl.AGENT}"))
