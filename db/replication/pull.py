"""Bring the shared store's changes into a desk's local store without ever skipping one.

The trap: a sequence number is taken when a row is written but becomes visible only when its
transaction commits, so numbers commit out of order and a plain ``change_seq > cursor`` skips
rows. Here the pull reads in *windows of transactions*: on PostgreSQL every row also carries
the id of the transaction that wrote it (``change_xid``). A window is a snapshot: it takes
every transaction below the snapshot's ``xmax`` except those still running at it
(``pg_snapshot_xip``), so nothing can still appear inside a window once it is read. The
running ones are kept (``pending_xids``) and the next window takes their rows once they have
ended. A transaction left open for a minute therefore holds back only its own rows, never
everyone's. On a SQLite shared store writers are serialised, so the committed change counter
is the bound and nothing is ever pending.

The position (window and how far into it) is saved in the same local transaction as the rows
it brought, so an interrupted pull — the link dropped, the desk closed — resumes where it was.

A first sync from PostgreSQL copies each table the desk has never filled in one stream instead
of pages (:mod:`db.replication.bulk`), the table and its position in one transaction; pages
remain for a scoped desk, a SQLite shared store, a table the desk already wrote to and every
later window.

A table the signed-in role may not read (an agent and the audit log) is skipped: the shared
store's grants are asked once per window (:mod:`db.replication.access`), so an agent desk
never receives other people's audit entries and keeps its own in its local store.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    and_,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from db import search_ddl
from db.base import Base
from db.changefeed_ddl import replicated_tables
from db.models import SyncState
from db.replication import access, bulk, rows
from db.replication.push import Guard
from db.replication.scope import REFERRING_TABLES, Scope, customer_filters
from db.store import session_factory
from db.types import utcnow

PAGE = 2000
STATE_ID = 1

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class PullResult:
    rows: int
    skipped: int
    complete: bool


def tables() -> list[Table]:
    return [Base.metadata.tables[name] for name in replicated_tables()]


SNAPSHOT = (
    "SELECT pg_snapshot_xmax(s)::text::bigint, "
    "array(SELECT x::text::bigint FROM pg_snapshot_xip(s) AS x) FROM pg_current_snapshot() AS s"
)


def high_water(conn: Connection) -> tuple[int, tuple[int, ...]]:
    """The end of the next window and the transactions below it still running: every other
    transaction below the end has committed or rolled back."""
    if conn.dialect.name == "postgresql":
        hi, running = conn.execute(text(SNAPSHOT)).one()
        return int(hi), tuple(sorted(int(x) for x in running))
    counter = conn.execute(text("SELECT value FROM cc_change_counter WHERE id = 1")).scalar()
    return int(counter or 0) + 1, ()


def _ids(value: str | None) -> tuple[int, ...]:
    return tuple(int(x) for x in value.split(",")) if value else ()


def _text(ids: tuple[int, ...]) -> str | None:
    return ",".join(map(str, ids)) or None


def _window_column(table: Table, conn: Connection) -> Any:
    return table.c.change_xid if conn.dialect.name == "postgresql" else table.c.change_seq


def state(session: Session, desk: str = "") -> SyncState:
    row = session.get(SyncState, STATE_ID)
    if row is None:
        row = SyncState(
            id=STATE_ID,
            desk=desk,
            scope="all",
            window_lo=0,
            table_index=0,
            last_seq=-1,
            initial_rows=0,
        )
        session.add(row)
        session.flush()
    return row


@dataclass(frozen=True)
class _Window:
    lo: int
    hi: int
    size: int
    scope: Scope | None
    #: Running at the window's snapshot: not in it, read by a later one.
    running: tuple[int, ...] = ()
    #: Running at the last window's snapshot: in this one if they have ended.
    pending: tuple[int, ...] = ()
    #: Tables the signed-in role may not read: not counted, not read.
    hidden: frozenset[str] = frozenset()


def within(table: Table, conn: Connection, window: _Window) -> Any:
    """The rows of ``table`` whose writing transaction belongs to ``window``."""
    column = _window_column(table, conn)
    if window.lo == 0 and column is table.c.change_xid:
        # A first window spans the whole table: walk it by change_seq. "+ 0" keeps a planner
        # with stale statistics off the change_xid index (a full sort for every page).
        column = column + 0
    clause: Any = and_(column >= window.lo, column < window.hi)
    if window.pending:
        clause = or_(clause, column.in_(window.pending))
    if window.running:
        clause = and_(clause, column.not_in(window.running))
    return clause


def _count(shared: Engine, window: _Window) -> int:
    total = 0
    with shared.connect() as conn:
        for table in tables():
            if table.name in window.hidden:
                continue
            query = select(func.count()).select_from(table).where(within(table, conn, window))
            clause = window.scope(table, conn) if window.scope is not None else None
            if clause is not None:
                query = query.where(clause)
            total += int(conn.execute(query).scalar_one())
    return total


def _page(conn: Connection, table: Table, window: _Window, after: int) -> list[tuple[Any, ...]]:
    query = (
        rows.select_stored(table, conn)
        .where(within(table, conn, window), table.c.change_seq > after)
        .order_by(table.c.change_seq)
        .limit(window.size)
    )
    clause = window.scope(table, conn) if window.scope is not None else None
    if clause is not None:
        query = query.where(clause)
    return rows.fetch(conn, query)


def _with_rows(conn: Connection, window: _Window, candidates: list[Table]) -> set[str]:
    """The tables with rows in ``window``, asked in one statement. An idle desk's cycle read
    an empty page of every table instead, a query and a commit each: most of its CPU, on the
    thread that shares the GIL with the agent's window. Nothing can join a window once it is
    open (its transactions have ended), so a table without rows now has none to page."""
    probes = [
        select(literal(table.name)).where(exists().where(within(table, conn, window)))
        for table in candidates
        if table.name not in window.hidden
    ]
    if not probes:
        return set()
    return {str(name) for name in conn.execute(union_all(*probes)).scalars().all()}


def _raw(conn: Connection) -> Any:
    raw = conn.connection.dbapi_connection
    assert raw is not None
    return raw


@dataclass
class _Position:
    window: _Window
    index: int
    after: int
    initial: bool
    total: int | None
    fresh: bool


def _open_window(
    local: Engine, shared: Engine, *, desk: str, page_size: int, scope: Scope | None, guard: Guard
) -> _Position:
    """The window an interrupted pull left, or a new one ending at the shared high water."""
    with session_factory(local).begin() as session:
        st = state(session, desk)
        fresh = st.window_hi is None
        with guard(), shared.connect() as conn:
            if fresh:
                st.window_hi, running = high_water(conn)
                st.window_xip = _text(running)
                st.table_index, st.last_seq = 0, -1
            hidden = access.unreadable(conn, replicated_tables())
        assert st.window_hi is not None
        window = _Window(
            st.window_lo,
            st.window_hi,
            page_size,
            scope,
            _ids(st.window_xip),
            _ids(st.pending_xids),
            hidden,
        )
        if fresh and not st.initial_done and st.initial_total is None:
            with guard():
                st.initial_total = _count(shared, window)
        return _Position(
            window,
            st.table_index,
            st.last_seq,
            not st.initial_done,
            st.initial_total,
            fresh,
        )


def pull(
    local: Engine,
    shared: Engine,
    *,
    desk: str = "",
    page_size: int = PAGE,
    scope: Scope | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    guard: Guard = nullcontext,
) -> PullResult:
    """Finish the window an interrupted pull left, then read one new window up to now.

    Each page commits with its position, so stopping (or failing) at any point loses nothing.
    """
    read = skipped = 0
    fresh = False
    while not fresh:
        at = _open_window(local, shared, desk=desk, page_size=page_size, scope=scope, guard=guard)
        fresh = at.fresh
        done, got, passed = _read_window(
            local, shared, at, progress=progress, should_stop=should_stop, guard=guard
        )
        read, skipped = read + got, skipped + passed
        if not done:
            return PullResult(read, skipped, complete=False)
    return PullResult(read, skipped, complete=True)


def _read_window(
    local: Engine,
    shared: Engine,
    at: _Position,
    *,
    progress: Progress | None,
    should_stop: Callable[[], bool],
    guard: Guard,
) -> tuple[bool, int, int]:
    """Read the window's remaining tables; returns (finished, rows read, rows skipped)."""
    all_tables = tables()
    window, index, after = at.window, at.index, at.after
    read = skipped = 0
    if at.initial:
        # Indexing a million names row by row costs three times the copy itself; the first
        # sync drops the full-text index and rebuilds it once at the end.
        with local.begin() as conn:
            search_ddl.drop(conn)
    with ExitStack() as stack:
        with guard():
            source = stack.enter_context(shared.connect())
            changed = None
            if not at.initial:
                changed = _with_rows(source, window, all_tables[index:])
                source.commit()
        while index < len(all_tables):
            if should_stop():
                return False, read, skipped
            table = all_tables[index]
            if table.name in window.hidden or (changed is not None and table.name not in changed):
                index, after = index + 1, -1
                continue
            if at.initial and after == -1 and window.scope is None:
                loaded = _load(
                    local,
                    source,
                    table,
                    index,
                    at=at,
                    stop=should_stop,
                    guard=guard,
                    progress=progress,
                )
                if loaded is not None:
                    read, skipped = read + loaded.rows, skipped + loaded.skipped
                    if not loaded.complete:
                        return False, read, skipped
                    index += 1
                    continue
            with guard():
                page = _page(source, table, window, after)
                source.commit()  # no snapshot held between pages: it would hold back xmin
            after = page[-1][rows.position(table, "change_seq")] if page else after
            if len(page) < window.size:
                index, after = index + 1, -1
            if page and window.scope is not None and table.name in REFERRING_TABLES:
                # A request or callback newly given to this agent: bring its customer whole.
                with local.connect() as conn:
                    absent = rows.missing(_raw(conn), table, page, "customer_id")
                with guard():
                    fetch_customers(local, source, [uuid.UUID(hex=value) for value in absent])
            if page:
                skipped += _save(local, table, page, index, after, initial=at.initial)
                read += len(page)
                if at.initial and progress is not None:
                    with Session(local) as session:
                        progress(int(state(session).initial_rows), at.total)
    _finish(local, window, initial=at.initial)
    return True, read, skipped


