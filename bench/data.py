"""The data the benchmarks need, built once and kept: a shared PostgreSQL store filled by
``callcenter demo-data`` and a desk whose local store is that store's first sync.

A million customers take a quarter of an hour to make, so the shared store is a database of
its own that later runs reuse; it is marked complete (a comment on the database naming its size
and seed) only after the last batch, so an interrupted build is rebuilt, never trusted.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from callcenter.demo import data as demo_data
from callcenter.platform import config_writer
from callcenter.platform.config import Config
from callcenter.platform.context import ServiceContext
from db import migrate
from db.store import open_engine

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
AGENT = "agent01"


def database_url(admin_url: str, name: str) -> str:
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


@contextmanager
def scratch_database(admin_url: str = PG_ADMIN) -> Iterator[str]:
    """A new empty PostgreSQL database, dropped afterwards."""
    name = f"cc_bench_{uuid.uuid4().hex[:10]}"
    create_database(admin_url, name)
    try:
        yield database_url(admin_url, name)
    finally:
        drop_database(admin_url, name)


def create_database(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def drop_database(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _comment(admin_url: str, name: str) -> str | None:
    admin = create_engine(admin_url)
    with admin.connect() as conn:
        value = conn.execute(
            text(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname = :name"
            ),
            {"name": name},
        ).first()
    admin.dispose()
    return None if value is None else (value[0] or "")


@dataclass(frozen=True)
class Dataset:
    """How much demo data, from which seed, in which database."""

    customers: int
    seed: int
    database: str

    @property
    def mark(self) -> str:
        return f"callcenter bench data: {self.customers} customers, seed {self.seed}"


def ensure_shared(
    admin_url: str, data: Dataset, say: Callable[[str], None] = print
) -> tuple[str, float]:
    """The shared store's URL, building it when it is missing or incomplete; the seconds the
    build took (0 when reused)."""
    url = database_url(admin_url, data.database)
    comment = _comment(admin_url, data.database)
    if comment == data.mark:
        say(f"reusing {data.database} ({data.mark})")
        engine = open_engine(url, timeout_s=3600)
        try:
            migrate.upgrade(engine)  # a store kept from an older schema follows it
        finally:
            engine.dispose()
        return url, 0.0
    if comment is not None:
        drop_database(admin_url, data.database)
    create_database(admin_url, data.database)
    started = time.perf_counter()
    engine = open_engine(url, timeout_s=3600)
    try:
        migrate.upgrade(engine)
        ctx = ServiceContext.for_engine(engine, "GB")
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if time.monotonic() - last[0] > 30 or done == total:
                last[0] = time.monotonic()
                say(f"  demo data: {done:,} / {total:,} customers")

        say(f"building {data.database}: {data.customers:,} demo customers (seed {data.seed})")
        demo_data.generate(ctx, data.customers, seed=data.seed, progress=progress)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    finally:
        engine.dispose()
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"COMMENT ON DATABASE \"{data.database}\" IS '{data.mark}'"))
    admin.dispose()
    return url, time.perf_counter() - started


def desk_config(
    folder: Path, shared_url: str, name: str = "callcenter.toml", **tables: dict[str, Any]
) -> Config:
    """A desk signed in as the demo's first agent, replicating with ``shared_url``, its local
    store under ``folder``; extra tables (``sip={...}``) go into the config file ``name``."""
    folder.mkdir(parents=True, exist_ok=True)
    table: dict[str, Any] = {
        "agent_username": AGENT,
        "default_region": "GB",
        "wrap_up_seconds": 30,
        "database": {
            "shared_url": make_url(shared_url).render_as_string(hide_password=True),
            "local_store_dir": "local",
        },
        **tables,
    }
    return config_writer.write_table(folder / name, table)
