"""Create or migrate a store with the project's Alembic revisions, without an alembic.ini."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from db import statistics

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest revision. Every start of the desk checks its store against it; Alembic itself
#: (a third of a second to import and start) is loaded only when a store is behind.
#: tests/db/test_migrations.py checks it against the revision files.
HEAD = "0023"


def alembic_config(engine: Engine, role: str | None = None) -> Config:
    """A Config whose env.py migrates through ``engine``'s URL (passwords never go through ini).

    ``role`` (``shared`` or ``local``) matters when a SQLite store is created: only a shared
    store stamps changes for the pull. PostgreSQL is always shared.
    """
    from alembic.config import Config

    # Alembic's default ``stdout`` is the sys.stdout of the moment alembic was first imported;
    # imported lazily (while a command's output was redirected, say), that stream may be gone.
    config = Config(stdout=sys.stdout)
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = engine.url
    config.attributes["store_role"] = role
    return config


def upgrade(engine: Engine, revision: str = "head", *, role: str | None = None) -> None:
    """Bring the store to ``revision``; on PostgreSQL, ANALYZE after a store with tables moved.

    A revision may build an index over an expression (revision 0021), which has no
    statistics until ANALYZE; the planner must not wait for autovacuum to know it.
    """
    before = current_revision(engine)
    if revision == "head" and before == HEAD:
        return
    from alembic import command

    command.upgrade(alembic_config(engine, role), revision)
    if before is not None and current_revision(engine) != before:
        statistics.analyze_store(engine)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def heads() -> list[str]:
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory(str(MIGRATIONS)).get_heads())


def current_revision(engine: Engine) -> str | None:
    """The store's revision as Alembic stamps it (None for an empty store)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if value is None else str(value)


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == HEAD
