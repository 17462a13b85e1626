"""A first sync from PostgreSQL copies each empty table in one stream (``db.replication.bulk``).

What the paged pull guaranteed still holds: the same rows stored the same way, the same
schema afterwards, nothing skipped while others write, a waiting local write kept, and a stop,
a cut link or a killed process leaving a store the next pull finishes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.exc import OperationalError

from db import migrate
from db.enums import CallbackStatus, Channel, Direction, PhoneKind
from db.models import (
    Callback,
    Customer,
    Interaction,
    OutboxEntry,
    PhoneNumber,
    SRCategory,
    SyncState,
)
from db.replication import rows
from db.replication.pull import STATE_ID, pull, tables
from db.store import DeadlineExceededError, deadline, open_engine, session_factory
from tests.helpers.tcp_proxy import TcpProxy
from tests.replication.conftest import Desk, open_desk
from tests.replication.test_network import through
from tests.replication.test_push_pull import NOW, new_customer, new_request

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]

#: Text that COPY's text format has to escape, or that looks like its NULL marker.
AWKWARD = (
    "tab\there",
    "new\nline",
    "carriage\rreturn",
    "back\\slash",
    "back\bspace",
    "\b",
    "\\N",
    "\\",
    "form\ffeed and\vvertical tab",
    "\x01 control",
    "",
    "中文 名字",
    "emoji \U0001f600",
)


def many_customers(shared: Engine, count: int) -> None:
    """``count`` customers with a phone number each, written by SQL (fast), random keys."""
    with shared.begin() as conn:
        conn.execute(text("SET LOCAL statement_timeout = 0"))
        conn.execute(
            text(
                "INSERT INTO customers (id, version, updated_at, deleted, kind, name, "
                "lifecycle_stage, value_tier, tags, notes, search_text) "
                "SELECT gen_random_uuid(), 1, now(), false, 'person', 'Many ' || i, 'lead', "
                "'standard', '', '', 'Many ' || i FROM generate_series(1, :n) AS i"
            ),
            {"n": count},
        )
        conn.execute(
            text(
                "INSERT INTO phone_numbers (id, version, updated_at, deleted, customer_id, raw, "
                "e164, kind) SELECT gen_random_uuid(), 1, now(), false, id, '020 7946 0958', "
                "'+442079460958', 'home' FROM customers"
            )
        )


def stored(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every replicated table of a desk as SQLite keeps it (Python types show storage classes)."""
    path = engine.url.database
    assert path is not None
    with sqlite3.connect(path) as conn:
        return {
            table.name: sorted(
                conn.execute(
                    f"SELECT {', '.join(c.name for c in table.columns)} FROM {table.name}"
                ),
                key=repr,
            )
            for table in tables()
        }