def _load(
    local: Engine,
    source: Connection,
    table: Table,
    index: int,
    *,
    at: _Position,
    stop: Callable[[], bool],
    guard: Guard,
    progress: Progress | None,
) -> bulk.Loaded | None:
    """A table's part of the first window, in one stream if the shared store is PostgreSQL and
    the desk's table is empty (see ``bulk``); None to read it in pages."""
    if source.dialect.name != "postgresql":
        return None
    with Session(local) as session:
        base = int(state(session).initial_rows)

    def advance(conn: Connection, count: int) -> None:
        _advance(conn, index + 1, -1, count, initial=True)

    def report(count: int) -> None:
        if progress is not None:
            progress(base + count, at.total)

    return bulk.load(
        local,
        source,
        table,
        within(table, source, at.window),
        advance=advance,
        should_stop=stop,
        guard=guard,
        progress=report,
    )


def _advance(conn: Connection, index: int, after: int, count: int, *, initial: bool) -> None:
    values: dict[str, Any] = {"table_index": index, "last_seq": after}
    if initial:
        values["initial_rows"] = SyncState.initial_rows + count
    conn.execute(update(SyncState).where(SyncState.id == STATE_ID).values(values))


def _save(
    local: Engine,
    table: Table,
    page: list[tuple[Any, ...]],
    index: int,
    after: int,
    *,
    initial: bool,
) -> int:
    """Store a page and the position after it in one local transaction."""
    with rows.replica_writes(local) as conn:
        skipped = rows.upsert(_raw(conn), table, page)
        _advance(conn, index, after, len(page), initial=initial)
    return skipped


