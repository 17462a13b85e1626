"""The refresh on the sums the shared store keeps (``db.rollups_ddl``) against the same figures
added up from the calls, on a day of edge cases written the ways calls are written: inserted
unfinished then answered and ended by updates, moved to another queue, handed to another
agent, written again unchanged (a push replayed) and by ``INSERT ... ON CONFLICT``, deleted,
a queue's threshold changed; a call that spans a half-hour boundary (it counts, talk and all,
in the half hour it was offered in), one offered after ``now`` (a desk's clock ahead), and
yesterday's. On SQLite the refresh adds the calls up itself; the same day checks it too."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from callcenter.platform.context import ServiceContext
from callcenter.supervision.boards import agent_board, boards, intervals, queue_board
from db import rollups_ddl
from db.enums import Channel, Direction
from db.models import Interaction, Queue
from tests.callcenter.conftest import People, as_actor

DAY = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
NOW = DAY + dt.timedelta(hours=11, minutes=10, microseconds=5)
STEP = dt.timedelta(minutes=30)
_I = Interaction.__table__


def at(hh: int, mm: int, ss: int = 0, us: int = 0) -> dt.datetime:
    return DAY + dt.timedelta(hours=hh, minutes=mm, seconds=ss, microseconds=us)


def row(queue: object, agent: object, offered: dt.datetime, **more: object) -> dict[str, object]:
    """A call's columns as a desk writes them."""
    return {
        "id": uuid.uuid4(),
        "version": 1,
        "updated_at": offered,
        "deleted": False,
        "channel": Channel.PHONE,
        "direction": Direction.INBOUND,
        "queue_id": queue,
        "agent_id": agent,
        "offered_at": offered,
        "answered_at": None,
        "ended_at": None,
        "queue_wait_seconds": None,
        **more,
    }


@pytest.fixture
def edge_day(ctx: ServiceContext, people: People) -> dict[str, uuid.UUID]:
    ann, bob = people.agent.user_id, people.other_agent.user_id
    support = people.queue_id
    with ctx.sessions.begin() as s:
        sales = Queue(name="sales", display_name="Sales", service_level_seconds=30)
        s.add(sales)
        s.flush()
        sales_id = sales.id
    calls = {
        # Answered in time, exactly on the threshold, a microsecond after it, late.
        "in_time": row(support, ann, at(9, 0), answered_at=at(9, 0, 5), ended_at=at(9, 3)),
        "on_threshold": row(
            support, ann, at(9, 1, 0, 7), answered_at=at(9, 1, 20, 7), ended_at=at(9, 2)
        ),
        "just_late": row(
            support, bob, at(9, 2, 0, 7), answered_at=at(9, 2, 20, 8), ended_at=at(9, 4)
        ),
        "late": row(sales_id, bob, at(9, 5), answered_at=at(9, 6), ended_at=at(9, 9)),
        "waited_before": row(
            sales_id,
            ann,
            at(9, 7),
            answered_at=at(9, 7, 20),
            ended_at=at(9, 8),
            queue_wait_seconds=12,
        ),
        # Unanswered: abandoned, and still ringing (no end yet).
        "abandoned": row(support, None, at(9, 10), ended_at=at(9, 10, 40)),
        "ringing": row(support, None, at(11, 9)),
        # Offered at 10:29:50, answered and talking over 10:30: it counts at 10:00.
        "spanning": row(None, ann, at(10, 29, 50), answered_at=at(10, 30, 5), ended_at=at(10, 41)),
        # Written again below: answered and ended by updates, moved, handed over, deleted.
        "answered_later": row(support, None, at(10, 0)),
        "moved": row(support, bob, at(10, 5), answered_at=at(10, 5, 3), ended_at=at(10, 7)),
        "handed_over": row(sales_id, ann, at(10, 8), answered_at=at(10, 8, 1), ended_at=at(10, 9)),
        "deleted": row(sales_id, bob, at(10, 10), answered_at=at(10, 10, 1), ended_at=at(10, 12)),
        "removed": row(support, bob, at(10, 11), answered_at=at(10, 11, 1), ended_at=at(10, 13)),
        "pushed_twice": row(
            sales_id, bob, at(10, 15), answered_at=at(10, 15, 9), ended_at=at(10, 20)
        ),
        # Not counted: yesterday's, outbound, e-mail; offered after now (a desk's clock ahead).
        "yesterday": row(support, ann, at(-1, 50), answered_at=at(-1, 50, 2), ended_at=at(0, 5)),
        "outbound": row(None, ann, at(9, 30), direction=Direction.OUTBOUND, ended_at=at(9, 31)),
        "email": row(support, ann, at(9, 40), channel=Channel.EMAIL, ended_at=at(9, 41)),
        "ahead": row(
            support, ann, NOW + dt.timedelta(seconds=3), answered_at=NOW + dt.timedelta(seconds=4)
        ),
    }
    with ctx.sessions.begin() as s:
        conn = s.connection()
        # One statement for many rows, as the push's COPY.
        conn.execute(insert(_I), list(calls.values()))
        ids = {name: values["id"] for name, values in calls.items()}

        def change(name: str, **values: object) -> None:
            conn.execute(update(_I).where(_I.c.id == ids[name]).values(**values))

        change("answered_later", answered_at=at(10, 0, 25), agent_id=ann)
        change("answered_later", ended_at=at(10, 4))
        change("moved", queue_id=sales_id)
        change("handed_over", agent_id=bob)
        change("deleted", deleted=True)
        conn.execute(_I.delete().where(_I.c.id == ids["removed"]))
        # The push writes every column of a row it already has; the same values again.
        again = {k: v for k, v in calls["pushed_twice"].items() if k != "id"}
        conn.execute(update(_I).where(_I.c.id == ids["pushed_twice"]).values(**again))
        conn.execute(update(_I).where(_I.c.id == ids["pushed_twice"]).values(**again))
        if conn.dialect.name == "postgresql":
            upsert = pg_insert(_I).values(calls["pushed_twice"])
            upsert = upsert.on_conflict_do_update(
                index_elements=[_I.c.id],
                set_={c: upsert.excluded[c] for c in again},
            )
            conn.execute(upsert)
            conn.execute(upsert)
        # Sales' threshold from 30 s to 61 s: its late call is now in time.
        conn.execute(update(Queue).where(Queue.id == sales_id).values(service_level_seconds=61))
    return ids


