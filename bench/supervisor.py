"""Time one refresh of the supervisor's view at the end of a busy day of a 500-seat centre.

Usage: PYTHONPATH=. .venv/bin/python bench/supervisor.py [--agents 500] [--history 7960000]
           [--refreshes 50] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Makes a scratch PostgreSQL database (dropped afterwards) holding one busy day, ``DAY``: every
agent handles ``CALLS_PER_AGENT`` calls offered 08:00-20:00 UTC (40,000 for 500 agents, one in
twelve abandoned, half of those called back), every agent's presence is fresh at the day's end,
and service requests and callbacks come with the calls; before it, ``--history`` calls over the
199 days before (the default is the same busy day every day, so the indexes hold today's calls
in their real proportion). The clock is fixed at the day's last second: the refresh measured is
the heaviest of the day, and the figures do not depend on the hour the benchmark runs (it used
to spread its calls over 200 days up to the wall clock, so "today" held 1,018 calls at 05:00
and 4,270 at 21:00).

Timed, alternating in one run so the floor is measured at the same moment as the refresh:
- one refresh: ``callcenter.supervision.boards.boards`` on a store opened as the supervisor
  window opens it (kept connections, ``callcenter.sync.stores.reads_engine``), and the same
  on a connection per use, as the window opened it before;
- the floor: a bare indexed ``count(*)`` of the day's calls, and the refresh's own statements
  sent as they are (captured from the refresh, sent on a kept psycopg connection, rows fetched
  and dropped): the SQL's cost without the service around it.

The history is loaded with triggers off (``session_replication_role = replica``) and the
calls' indexes rebuilt after it: the change stamps, change log and guards of 8,000,000 bulk
rows are not what a refresh reads, and row by row they would make the fill take half an hour.
It is then vacuumed, as autovacuum would have done over
199 days; the day itself is loaded after and only analysed, so its rows are as fresh as a real
day's. With the triggers off, the calls' sums the boards read (``db.rollups_ddl``, kept by
triggers as calls are written) are made afterwards as migration 0023 makes them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from bench.data import PG_ADMIN, create_database, database_url, drop_database, scratch_database
from bench.report import Section, Series
from callcenter.platform.context import Actor, ServiceContext
from callcenter.supervision.boards import boards
from callcenter.sync.stores import reads_engine
from db import migrate, rollups_ddl
from db.enums import Role
from db.store import open_engine, session_factory

DAY = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
END = DAY + dt.timedelta(days=1, seconds=-1)
HISTORY_DAYS = 199
CALLS_PER_AGENT = 80
QUEUES = 10
#: Known callers per agent (100,000 for 500 agents); 10,000 more numbers are unknown.
CUSTOMERS_PER_AGENT = 200
REFRESH_MS = 50.0
#: Presence at the day's end: on a call, wrapping up, ready, on a break, ringing (per 20).
STATES = ["on_call"] * 12 + ["wrap_up"] * 3 + ["ready"] * 2 + ["not_ready"] * 2 + ["ringing"]

# One call per ``i``; day ``d`` (0 = the first day of history, HISTORY_DAYS = the busy day)
# holds ``n`` calls offered evenly 08:00-20:00. Everything about a call follows from ``i``:
# its queue, whether it was answered (not when i % 12 = 0), its agent, its caller (one of
# the known customers' numbers, or one of 10,000 unknown ones), its times.
_CALLS = """
INSERT INTO interactions (id, version, updated_at, deleted, channel, direction, queue_id,
    agent_id, caller_number, customer_id, offered_at, answered_at, ended_at,
    queue_wait_seconds, disposition_code, notes)
SELECT gen_random_uuid(), 1, t, false, 'phone', 'inbound', md5('queue' || (1 + i % :queues))::uuid,
    CASE WHEN i % 12 = 0 THEN NULL ELSE md5('agent' || (1 + (i / 7) % :agents))::uuid END,
    '+4420794' || lpad(c::text, 6, '0'),
    CASE WHEN c < :customers THEN md5('customer' || c)::uuid END,
    t,
    CASE WHEN i % 12 = 0 THEN NULL ELSE t + (i * 7 % 45) * interval '1 second' END,
    t + CASE WHEN i % 12 = 0 THEN i % 90 ELSE i * 7 % 45 + 60 + i * 13 % 540 END
        * interval '1 second',
    CASE WHEN i % 3 = 0 THEN i % 30 END,
    CASE WHEN i % 12 = 0 THEN NULL ELSE 'resolved' END, ''
FROM (SELECT i, (i * 7919) % (:customers + 10000) AS c,
             :day + interval '8 hours' + (i - :first + 0.5) / :n * interval '12 hours' AS t
      FROM generate_series(CAST(:first AS bigint), CAST(:first AS bigint) + :n - 1) i) s