def _finish(local: Engine, window: _Window, *, initial: bool) -> None:
    """Close the window, every table read. A first sync builds its full-text index with it,
    then empties the write-ahead log, which a table loaded in one transaction left the size of
    that table."""
    with rows.replica_writes(local) as conn:
        if initial:
            search_ddl.create(conn)
        values = {
            "window_lo": window.hi,
            "window_hi": None,
            "window_xip": None,
            "pending_xids": _text(window.running),
            "initial_done": True,
        }
        conn.execute(update(SyncState).where(SyncState.id == STATE_ID).values(values))
    if initial:
        with local.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def fetch_customers(local: Engine, source: Connection, ids: list[uuid.UUID]) -> int:
    """Copy these customers whole to the desk (on demand, outside any window); returns the
    number of rows stored."""
    stored = 0
    if ids:
        for table, clause in customer_filters(ids, tables()):
            found = rows.fetch(source, rows.select_stored(table, source).where(clause))
            if found:
                with rows.replica_writes(local) as conn:
                    stored += len(found) - rows.upsert(_raw(conn), table, found)
        source.commit()
    return stored


OWNERS = (
    "SELECT backend_xid::text::bigint, usename, pid FROM pg_stat_activity "
    "WHERE datname = current_database() AND backend_xid::text::bigint = ANY(:xids)"
)


def pending(local: Engine) -> tuple[int, ...]:
    """The shared transactions whose rows the next window takes once they end."""
    with Session(local) as session:
        return _ids(session.scalar(select(SyncState.pending_xids)))


def owners(conn: Connection, xids: list[int]) -> dict[int, tuple[str, int]]:
    """Who runs these transactions in the shared database: {xid: (role, backend pid)}. Any
    role may read these columns of ``pg_stat_activity``; those in other databases of the
    cluster are left out (they hold back nothing of ours)."""
    found = conn.execute(text(OWNERS), {"xids": xids})
    return {int(xid): (str(name), int(pid)) for xid, name, pid in found}


def note_held_back(local: Engine, words: str | None) -> None:
    with session_factory(local).begin() as session:
        state(session).held_back = words


def mark(local: Engine, *, online: bool, error: str | None, success: bool) -> None:
    """Note the outcome of a sync attempt where ``callcenter sync status`` can read it."""
    now = utcnow()
    with session_factory(local).begin() as session:
        st = state(session)
        st.online, st.last_error, st.last_attempt_at = online, error, now
        if success:
            st.last_success_at = now
