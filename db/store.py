"""Opening a store: engines tuned for their role, and sessions that never load lazily.

The shared store is PostgreSQL (or a SQLite file in the embedded default); the local store is
always a SQLite file in WAL mode so the GUI reads while a worker writes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000
PG_CONNECT_TIMEOUT_S = 5
PG_STATEMENT_TIMEOUT_MS = 30000


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; take it over.
    conn.exec_driver_sql("BEGIN")


def open_engine(url: str | URL, *, echo: bool = False) -> Engine:
    """Create an engine for a store URL with the settings its dialect needs.

    PostgreSQL gets connect and statement timeouts and TCP keepalives so a dead link is found
    in seconds, not at the kernel's two-hour default.
    """
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, echo=echo, connect_args={"isolation_level": None})
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if url.get_backend_name() == "postgresql":
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return create_engine(
            url,
            echo=echo,
            pool_pre_ping=True,
            connect_args={
                "connect_timeout": PG_CONNECT_TIMEOUT_S,
                "keepalives": 1,
                "keepalives_idle": 10,
                "keepalives_interval": 5,
                "keepalives_count": 3,
                "options": f"-c statement_timeout={PG_STATEMENT_TIMEOUT_MS}",
                "application_name": "callcenter",
            },
        )
    raise ValueError(f"unsupported database URL {url.render_as_string(hide_password=True)!r}")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (services copy them into dataclasses)."""
    return sessionmaker(engine, expire_on_commit=False)