"""
# Half of the abandoned calls were called back a quarter of an hour later; one in ten of the
# busy day's is still pending (overdue once its two hours are up).
_CALLBACKS = """
INSERT INTO callbacks (id, version, updated_at, deleted, customer_id, phone_number, due_from,
    due_until, reason, owner_queue_id, status, attempt_count)
SELECT gen_random_uuid(), 1, t, false, CASE WHEN c < :customers THEN md5('customer' || c)::uuid END,
    '+4420794' || lpad(c::text, 6, '0'), t + interval '15 minutes',
    t + interval '135 minutes', 'Missed call', md5('queue' || (1 + i % :queues))::uuid,
    CASE WHEN :today AND i % 240 = 0 THEN 'pending' ELSE 'done' END, 1
FROM (SELECT i, (i * 7919) % (:customers + 10000) AS c,
             :day + interval '8 hours' + (i - :first + 0.5) / :n * interval '12 hours' AS t
      FROM generate_series(CAST(:first AS bigint), CAST(:first AS bigint) + :n - 1) i
      WHERE i % 24 = 0) s
"""
# One request per twenty answered calls; its SLA by priority (4, 8, 24, 72 h). Older ones are
# resolved but one in a thousand; a third of the busy day's are still open.
_REQUESTS = """
INSERT INTO service_requests (id, version, updated_at, deleted, number, customer_id,
    category_code, priority, status, subject, description, queue_id, opened_at, sla_due_at,
    resolved_at)
SELECT gen_random_uuid(), 1, t, false, 'SR-' || upper(to_hex(i)),
    CASE WHEN c < :customers THEN md5('customer' || c)::uuid END, 'billing',
    (ARRAY['urgent', 'high', 'normal', 'low'])[1 + (i / 20) % 4],
    CASE WHEN open THEN 'open' ELSE 'resolved' END, 'Billing question', '',
    md5('queue' || (1 + i % :queues))::uuid, t,
    t + (ARRAY[4, 8, 24, 72])[1 + (i / 20) % 4] * interval '1 hour',
    CASE WHEN NOT open THEN t + interval '3 hours' END
FROM (SELECT i, (i * 7919) % (:customers + 10000) AS c,
             :day + interval '8 hours' + (i - :first + 0.5) / :n * interval '12 hours' + interval
                 '5 minutes' AS t,
             CASE WHEN :today THEN (i / 20) % 3 = 0 ELSE (i / 20) % 1000 = 0 END AS open
      FROM generate_series(CAST(:first AS bigint), CAST(:first AS bigint) + :n - 1) i
      WHERE i % 20 = 1) s
"""


def _day(conn: Any, day: int, first: int, n: int, agents: int) -> None:
    """Day ``day``'s ``n`` calls (numbered from ``first``), their callbacks and requests."""
    values = {
        "day": DAY - dt.timedelta(days=HISTORY_DAYS - day),
        "first": first,
        "n": n,
        "agents": agents,
        "queues": QUEUES,
        "customers": agents * CUSTOMERS_PER_AGENT,
        "today": day == HISTORY_DAYS,
    }
    for statement in (_CALLS, _CALLBACKS, _REQUESTS):
        conn.execute(text(statement), values)