def in_storage_form(shared: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every replicated table of the shared store, as the paged pull hands it to SQLite."""
    with shared.connect() as conn:
        return {
            table.name: sorted(rows.fetch(conn, rows.select_stored(table, conn)), key=repr)
            for table in tables()
        }


def schema(engine: Engine) -> set[tuple[str, str, str, str | None]]:
    with engine.connect() as conn:
        found = conn.exec_driver_sql("SELECT type, name, tbl_name, sql FROM sqlite_master")
        return {(r[0], r[1], r[2], r[3]) for r in found}


def sync_state(engine: Engine) -> SyncState:
    with session_factory(engine)() as s:
        return s.get_one(SyncState, STATE_ID)


def replica_rows(engine: Engine) -> int:
    with engine.connect() as conn:
        return sum(
            int(conn.exec_driver_sql(f"SELECT count(*) FROM {t.name}").scalar_one())
            for t in tables()
        )


def awkward_rows(shared: Engine) -> None:
    with session_factory(shared).begin() as s:
        s.add(SRCategory(code="billing", label="Billing", sla_hours=24))
        for index, value in enumerate(AWKWARD):
            customer = new_customer(f"{value} {index}")
            customer.company_name = value  # nullable: the NULL marker itself must survive
            customer.region = None if index % 2 else value
            customer.notes = value
            customer.phone_numbers = [
                PhoneNumber(raw=value or "-", e164=None, national=value[:20], kind=PhoneKind.MOBILE)
            ]
            s.add(customer)
            s.flush()
            request = new_request(customer.id)
            request.subject = value or "-"
            s.add(request)
            s.add(
                Callback(
                    customer_id=customer.id,
                    phone_number="+442079460958",
                    due_from=NOW,
                    due_until=NOW + dt.timedelta(hours=2),
                    reason=value,
                    status=CallbackStatus.PENDING,
                )
            )
            s.add(
                Interaction(
                    channel=Channel.PHONE,
                    direction=Direction.INBOUND,
                    offered_at=NOW + dt.timedelta(microseconds=index),
                    customer_id=customer.id,
                    notes=value,
                )
            )


def test_a_first_sync_stores_exactly_what_the_paged_pull_stores(
    pg_shared: Engine, desks: Callable[[str], Desk]
) -> None:
    paged = desks("paged")
    pull(paged.engine, pg_shared)  # its first sync is over: what comes next comes in pages
    awkward_rows(pg_shared)
    streamed = desks("streamed")
    first = pull(streamed.engine, pg_shared)
    later = pull(paged.engine, pg_shared)
    assert first.complete and later.complete
    assert first.rows == later.rows > 5 * len(AWKWARD)
    assert stored(streamed.engine) == stored(paged.engine) == in_storage_form(pg_shared)
    # The stream went in key order (the key's b-tree grew by appends); the pages went by
    # change_seq, which random keys do not follow.
    with streamed.engine.connect() as conn:
        by_rowid = list(conn.exec_driver_sql("SELECT id FROM customers ORDER BY rowid").scalars())
    with paged.engine.connect() as conn:
        paged_order = list(
            conn.exec_driver_sql("SELECT id FROM customers ORDER BY rowid").scalars()
        )
    assert by_rowid == sorted(by_rowid) != paged_order


def test_a_streamed_store_has_exactly_the_schema_the_migrations_make(
    pg_shared: Engine, desks: Callable[[str], Desk]
) -> None:
    awkward_rows(pg_shared)
    many_customers(pg_shared, 3000)
    fresh, streamed = desks("fresh"), desks("streamed")
    assert pull(streamed.engine, pg_shared).complete
    assert schema(streamed.engine) == schema(fresh.engine)
    command.check(migrate.alembic_config(streamed.engine))
    with streamed.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        assert conn.exec_driver_sql("PRAGMA ignore_check_constraints").scalar_one() == 0
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        found = conn.exec_driver_sql(
            "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH 'many'"
        )
        assert found.scalar_one() == 3000
    # The load's write-ahead log (the size of its largest table) was given back.
    assert Path(f"{streamed.engine.url.database}-wal").stat().st_size == 0


def test_a_first_sync_stopped_inside_a_table_drops_that_table_and_resumes(
    pg_shared: Engine, desks: Callable[[str], Desk]
) -> None:
    with session_factory(pg_shared).begin() as s:
        s.add_all(SRCategory(code=f"c{i}", label=f"C{i}", sla_hours=8) for i in range(3))
    many_customers(pg_shared, 5000)
    desk, fresh = desks("ann"), desks("fresh")
    seen: list[tuple[int, int | None]] = []

    def note(done: int, total: int | None) -> None:
        seen.append((done, total))

    # Stop once the first batch of customers is in (the categories before them are done).
    first = pull(
        desk.engine, pg_shared, progress=note, should_stop=lambda: any(d > 3 for d, _ in seen)
    )
    assert not first.complete
    assert seen[0] == (3, 10003) and 3 < seen[-1][0] < 10003
    st = sync_state(desk.engine)
    assert (st.initial_done, st.initial_rows, st.initial_total) == (False, 3, 10003)
    assert replica_rows(desk.engine) == 3  # customers rolled back whole, indexes and all
    without_search = {o for o in schema(fresh.engine) if "customer_fts" not in o[1]}
    assert {o for o in schema(desk.engine) if "customer_fts" not in o[1]} == without_search

    seen.clear()
    second = pull(desk.engine, pg_shared, progress=note)
    assert second.complete
    assert seen[-1] == (10003, 10003)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert sync_state(desk.engine).initial_rows == replica_rows(desk.engine) == 10003
    assert stored(desk.engine) == in_storage_form(pg_shared)
    assert schema(desk.engine) == schema(fresh.engine)


@pytest.mark.parametrize(
    ("cut", "error"),
    [
        ("blackhole", DeadlineExceededError),
        ("reset", OperationalError),
        ("terminate", OperationalError),
    ],
)
def test_a_link_cut_inside_a_table_fails_the_pull_and_the_table_restarts(
    cut: str,
    error: type[Exception],
    pg_shared: Engine,
    pg_url: str,
    desks: Callable[[str], Desk],
) -> None:
    """A silent link is given up at the deadline; a reset link or a server that ends the session
    fails at once, with the error the replicator takes for a lost link (SQLAlchemy's, not the
    driver's own)."""
    many_customers(pg_shared, 40000)
    desk = desks("ann")
    guard = partial(deadline, 2.0)
    with TcpProxy("127.0.0.1", 5432) as proxy:
        shared = open_engine(through(proxy, pg_url), timeout_s=2.0, fresh_connections=True)
        try:

            def cut_link(done: int, _total: int | None) -> None:
                if done < 2000:
                    return
                if cut != "terminate":
                    getattr(proxy, cut)()
                    return
                with pg_shared.connect() as admin:
                    admin.execute(
                        text(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND query LIKE 'COPY%'"
                        )
                    )

            with pytest.raises(error):
                pull(desk.engine, shared, progress=cut_link, guard=guard)
            assert replica_rows(desk.engine) == sync_state(desk.engine).initial_rows == 0
            proxy.pass_through()
            assert pull(desk.engine, shared, guard=guard).complete
        finally:
            shared.dispose()
    assert stored(desk.engine) == in_storage_form(pg_shared)


def test_a_desk_killed_inside_a_table_restarts_that_table(
    pg_shared: Engine, pg_url: str, tmp_path: Path, desks: Callable[[str], Desk]
) -> None:
    many_customers(pg_shared, 100_000)
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.replication.pull_worker", str(tmp_path / "ann.db"), pg_url],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert worker.stdout is not None
    for _ in range(3):  # three batches of customers in, nearly fifty still to come
        assert worker.stdout.readline()
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    desk = open_desk(tmp_path, "ann")
    try:
        with desk.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        assert replica_rows(desk.engine) == sync_state(desk.engine).initial_rows == 0
        assert pull(desk.engine, pg_shared).complete
        assert stored(desk.engine) == in_storage_form(pg_shared)
        assert sync_state(desk.engine).initial_rows == 200_000
        assert schema(desk.engine) == schema(desks("fresh").engine)
    finally:
        desk.engine.dispose()


def test_writers_during_a_first_sync_lose_nothing(
    pg_shared: Engine, desks: Callable[[str], Desk]
) -> None:
    many_customers(pg_shared, 20000)
    sessions = session_factory(pg_shared)
    errors: list[BaseException] = []
    started = threading.Barrier(4)

    def writer(seed: int) -> None:
        rng = random.Random(seed)
        try:
            started.wait()
            for index in range(40):
                with sessions.begin() as s:
                    s.add(new_customer(f"w{seed}-{index}"))
                    row = s.scalars(
                        select(Customer).order_by(func.random()).limit(1).with_for_update()
                    ).one()
                    row.notes = f"touched by {seed}"
                    s.flush()
                    s.execute(text("SELECT pg_sleep(:t)"), {"t": rng.random() * 0.02})
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(seed,)) for seed in range(3)]
    for thread in threads:
        thread.start()
    desk = desks("bob")
    started.wait()
    first = pull(desk.engine, pg_shared)
    for thread in threads:
        thread.join()
    assert errors == []
    assert first.complete
    pull(desk.engine, pg_shared)
    assert stored(desk.engine) == in_storage_form(pg_shared)


