"""On a PostgreSQL shared store: the calls added up as they are written, per half hour and
queue and per day and agent, for the supervisor's boards (``db/rollups_ddl.py``); the calls
already there are added up once here.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04 20:15:00

SQLite stores get nothing: the desk's local store never runs the boards, and the embedded
shared store's boards add the rows up themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from db import rollups_ddl

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    rollups_ddl.install(op.get_bind())


def downgrade() -> None:
    rollups_ddl.remove(op.get_bind())
