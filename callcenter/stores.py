"""Opening the configured stores: the shared one and this desk's local one."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from callcenter.config import Config
from callcenter.context import ServiceContext
from db import migrate
from db.store import open_engine

SHARED = "shared"
LOCAL = "local"


def local_store_path(config: Config, profile: str | None = None) -> Path:
    """One SQLite file per signed-in agent profile."""
    name = profile or config.agent_username or "default"
    return config.local_store_dir / f"{name}.db"


def _ensure_parent(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def open_store(config: Config, which: str = SHARED) -> Engine:
    if which == SHARED:
        url = config.shared_database_url
    elif which == LOCAL:
        url = f"sqlite:///{local_store_path(config)}"
    else:
        raise ValueError(f"unknown store {which!r}")
    _ensure_parent(url)
    return open_engine(url)


def upgrade_all(config: Config) -> dict[str, str | None]:
    """Create or migrate both stores; returns each one's revision afterwards."""
    result: dict[str, str | None] = {}
    for which in (SHARED, LOCAL):
        engine = open_store(config, which)
        try:
            migrate.upgrade(engine)
            result[which] = migrate.current_revision(engine)
        finally:
            engine.dispose()
    return result


def open_context(config: Config, which: str = LOCAL) -> ServiceContext:
    """A context on a store brought to the current schema first (the desk's own store)."""
    engine = open_store(config, which)
    migrate.upgrade(engine)
    return ServiceContext.for_engine(engine, config.default_region)
