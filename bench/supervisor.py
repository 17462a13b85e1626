"""Time one refresh of the supervisor's view on a busy shared store.

Usage: PYTHONPATH=. .venv/bin/python bench/supervisor.py [--agents 500] [--calls 1000000]
           [--refreshes 50] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Makes a scratch PostgreSQL database (dropped afterwards) with N agents (each with a fresh
heartbeat), 10 queues and M historical calls spread over the last 200 days (today's share
included), then times ``callcenter.supervision.boards.boards`` — everything one refresh reads — and
prints median, p95, p99, min and max.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from sqlalchemy import text

from bench.data import PG_ADMIN, scratch_database
from bench.report import Section, Series
from callcenter.platform.context import Actor, ServiceContext
from callcenter.supervision.boards import boards
from db import migrate
from db.enums import Role
from db.store import open_engine
from db.types import utcnow

DAYS = 200
REFRESH_MS = 50.0


def fill(url: str, agents: int, calls: int, now: dt.datetime) -> Actor:
    engine = open_engine(url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL statement_timeout = 0"))
        conn.execute(
            text(
                "INSERT INTO queues (id, version, updated_at, deleted, name, display_name, "
                "service_level_seconds, service_level_target_percent) "
                "SELECT gen_random_uuid(), 1, now(), false, 'q' || i, 'Queue ' || i, 20, 80 "
                "FROM generate_series(1, 10) i"
            )
        )
        conn.execute(
            text(
                "INSERT INTO users (id, version, updated_at, deleted, username, display_name, "
                "role, active) SELECT gen_random_uuid(), 1, now(), false, 'agent' || i, "
                "'Agent ' || i, 'agent', true FROM generate_series(1, :n) i"
            ),
            {"n": agents},
        )
        sue = conn.execute(
            text(
                "INSERT INTO users (id, version, updated_at, deleted, username, display_name, "
                "role, active) VALUES (gen_random_uuid(), 1, now(), false, 'sue', 'Sue', "
                "'supervisor', true) RETURNING id"
            )
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO agent_presence (user_id, desk, state, state_since, heartbeat_at, "
                "call_queue_id, call_offered_at) SELECT u.id, u.username || '@pc', "
                "(ARRAY['ready','not_ready','on_call','ringing','wrap_up'])[1 + (row_number() "
                "OVER () % 5)], :now - interval '3 minutes', :now, "
                "(SELECT id FROM queues ORDER BY name LIMIT 1), :now - interval '20 seconds' "
                "FROM users u WHERE u.role = 'agent'"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "WITH q AS (SELECT array_agg(id ORDER BY name) AS ids FROM queues), "
                "a AS (SELECT array_agg(id ORDER BY username) AS ids FROM users "
                "WHERE role = 'agent') "
                "INSERT INTO interactions (id, version, updated_at, deleted, channel, direction, "
                "queue_id, agent_id, caller_number, offered_at, answered_at, ended_at, notes) "
                "SELECT gen_random_uuid(), 1, now(), false, 'phone', 'inbound', "
                "q.ids[1 + i % 10], a.ids[1 + i % :agents], "
                "'+4420794' || lpad((i % 100000)::text, 5, '0'), t, "
                "CASE WHEN i % 12 = 0 THEN NULL ELSE t + (i % 40) * interval '1 second' END, "
                "t + (60 + i % 600) * interval '1 second', '' "
                "FROM q, a, (SELECT i, :now - (i::float / :calls * :days) * interval '1 day' AS t "
                "FROM generate_series(1, :calls) i) s"
            ),
            {"now": now, "calls": calls, "agents": agents, "days": DAYS},
        )
        conn.execute(text("ANALYZE"))
    engine.dispose()
    return Actor(sue, "sue", Role.SUPERVISOR)


def run(admin_url: str, agents: int, calls: int, refreshes: int) -> Section:
    """Fill a scratch database, then time ``refreshes`` refreshes after one warm-up."""
    now = utcnow()
    with scratch_database(admin_url) as url:
        started = time.perf_counter()
        sue = fill(url, agents, calls, now)
        made = time.perf_counter() - started
        # As the supervisor window opens it: a fresh connection per use, cut after 10 s.
        engine = open_engine(url, timeout_s=10, fresh_connections=True)
        ctx = ServiceContext.for_engine(engine, "GB", sue)
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        timings = []
        result = boards(ctx, now, start, now)
        for _ in range(refreshes):
            began = time.perf_counter()
            result = boards(ctx, now, start, now)
            timings.append((time.perf_counter() - began) * 1000)
        engine.dispose()
    section = Section(
        "supervisor",
        "Supervisor refresh",
        setup=(
            f"A scratch PostgreSQL database with {agents} agents (each with a fresh heartbeat), "
            f"10 queues and {calls:,} calls over the last {DAYS} days (made in {made:.0f} s, then "
            "ANALYZE); one refresh is `callcenter.supervision.boards.boards` on a store opened "
            "as the supervisor window opens it (a connection per use): agent board, queue board, "
            "missed calls, overdue callbacks, SLA watch and the half-hour series. "
            f"Today: {result.queues[-1].offered:,} calls offered, {len(result.missed):,} missed."
        ),
    )
    refresh = Series.of("one refresh", timings)
    section.series.append(refresh)
    section.check(f"refresh median <= {REFRESH_MS:g} ms", refresh.median, REFRESH_MS, "ms")
    section.check(f"refresh p95 <= {REFRESH_MS:g} ms", refresh.p(0.95), REFRESH_MS, "ms")
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--refreshes", type=int, default=50)
    parser.add_argument("--pg", default=PG_ADMIN)
    args = parser.parse_args()
    print(run(args.pg, args.agents, args.calls, args.refreshes).text())


if __name__ == "__main__":
    main()
