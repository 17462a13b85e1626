"""A desk's first window into an empty local table, in one stream instead of pages (PostgreSQL).

Pages of a few thousand rows, each an upsert into a table with all its indexes on random
32-hex-digit keys, made a first sync of a million customers sixty times slower than a COPY of
them. Into a table the desk has never filled, the window is instead read with one
``COPY (SELECT ...) TO STDOUT`` of the columns in SQLite's storage form, in primary-key order
(the key's b-tree then grows by appends), and inserted many rows to a statement without upsert;
the table's other indexes are dropped first and built once at the end (SQLite sorts once
instead of inserting at random). Rows, indexes and the position after the table commit in one
local transaction, so a crash, a cut link or a stop rolls the table back whole, indexes
included, and the next pull starts that table again.
"""

from __future__ import annotations

import gc
import re
import selectors
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from psycopg import OperationalError, pq
from sqlalchemy import Connection, Engine, Table
from sqlalchemy.exc import DBAPIError

from db.replication import rows
from db.replication.push import Guard

#: COPY's NULL marker: COPY writes a backspace in the data as ``\b``, so a raw one is a NULL.
NULL = "\b"
#: Rows read under one guard: as many as a page, so a slow link gets as long for them.
BATCH = 2000
#: Rows per INSERT: every execution of a statement opens and closes a cursor on the table and
#: each index and sets up its CHECK constraints' ``IN`` lists; per row that was most of the cost.
ROWS_PER_INSERT = 100

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPED = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}

#: Writes the position after the table into the load's own transaction, given the rows read.
Advance = Callable[[Connection, int], None]


@dataclass(frozen=True)
class Loaded:
    rows: int
    skipped: int
    complete: bool


class _StoppedError(Exception):
    """Raised inside the load's transaction to roll it back."""


def _unescape(match: re.Match[str]) -> str:
    return _ESCAPED.get(match.group(1), match.group(1))


def _field(text: str) -> str | None:
    """One field of COPY's text format as its value."""
    if text == NULL:
        return None
    return _ESCAPE.sub(_unescape, text) if "\\" in text else text


def _statement(table: Table, count: int, *, marked: bool) -> str:
    """An INSERT of ``count`` rows; ``marked`` rows carry COPY's NULL marker for NULL."""
    names = [c.name for c in table.columns]
    marks = [f"NULLIF(?, '{NULL}')" if marked and c.nullable else "?" for c in table.columns]
    values = ", ".join([f"({', '.join(marks)})"] * count)
    return f"INSERT INTO {table.name} ({', '.join(names)}) VALUES {values}"


class _Inserts:
    """Inserts rows given as one flat list of fields, ``ROWS_PER_INSERT`` rows a statement."""

    def __init__(self, table: Table, *, marked: bool) -> None:
        self.columns = len(table.columns)
        self.many = _statement(table, ROWS_PER_INSERT, marked=marked)
        self.one = _statement(table, 1, marked=marked)

    def __call__(self, raw: Any, fields: list[Any]) -> None:
        columns, width = self.columns, self.columns * ROWS_PER_INSERT
        if len(fields) % columns:
            raise ValueError(f"a COPY row without its {columns} fields")
        full = len(fields) - len(fields) % width
        if full:
            raw.executemany(self.many, [fields[i : i + width] for i in range(0, full, width)])
        if full < len(fields):
            rest = range(full, len(fields), columns)
            raw.executemany(self.one, [fields[i : i + columns] for i in rest])


class _Batch:
    """One batch of COPY rows as flat lists of fields.

    A batch without a backslash (nearly all) is split by two calls, never row by row; its
    fields stay as COPY wrote them, NULL as the marker. A batch with an escape, or with rows to
    skip, is decoded row by row.
    """

    def __init__(self, text: str, id_at: int, waiting: set[str]) -> None:
        self.marked: list[str] = []
        self.decoded: list[str | None] = []
        self.skipped = 0
        if "\\" not in text and not waiting:
            self.marked = text[:-1].replace("\n", "\t").split("\t")
            return
        for line in text[:-1].split("\n"):
            fields = line.split("\t")
            if fields[id_at] in waiting:
                self.skipped += 1
            else:
                self.decoded += map(_field, fields)


def _copy_statement(table: Table, source: Connection, window: Any) -> str:
    query = rows.select_stored(table, source).where(window)
    sql = query.order_by(table.c.id).compile(source, compile_kwargs={"literal_binds": True})
    return f"COPY ({sql}) TO STDOUT WITH (NULL E'\\b')"


class _CopyOut:
    """The rows of a started ``COPY ... TO STDOUT``, taken from libpq a batch at a time.

    psycopg reads one row per call through two generators and a wait, about a tenth of the
    load; this takes every row libpq has buffered and only then waits for the socket (in a
    selector, without the GIL, so a deadline can still cut it).
    """

    def __init__(self, pgconn: Any, selector: selectors.BaseSelector) -> None:
        self.pgconn, self.selector = pgconn, selector
        selector.register(pgconn.socket, selectors.EVENT_READ)
        self.done = False

    def _wait(self) -> None:
        self.selector.select()
        self.pgconn.consume_input()

    def batch(self, size: int) -> list[Any]:
        """Up to ``size`` rows (each a buffer ending in a newline); empty once all are read."""
        rows: list[Any] = []
        get, append = self.pgconn.get_copy_data, rows.append
        while not self.done and len(rows) < size:
            count, data = get(1)
            if count > 0:
                append(data)
            elif count == 0:
                self._wait()
            elif count == -1:
                self._end()
            else:
                raise OperationalError(self.pgconn.get_error_message())
        return rows

    def _end(self) -> None:
        """Take the COPY's closing results, so the connection is ready for the next statement."""
        while True:
            while self.pgconn.is_busy():
                self._wait()
            result = self.pgconn.get_result()
            if result is None:
                self.done = True
                return
            if result.status != pq.ExecStatus.COMMAND_OK:
                raise OperationalError(result.error_message.decode(errors="replace"))


