"""A busy day's missed calls and SLA watch: the board brings the newest ``SHOWN`` missed calls
and the ``SHOWN`` requests due last, with exact counts of all of them."""

from __future__ import annotations

import datetime as dt

from callcenter.platform.context import ServiceContext
from callcenter.supervision.boards import boards
from callcenter.supervision.follow_up import (
    SHOWN,
    missed_calls,
    read_missed_calls,
    read_sla_watch,
    sla_watch,
)
from callcenter.work import service_requests as srs
from callcenter.work.service_requests import NewServiceRequest
from db.enums import Channel, Direction
from db.models import Interaction
from tests.callcenter.conftest import People, as_actor

DAY = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
NOW = DAY + dt.timedelta(hours=20)


def add_missed(ctx: ServiceContext, people: People, count: int) -> None:
    """``count`` unanswered calls a minute apart from 08:00, from different numbers."""
    with ctx.sessions.begin() as s:
        s.add_all(
            Interaction(
                channel=Channel.PHONE,
                direction=Direction.INBOUND,
                queue_id=people.queue_id,
                caller_number=f"+44207946{n:04d}",
                offered_at=DAY + dt.timedelta(hours=8, minutes=n),
                ended_at=DAY + dt.timedelta(hours=8, minutes=n, seconds=30),
            )
            for n in range(count)
        )


def test_the_board_shows_the_newest_missed_calls_and_counts_them_all(
    ctx: ServiceContext, people: People
) -> None:
    add_missed(ctx, people, SHOWN + 5)
    sue = as_actor(ctx, people.supervisor)
    refresh = boards(sue, NOW, DAY, NOW)
    every = missed_calls(sue, DAY)
    assert (len(every), refresh.missed_total) == (SHOWN + 5, SHOWN + 5)
    assert refresh.missed == every[:SHOWN]  # newest first
    assert refresh.missed[-1].offered_at == DAY + dt.timedelta(hours=8, minutes=5)


def test_the_lists_on_a_connection_say_how_many_there_are(
    ctx: ServiceContext, people: People
) -> None:
    add_missed(ctx, people, 4)
    ann = as_actor(ctx, people.agent)
    made = [
        srs.create_service_request(ann, NewServiceRequest(f"Router {n}", "technical"))
        for n in range(3)
    ]
    watch_at = made[-1].opened_at + dt.timedelta(hours=6)
    sue = as_actor(ctx, people.supervisor)
    with ctx.sessions() as s:
        conn = s.connection()
        missed = read_missed_calls(conn, DAY, 3)
        assert (len(missed.rows), missed.total) == (3, 4)
        assert read_missed_calls(conn, DAY).total == 4
        watched = read_sla_watch(conn, watch_at, limit=2)
        # Due last, shown soonest first: the first request made is counted, not shown.
        assert [r.id for r in watched.rows] == [made[1].id, made[2].id]
        assert watched.total == 3
        assert read_sla_watch(conn, DAY).total == 0
    assert [r.id for r in sla_watch(sue, watch_at)] == [r.id for r in made]
