"""Create or migrate a store with the project's Alembic revisions, without an alembic.ini."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine, role: str | None = None) -> Config:
    """A Config whose env.py migrates through ``engine``'s URL (passwords never go through ini).

    ``role`` (``shared`` or ``local``) matters when a SQLite store is created: only a shared
    store stamps changes for the pull. PostgreSQL is always shared.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = engine.url
    config.attributes["store_role"] = role
    return config


def upgrade(engine: Engine, revision: str = "head", *, role: str | None = None) -> None:
    command.upgrade(alembic_config(engine, role), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


def heads() -> list[str]:
    return list(ScriptDirectory(str(MIGRATIONS)).get_heads())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_current(engine: Engine) -> bool:
    return current_revision(engine) in heads()
