"""Opening a store: engines tuned for their role, and sessions that never load lazily.

The shared store is PostgreSQL (or a SQLite file in the embedded default); the local store is
always a SQLite file in WAL mode so the GUI reads while a worker writes.
"""

from __future__ import annotations

import os
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, NullPool, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000
#: Execution option: begin a SQLite transaction holding the write lock from the start.
IMMEDIATE = "sqlite_immediate"
PG_CONNECT_TIMEOUT_S = 5
PG_STATEMENT_TIMEOUT_MS = 30000
#: A transaction of ours left idle this long is ended by the server: while it stays open it
#: holds back every desk's pull (a pull stops at the oldest transaction running on the cluster).
PG_IDLE_IN_TRANSACTION_MS = 30000


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; take it over.
    immediate = conn.get_execution_options().get(IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def open_engine(
    url: str | URL,
    *,
    echo: bool = False,
    timeout_s: float | None = None,
    fresh_connections: bool = False,
    ping: bool = True,
) -> Engine:
    """Create an engine for a store URL with the settings its dialect needs.

    PostgreSQL gets connect and statement timeouts and TCP keepalives so a dead link is found
    in seconds, not at the kernel's two-hour default, and an idle-in-transaction timeout so a
    forgotten transaction cannot stall the other desks' pulls. ``timeout_s`` replaces both timeouts;
    ``fresh_connections`` opens a connection per use (a replicator after a cut link must not
    trust a pooled one) so every connection in use is one :func:`deadline` can cut. ``ping``
    (pooled connections) checks a kept connection before each use.
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
        connect_s = max(1, round(timeout_s)) if timeout_s else PG_CONNECT_TIMEOUT_S
        statement_ms = round(timeout_s * 1000) if timeout_s else PG_STATEMENT_TIMEOUT_MS
        pool: dict[str, Any] = {"poolclass": NullPool} if fresh_connections else {}
        engine = create_engine(
            url,
            echo=echo,
            pool_pre_ping=ping and not fresh_connections,
            connect_args={
                "connect_timeout": connect_s,
                "keepalives": 1,
                "keepalives_idle": 10,
                "keepalives_interval": 5,
                "keepalives_count": 3,
                # Bytes sent and never acknowledged (a black-holed link) drop the connection
                # after the timeout: keepalives only probe an idle link, and a kept
                # connection's next query (or the pool's ping) would wait for the kernel's
                # retransmissions, a quarter of an hour.
                "tcp_user_timeout": connect_s * 1000,
                "options": (
                    f"-c statement_timeout={statement_ms} "
                    f"-c idle_in_transaction_session_timeout={PG_IDLE_IN_TRANSACTION_MS}"
                ),
                "application_name": "callcenter",
            },
            **pool,
        )
        event.listen(engine, "checkout", _note_checkout)
        event.listen(engine, "checkin", _note_checkin)
        return engine
    raise ValueError(f"unsupported database URL {url.render_as_string(hide_password=True)!r}")


class StoreSession(Session):
    """A session whose explicit ``begin()`` announces a write.

    In WAL mode a transaction that reads and then writes cannot take the write lock if another
    connection committed in between (SQLITE_BUSY_SNAPSHOT, no waiting). The desk writes from
    the GUI thread while the replicator writes pulled rows, so a transaction opened to write
    takes the lock at BEGIN and waits its turn; read-only sessions (``sessions()``) never lock.
    """

    def begin(self, nested: bool = False) -> Any:
        transaction = super().begin(nested)
        if not nested:
            self.connection(execution_options={IMMEDIATE: True})
        return transaction


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (services copy them into dataclasses)."""
    return sessionmaker(engine, class_=StoreSession, expire_on_commit=False)


_in_use: dict[int, set[Any]] = {}
_in_use_lock = threading.Lock()


def _note_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    with _in_use_lock:
        _in_use.setdefault(threading.get_ident(), set()).add(dbapi_connection)


def _note_checkin(dbapi_connection: Any, _record: Any) -> None:
    with _in_use_lock:
        for held in _in_use.values():
            held.discard(dbapi_connection)


def _cut(thread_id: int) -> None:
    with _in_use_lock:
        held = list(_in_use.get(thread_id, ()))
    for connection in held:
        _shut(connection)


def _shut(connection: Any) -> None:
    """Shut a PostgreSQL connection's socket down: whatever waits on it fails at once."""
    try:
        fd = connection.pgconn.socket
    except Exception:  # already closed: nothing to cut
        return
    dup = socket.socket(fileno=os.dup(fd))
    try:
        dup.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        dup.close()


_USE_TIMER = "callcenter.use_timer"


def bound_uses(engine: Engine, seconds: float) -> None:
    """Cut a pooled connection kept out of the pool longer than ``seconds``.

    A kept connection's link may have died while it sat in the pool, and a link that takes
    bytes and never answers fails no ping and no keepalive: bounding each use, as
    :func:`deadline` bounds a block, makes such a use fail within the bound (the pool then
    drops the connection and the next use connects again).
    """

    def armed(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        timer = threading.Timer(seconds, _shut, (dbapi_connection,))
        timer.daemon = True
        timer.start()
        record.info[_USE_TIMER] = timer

    def disarmed(_dbapi_connection: Any, record: Any) -> None:
        timer = record.info.pop(_USE_TIMER, None)
        if timer is not None:
            timer.cancel()

    event.listen(engine, "checkout", armed)
    event.listen(engine, "checkin", disarmed)


class DeadlineExceededError(Exception):
    """The shared store did not answer in time; its connection was cut."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Cut this thread's PostgreSQL connections if the block runs longer than ``seconds``.

    A link that accepts bytes and never answers (a dead NAT, a black-holed route) is invisible
    to TCP keepalives and to the server's statement timeout; only the client can give up.
    Shutting the socket down makes the blocked call fail at once with a connection error.
    """
    fired = threading.Event()
    thread_id = threading.get_ident()

    def fire() -> None:
        fired.set()
        _cut(thread_id)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except Exception as error:
        if fired.is_set():
            raise DeadlineExceededError(f"no answer within {seconds:g} s") from error
        raise
    finally:
        timer.cancel()


SSL_REQUEST = struct.pack("!ii", 8, 80877103)


def reachable(url: str | URL, timeout_s: float) -> bool:
    """A cheap check that the store would answer now, without signing in.

    PostgreSQL answers an SSLRequest with one byte before any authentication, so a server that
    is up answers within milliseconds and a black-holed link does not answer at all.
    """
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        return url.database is not None and Path(url.database).parent.is_dir()
    try:
        with socket.create_connection(
            (url.host or "localhost", url.port or 5432), timeout=timeout_s
        ) as sock:
            sock.settimeout(timeout_s)
            sock.sendall(SSL_REQUEST)
            return sock.recv(1) in {b"S", b"N"}
    except OSError:
        return False
