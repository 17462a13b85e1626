"""On a PostgreSQL shared store: ``cc_held_back``, which tells supervisors whose long-running
transaction keeps changes from the desks (``db/activity_ddl.py``); and the work guards' refusal
of unassigned work in another queue says so, instead of "assigned to someone else".

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 08:30:00

The guards' rule is unchanged, only its words, so the downgrade leaves them.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from db import activity_ddl, roles_ddl

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    roles_ddl.install(op.get_bind())
    activity_ddl.install(op.get_bind())


def downgrade() -> None:
    activity_ddl.remove(op.get_bind())
