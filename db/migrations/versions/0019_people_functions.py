"""People managed from the desk by an admin's own role, on a PostgreSQL shared store: SECURITY
DEFINER functions that create a person, change their role, disable and enable them and set
their password (``db/people_ddl.py``), callable by ``cc_admin`` only.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from db import people_ddl

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    people_ddl.install(op.get_bind())


def downgrade() -> None:
    """The functions go; the people they made stay (roles and rows)."""
    people_ddl.remove(op.get_bind())