def test_a_row_with_a_local_write_waiting_is_not_taken(
    pg_shared: Engine, desks: Callable[[str], Desk]
) -> None:
    with session_factory(pg_shared).begin() as s:
        edited, other = new_customer("Edited on the desk"), new_customer("Not edited")
        s.add_all([edited, other])
    desk = desks("ann")
    with desk.engine.begin() as conn:  # a write the desk made but has not pushed yet
        conn.execute(
            insert(OutboxEntry).values(
                entry_id=uuid.uuid4(),
                table_name="customers",
                row_id=edited.id,
                op="update",
                base_version=1,
                changes='{"notes": "mine"}',
                base='{"notes": ""}',
                created_at=NOW,
            )
        )
    result = pull(desk.engine, pg_shared)
    assert (result.complete, result.skipped) == (True, 1)
    with desk.sessions() as s:
        assert s.scalars(select(Customer.name)).all() == ["Not edited"]


def test_a_table_the_desk_already_wrote_to_is_read_in_pages(
    pg_shared: Engine, desks: Callable[[str], Desk]
) -> None:
    many_customers(pg_shared, 300)
    desk = desks("ann")
    with desk.sessions.begin() as s:
        s.add(new_customer("Made on the desk before its first sync"))
    assert pull(desk.engine, pg_shared).complete
    with desk.sessions() as s:
        names = s.scalars(select(Customer.name)).all()
        assert len(names) == 301 and "Made on the desk before its first sync" in names
    with desk.engine.connect() as conn:  # paged: in change_seq order, not key order
        ids = list(conn.exec_driver_sql("SELECT id FROM customers ORDER BY rowid").scalars())
    assert ids != sorted(ids)
    assert len(stored(desk.engine)["phone_numbers"]) == 300
