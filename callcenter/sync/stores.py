"""Opening the configured stores: the shared one and this desk's local one."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, make_url

from callcenter.platform.config import Config
from callcenter.platform.context import Actor, ServiceContext
from callcenter.platform.secrets import SecretStore, SecretsUnavailable, database_key
from callcenter.presence.heartbeat import Presence
from callcenter.sync.replicator import Replicator, SyncStatus, read_status
from db import migrate
from db.replication import outbox
from db.replication.pull import Progress
from db.replication.scope import working_set
from db.store import bound_uses, open_engine
from db.types import utcnow

SHARED = "shared"
LOCAL = "local"

log = logging.getLogger(__name__)


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
            migrate.upgrade(engine, role=which)
            result[which] = migrate.current_revision(engine)
        finally:
            engine.dispose()
    return result


def open_context(config: Config, which: str = LOCAL) -> ServiceContext:
    """A context on a store brought to the current schema first.

    On the desk's own (local) store every write is also recorded in the outbox, in the same
    transaction, for the replicator to push.
    """
    engine = open_store(config, which)
    migrate.upgrade(engine, role=which)
    ctx = ServiceContext.for_engine(engine, config.default_region)
    if which == LOCAL:
        outbox.attach(ctx.sessions)
    return ctx


def shared_url(config: Config, secrets: SecretStore | None = None) -> URL:
    """The shared store's URL, signed in as the configured person with the password the OS
    keyring (or this session) holds for it; the config file never has one."""
    url = make_url(config.shared_database_url)
    if secrets is None or config.embedded or url.password:
        return url
    try:
        password = secrets.get(database_key(config.shared_database_url))
    except SecretsUnavailable:
        password = None
    return url.set(password=password) if password else url


def desk_name(config: Config) -> str:
    """How this desk signs its pushes in the shared store."""
    return f"{config.agent_username or 'default'}@{socket.gethostname()}"


def start_replication(
    config: Config,
    ctx: ServiceContext,
    on_status: Callable[[SyncStatus], None],
    presence: Callable[[], Presence | None] | None = None,
    secrets: SecretStore | None = None,
) -> Replicator:
    """Run the replicator for a desk context on its own thread, woken by every local commit;
    ``presence`` is read on every cycle for the heartbeat supervisors see."""
    engine = ctx.sessions.kw["bind"]
    replicator = replicator_for(config, engine, on_status=on_status, secrets=secrets)
    replicator.presence = presence
    event.listen(ctx.sessions, "after_commit", lambda _session: replicator.wake())
    replicator.start()
    return replicator


def replicator_for(
    config: Config,
    local: Engine,
    *,
    on_status: Callable[[SyncStatus], None] | None = None,
    progress: Progress | None = None,
    secrets: SecretStore | None = None,
) -> Replicator:
    """The replicator between this desk's local store and the configured shared store."""
    scope = None
    if config.sync.scope == "working_set" and config.agent_username:
        scope = working_set(config.agent_username, config.sync.working_set_days, utcnow)
    return Replicator(
        local,
        shared_url(config, secrets),
        desk_name(config),
        timeout_s=config.sync.timeout_seconds,
        interval_s=config.sync.interval_seconds,
        scope=scope,
        on_status=on_status,
        progress=progress,
    )


def sync_now(
    config: Config, progress: Progress | None = None, secrets: SecretStore | None = None
) -> tuple[bool, SyncStatus]:
    """One push and pull now, on the calling thread; (both completed, the state afterwards).

    One pull holds every transaction committed on the shared store before it began, whatever
    is still running there (the pull reads past it and takes its rows once it ends).
    """
    local = open_store(config, LOCAL)
    try:
        migrate.upgrade(local, role=LOCAL)
        replicator = replicator_for(config, local, progress=progress, secrets=secrets)
        try:
            ok = replicator.sync_once()
        finally:
            replicator.stop()
        return ok, read_status(local)
    finally:
        local.dispose()


def first_sync(
    config: Config, progress: Progress | None = None, secrets: SecretStore | None = None
) -> SyncStatus:
    """Copy the shared store to an empty desk before its window opens (on the console: the
    GUI never waits on the network). Interrupted, the next start carries on."""
    status = local_status(config)
    return status if status.initial_done else sync_now(config, progress, secrets)[1]


def local_status(config: Config) -> SyncStatus:
    """The desk's replication state, read from its local store (brought to this schema)."""
    local = open_store(config, LOCAL)
    try:
        migrate.upgrade(local, role=LOCAL)
        return read_status(local)
    finally:
        local.dispose()


def open_shared_context(
    config: Config, actor: Actor, secrets: SecretStore | None = None
) -> ServiceContext:
    """A context on the shared store for reads that must be current (the supervisor's
    boards), on connections it keeps (:func:`reads_engine`)."""
    engine = reads_engine(shared_url(config, secrets), config.sync.timeout_seconds)
    return ServiceContext.for_engine(engine, config.default_region, actor)


def reads_engine(url: str | URL, timeout_s: float) -> Engine:
    """The shared store for a window that reads it every few seconds, on kept connections.

    A connection per refresh cost the supervisor's boards about 60 ms each time at a busy
    day's end: the server's new process reads the catalogue and plans every statement afresh.
    Each use of a kept one is bounded by the timeout (:func:`db.store.bound_uses`), so a link
    that died meanwhile fails that one read, and the next connects again; no ping before use
    (a ping on a link that swallows bytes would wait forever).
    """
    engine = open_engine(url, timeout_s=timeout_s, ping=False)
    bound_uses(engine, timeout_s)
    return engine