def _batches(copy: _CopyOut, guard: Guard, should_stop: Callable[[], bool]) -> Iterator[list[Any]]:
    """The COPY's rows (a buffer each), a batch at a time, each batch read under the guard.

    A stop is taken before reading on, so a table read to its end is kept.
    """
    while True:
        with guard():
            batch = copy.batch(BATCH)
        if not batch:
            return
        yield batch
        if should_stop():
            raise _StoppedError


@contextmanager
def _unchecked(raw: Any) -> Iterator[None]:
    """CHECK constraints off while loading: the rows come from a PostgreSQL store that has the
    same constraints (one set of migrations), and checking them again cost a sixth of the load.
    NOT NULL, primary and unique keys are still checked."""
    raw.execute("PRAGMA ignore_check_constraints = ON")
    try:
        yield
    finally:
        raw.execute("PRAGMA ignore_check_constraints = OFF")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while streaming: every row makes a few tracked objects
    (none in a cycle), and the collections they set off took a tenth of the load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _driver_errors_wrapped(source: Connection, statement: str) -> Iterator[None]:
    """The driver's own errors from reading the COPY as SQLAlchemy's, as from any statement
    (the replicator tells a lost link from a fault of ours by them)."""
    error_type = source.dialect.loaded_dbapi.Error
    try:
        yield
    except error_type as error:
        raise DBAPIError.instance(statement, None, error, error_type) from error


def _indexes(raw: Any, table: Table) -> list[tuple[str, str]]:
    """The table's own indexes (not its keys' automatic ones), by name and the SQL that made
    them, so they are rebuilt exactly as the migrations created them."""
    return list(
        raw.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
            (table.name,),
        )
    )


def load(
    local: Engine,
    source: Connection,
    table: Table,
    window: Any,
    *,
    advance: Advance,
    should_stop: Callable[[], bool],
    guard: Guard,
    progress: Callable[[int], None] | None,
) -> Loaded | None:
    """Copy ``table``'s rows in ``window`` (a clause) from PostgreSQL into the desk's empty
    table.

    Returns None, changing nothing, if the desk's table holds rows (the caller pages instead).
    Rows with a local write waiting in the outbox are skipped, as the paged pull does.
    ``progress`` hears the rows read so far; they count once the table commits.
    """
    try:
        with rows.replica_writes(local) as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            if raw.execute(f"SELECT 1 FROM {table.name} LIMIT 1").fetchone() is not None:
                return None
            query = "SELECT row_id FROM outbox WHERE table_name = ? AND refused IS NULL"
            waiting = {row[0] for row in raw.execute(query, (table.name,))}
            indexes = _indexes(raw, table)
            for name, _ in indexes:
                raw.execute(f"DROP INDEX {name}")
            statement = _copy_statement(table, source, window)
            with _driver_errors_wrapped(source, statement), _unchecked(raw), _collector_paused():
                read, skipped = _stream(
                    source,
                    raw,
                    table,
                    statement,
                    waiting,
                    guard=guard,
                    should_stop=should_stop,
                    progress=progress,
                )
            for _, sql in indexes:
                raw.execute(sql)
            advance(conn, read)
    except _StoppedError:
        return Loaded(0, 0, complete=False)
    return Loaded(read, skipped, complete=True)


def _stream(
    source: Connection,
    raw: Any,
    table: Table,
    statement: str,
    waiting: set[str],
    *,
    guard: Guard,
    should_stop: Callable[[], bool],
    progress: Callable[[int], None] | None,
) -> tuple[int, int]:
    """Run the COPY and insert what it sends; returns (rows read, rows skipped)."""
    id_at = rows.position(table, "id")
    marked, decoded = _Inserts(table, marked=True), _Inserts(table, marked=False)
    pg = source.connection.dbapi_connection
    assert pg is not None
    read = skipped = 0
    with ExitStack() as stack:
        with guard():
            # One statement for the whole table (the guard watches each batch), and rows in
            # key order from the key's index, never held back by a sort.
            source.exec_driver_sql("SET LOCAL statement_timeout = 0")
            source.exec_driver_sql("SET LOCAL enable_sort = off")
            stack.enter_context(pg.cursor().copy(statement))
        try:
            copy = _CopyOut(pg.pgconn, stack.enter_context(selectors.DefaultSelector()))
            for blocks in _batches(copy, guard, should_stop):
                batch = _Batch(b"".join(blocks).decode(pg.info.encoding), id_at, waiting)
                read, skipped = read + len(blocks), skipped + batch.skipped
                marked(raw, batch.marked)
                decoded(raw, batch.decoded)
                if progress is not None:
                    progress(read)
        except BaseException:
            # Leaving a COPY early cancels it and drains the rest: drop the link instead.
            source.invalidate()
            raise
    with guard():
        source.commit()
    return read, skipped
