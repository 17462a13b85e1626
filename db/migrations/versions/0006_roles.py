"""Group roles, grants, guard triggers and presence row security on a PostgreSQL shared store.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 09:00:00

A SQLite store has no roles: the embedded mode enforces the same rules in the service layer
(``callcenter/platform/permissions.py``). Downgrade revokes this database's grants and drops its guards;
the cluster-wide group roles stay, as other databases may use them.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from db import roles_ddl

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        roles_ddl.install(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        roles_ddl.remove(op.get_bind())