def fill(url: str, agents: int, history: int) -> None:
    """The busy day, its history and the centre's people."""
    engine = open_engine(url, timeout_s=3600)
    migrate.upgrade(engine)
    today = agents * CALLS_PER_AGENT
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(
            text(
                "INSERT INTO queues (id, version, updated_at, deleted, name, display_name, "
                "service_level_seconds, service_level_target_percent) "
                "SELECT md5('queue' || i)::uuid, 1, now(), false, 'q' || i, 'Queue ' || i, "
                "20, 80 FROM generate_series(1, :n) i"
            ),
            {"n": QUEUES},
        )
        conn.execute(
            text(
                "INSERT INTO users (id, version, updated_at, deleted, username, display_name, "
                "role, active) SELECT md5('agent' || i)::uuid, 1, now(), false, 'agent' || i, "
                "'Agent ' || i, 'agent', true FROM generate_series(1, :n) i"
            ),
            {"n": agents},
        )
        conn.execute(
            text(
                "INSERT INTO customers (id, version, updated_at, deleted, kind, name, "
                "lifecycle_stage, value_tier, tags, notes, search_text) "
                "SELECT md5('customer' || i)::uuid, 1, now(), false, 'person', "
                "'Customer ' || i, 'customer', 'standard', '', '', 'customer ' || i "
                "FROM generate_series(0, :n - 1) i"
            ),
            {"n": agents * CUSTOMERS_PER_AGENT},
        )
        # The history goes in without the calls' indexes, which are then rebuilt from their
        # own definitions: one sort each instead of 8,000,000 random inserts (a quarter of an
        # hour on this machine).
        indexes = conn.execute(
            text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'interactions' "
                "AND indexname <> 'pk_interactions'"
            )
        ).all()
        references = conn.execute(
            text(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE confrelid = 'interactions'::regclass"
            )
        ).all()
        for table, name, _ in references:
            conn.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
        conn.execute(text("ALTER TABLE interactions DROP CONSTRAINT pk_interactions"))
        for name, _ in indexes:
            conn.execute(text(f'DROP INDEX "{name}"'))
        first = 0
        for day in range(HISTORY_DAYS):
            n = history // HISTORY_DAYS + (day < history % HISTORY_DAYS)
            _day(conn, day, first, n, agents)
            first += n
        conn.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        conn.execute(
            text("ALTER TABLE interactions ADD CONSTRAINT pk_interactions PRIMARY KEY (id)")
        )
        for _, definition in indexes:
            conn.execute(text(definition))
        for table, name, definition in references:
            conn.execute(text(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("SET statement_timeout = 0"))
        conn.execute(text("VACUUM (ANALYZE)"))
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        _day(conn, HISTORY_DAYS, first, today, agents)
        conn.execute(
            text(
                "INSERT INTO users (id, version, updated_at, deleted, username, display_name, "
                "role, active) VALUES (gen_random_uuid(), 1, now(), false, 'sue', 'Sue', "
                "'supervisor', true)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO agent_presence (user_id, desk, state, reason_code, state_since, "
                "heartbeat_at, call_caller, call_queue_id, call_offered_at, call_answered_at, "
                "call_waited_seconds) "
                "SELECT md5('agent' || i)::uuid, 'agent' || i || '@pc', s, "
                "CASE WHEN s = 'not_ready' THEN 'break' END, "
                ":now - (i * 37 % 900) * interval '1 second', "
                ":now - (i % 10) * interval '1 second', "
                "CASE WHEN s IN ('on_call', 'ringing') "
                "THEN '+4420794' || lpad(i::text, 6, '0') END, "
                "CASE WHEN s IN ('on_call', 'ringing') THEN md5('queue' || (1 + i % :q))::uuid "
                "END, CASE WHEN s IN ('on_call', 'ringing') "
                "THEN :now - (i * 37 % 900) * interval '1 second' END, "
                "CASE WHEN s = 'on_call' THEN :now - (i * 37 % 900 - 20) * interval '1 second' "
                "END, CASE WHEN s = 'ringing' THEN i % 40 END "
                "FROM (SELECT i, (CAST(:states AS text[]))[1 + i % 20] AS s "
                "FROM generate_series(1, :n) i) a"
            ),
            {"now": END, "n": agents, "q": QUEUES, "states": STATES},
        )
        # The triggers were off: the boards' sums are made as migration 0023 makes them.
        rollups_ddl.rebuild(conn)
        conn.execute(text("ANALYZE"))
    engine.dispose()


def _supervisor(url: str) -> Actor:
    engine = open_engine(url)
    with engine.connect() as conn:
        sue = conn.execute(text("SELECT id FROM users WHERE username = 'sue'")).scalar_one()
    engine.dispose()
    return Actor(sue, "sue", Role.SUPERVISOR)


@contextmanager
def captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The statements sent on ``engine`` meanwhile, with their parameters, as the driver got
    them."""
    sent: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def _timed(work: Any) -> float:
    began = time.perf_counter()
    work()
    return (time.perf_counter() - began) * 1000


@contextmanager
def _store(
    admin_url: str, agents: int, history: int, keep: str | None
) -> Iterator[tuple[str, float]]:
    """The filled database's URL (as ``url``) and the seconds the fill took: a scratch
    database, dropped afterwards, or the database ``keep``, filled when it is not yet marked
    as holding this data and left for the next run (building 8,000,000 calls takes minutes)."""
    if keep is None:
        with scratch_database(admin_url) as url:
            started = time.perf_counter()
            fill(url, agents, history)
            yield url, time.perf_counter() - started
        return
    mark = f"callcenter supervisor bench: {agents} agents, {history} calls before {DAY:%Y-%m-%d}"
    url = database_url(admin_url, keep)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        found = conn.execute(
            text(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :n"
            ),
            {"n": keep},
        ).first()
    made = 0.0
    if found is None or found[0] != mark:
        drop_database(admin_url, keep)
        create_database(admin_url, keep)
        started = time.perf_counter()
        fill(url, agents, history)
        made = time.perf_counter() - started
        with admin.connect() as conn:
            conn.execute(text(f"COMMENT ON DATABASE \"{keep}\" IS '{mark}'"))
    admin.dispose()
    engine = open_engine(url, timeout_s=3600)
    migrate.upgrade(engine)  # a database kept from an older schema follows it
    engine.dispose()
    yield url, made


def run(
    admin_url: str, agents: int, history: int, refreshes: int, keep: str | None = None
) -> Section:
    """Fill a database, then time ``refreshes`` refreshes and their floor, alternating, after
    one warm-up of each."""
    today = agents * CALLS_PER_AGENT
    with _store(admin_url, agents, history, keep) as (url, made):
        sue = _supervisor(url)
        # As the supervisor window opens it (``callcenter.sync.stores.open_shared_context``):
        # kept connections, each use cut after the sync timeout; beside it a connection per
        # use, as the window opened it before, to show what connecting costs.
        engine = reads_engine(url, 10)
        fresh_engine = open_engine(url, timeout_s=10, fresh_connections=True)
        ctx = ServiceContext(session_factory(engine), "GB", sue, clock=lambda: END)
        fresh = ServiceContext(session_factory(fresh_engine), "GB", sue, clock=lambda: END)
        start = END.replace(hour=0, minute=0, second=0, microsecond=0)

        def refresh(on: ServiceContext = ctx) -> Any:
            now = on.clock()
            return boards(on, now, start, now)

        with captured(engine) as statements:
            result = refresh()
        refresh(fresh)
        raw = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(raw, autocommit=True) as floor:

            def count() -> None:
                floor.execute(
                    "SELECT count(*) FROM interactions WHERE offered_at >= %s AND offered_at < %s",
                    (start, END),
                ).fetchall()

            def sql() -> None:
                with floor.transaction():
                    for statement, parameters in statements:
                        floor.execute(statement, parameters).fetchall()

            count()
            sql()
            timings: dict[str, list[float]] = {"refresh": [], "fresh": [], "count": [], "sql": []}
            cpu = 0.0
            for _ in range(refreshes):
                began = time.process_time()
                timings["refresh"].append(_timed(refresh))
                cpu += time.process_time() - began
                timings["fresh"].append(_timed(lambda: refresh(fresh)))
                timings["count"].append(_timed(count))
                timings["sql"].append(_timed(sql))
        ctx.dispose()
        fresh.dispose()
    built = f"made in {made:.0f} s" if made else f"kept in {keep} from an earlier run"
    section = Section(
        "supervisor",
        "Supervisor refresh",
        setup=(
            f"A scratch PostgreSQL database holding one busy day ({DAY:%Y-%m-%d}): {agents} "
            f"agents x {CALLS_PER_AGENT} calls = {today:,} calls offered 08:00-20:00 UTC, "
            f"presence fresh for all {agents}, with its callbacks and service requests; before "
            f"it {history:,} calls over {HISTORY_DAYS} days ({built}; history vacuumed, the day "
            "analysed). The clock stands at the day's last second. One refresh is "
            "`callcenter.supervision.boards.boards` on the supervisor window's store (kept "
            "connections) and on a connection per use: agent board, queue board, missed "
            "calls, overdue callbacks, SLA watch and the "
            f"half-hour series. At the end of the day: {result.queues[-1].offered:,} calls "
            f"offered, {len(result.agents):,} people on the agent board, {result.missed_total:,} "
            f"missed calls not called back ({len(result.missed):,} listed), "
            f"{len(result.overdue):,} overdue callbacks, {result.sla_total:,} requests on the "
            f"SLA watch ({len(result.sla):,} listed). Floor, alternating with the "
            "refresh: a bare indexed count of the day's calls, and the refresh's "
            f"{len(statements)} statements sent as they are on a kept psycopg connection."
        ),
    )
    refresh_ms = Series.of("one refresh", timings["refresh"])
    section.series += [
        refresh_ms,
        Series.of("one refresh on a connection per use (as before)", timings["fresh"]),
        Series.of("floor: count(*) of the day's calls", timings["count"]),
        Series.of("floor: the refresh's SQL alone", timings["sql"]),
    ]
    section.figures.append(
        (
            "client CPU per refresh (this process: SQLAlchemy, psycopg, the records)",
            f"{cpu / refreshes * 1000:.1f} ms",
        )
    )
    section.check(f"refresh p95 <= {REFRESH_MS:g} ms", refresh_ms.p(0.95), REFRESH_MS, "ms")
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument(
        "--history", type=int, default=500 * CALLS_PER_AGENT * HISTORY_DAYS, help="calls"
    )
    parser.add_argument("--refreshes", type=int, default=50)
    parser.add_argument("--pg", default=PG_ADMIN)
    parser.add_argument(
        "--keep", metavar="DATABASE", help="fill this database once and keep it for later runs"
    )
    args = parser.parse_args()
    print(run(args.pg, args.agents, args.history, args.refreshes, args.keep).text())


if __name__ == "__main__":
    main()