def test_the_refresh_on_the_sums_is_the_refresh_on_the_calls(
    ctx: ServiceContext, people: People, edge_day: dict[str, uuid.UUID]
) -> None:
    """``boards`` reads the sums; ``queue_board``, ``intervals`` and ``agent_board`` add the
    calls up themselves (the computation the refresh made before the sums)."""
    sue = as_actor(ctx, people.supervisor)
    refresh = boards(sue, NOW, DAY, NOW)
    assert refresh.queues == queue_board(sue, DAY, NOW, NOW)
    assert refresh.day == intervals(sue, DAY, NOW, STEP)
    assert refresh.agents == agent_board(sue, NOW, DAY)
    # And by hand: 12 calls today (the handed-over, moved and pushed ones once each).
    by_name = {q.name: q for q in refresh.queues}
    every = by_name["All queues"]
    assert (every.offered, every.answered, every.abandoned) == (12, 10, 1)
    support, sales = by_name["Support"], by_name["Sales"]
    # Support: in_time, on_threshold, just_late, abandoned, ringing, answered_later.
    assert (support.offered, support.answered, support.service_level) == (6, 4, 100 * 2 / 6)
    # Sales: late (in time at 61 s), waited_before (32 s), moved, handed_over, pushed_twice.
    assert (sales.offered, sales.answered, sales.service_level) == (5, 5, 100.0)
    ten = next(r for r in refresh.day if r.start == at(10, 0))
    assert (ten.offered, ten.answered) == (5, 5)  # answered_later, moved, handed, pushed, spanning
    handled = {a.user_id: a.handled_today for a in refresh.agents}
    assert handled[people.agent.user_id] == 5
    assert handled[people.other_agent.user_id] == 5


@pytest.mark.postgres
def test_the_sums_kept_by_triggers_are_the_sums_made_afresh(
    ctx: ServiceContext, people: People, edge_day: dict[str, uuid.UUID], store_url: str
) -> None:
    """Every write above taken away and added again leaves what a recount from scratch gives."""
    if not store_url.startswith("postgresql"):
        pytest.skip("SQLite keeps no sums")
    tables = (rollups_ddl.half_hours, rollups_ddl.agent_days)

    def sums() -> list[list[tuple[object, ...]]]:
        with ctx.sessions() as s:
            return [
                sorted(tuple(r) for r in s.connection().execute(select(t)).all()) for t in tables
            ]

    kept = sums()
    with ctx.sessions.begin() as s:
        rollups_ddl.rebuild(s.connection())
    made = sums()
    non_zero = [[r for r in rows if any(r[2:])] for rows in kept]
    assert non_zero == made
    # Half hours: yesterday 23:30; 09:00 twice, 10:00 three times (no queue too), 11:00.
    assert len(made[0]) == 7 and len(made[1]) == 3  # ann yesterday, ann and bob today
    with ctx.sessions() as s:
        no_queue = s.connection().execute(
            text("SELECT offered FROM call_half_hours WHERE queue_id = :q AND starts_at = :t"),
            {"q": rollups_ddl.NO_QUEUE, "t": at(10, 0)},
        )
        assert no_queue.scalar_one() == 1  # the spanning call, in the half hour it rang in


def test_a_day_that_starts_off_a_utc_half_hour_adds_the_calls_up(
    ctx: ServiceContext, people: People, edge_day: dict[str, uuid.UUID]
) -> None:
    """The sums are UTC half hours and days: a clock in Nepal's time (UTC+05:45) has a day
    and half hours of its own, which only the calls can give."""
    sue = as_actor(ctx, people.supervisor)
    nepal = dt.timezone(dt.timedelta(hours=5, minutes=45))
    now = NOW.astimezone(nepal)
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    refresh = boards(sue, now, day_start, now)
    assert refresh.queues == queue_board(sue, day_start, now, now)
    assert refresh.day == intervals(sue, day_start, now, STEP)
    assert refresh.day[0].start == day_start
    assert refresh.agents == agent_board(sue, now, day_start)
