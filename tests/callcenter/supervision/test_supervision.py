"""The supervisor's boards against a scripted day of calls, computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError
from callcenter.supervision.boards import agent_board, intervals, queue_board
from callcenter.supervision.follow_up import call_back, missed_calls, overdue_callbacks, sla_watch
from callcenter.work import service_requests as srs
from callcenter.work.callbacks import NewCallback, reassign_callback, schedule_callback
from callcenter.work.service_requests import NewServiceRequest
from db.enums import Channel, Direction
from db.models import AgentPresence, Interaction, Queue
from tests.callcenter.conftest import People, as_actor

DAY = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
NOW = DAY + dt.timedelta(hours=12)


def at(hh: int, mm: int, ss: int = 0) -> dt.datetime:
    return DAY + dt.timedelta(hours=hh, minutes=mm, seconds=ss)


def call(
    queue: object,
    agent: object,
    offered: dt.datetime,
    answered: dt.datetime | None,
    ended: dt.datetime | None,
    *,
    waited: int | None = None,
    direction: Direction = Direction.INBOUND,
) -> Interaction:
    return Interaction(
        channel=Channel.PHONE,
        direction=direction,
        queue_id=queue,
        agent_id=agent,
        offered_at=offered,
        answered_at=answered,
        ended_at=ended,
        queue_wait_seconds=waited,
    )


@pytest.fixture
def day(ctx: ServiceContext, people: People) -> People:
    ann, bob, sue = people.agent.user_id, people.other_agent.user_id, people.supervisor.user_id
    support = people.queue_id
    with ctx.sessions.begin() as s:
        sales = Queue(
            name="sales",
            display_name="Sales",
            service_level_seconds=30,
            service_level_target_percent=90,
        )
        s.add(sales)
        s.flush()
        s.add_all(
            [
                call(support, ann, at(9, 0), at(9, 0, 10), at(9, 5, 10)),
                call(support, ann, at(9, 10), at(9, 10, 25), at(9, 12, 25)),
                call(support, None, at(9, 20), None, at(9, 20, 40)),
                call(support, bob, at(9, 30), at(9, 30, 10), at(9, 40, 10), waited=15),
                call(sales.id, bob, at(10, 0), at(10, 0, 28), at(10, 2, 28)),
                # Not today's inbound calls: yesterday's, and an outbound one.
                call(support, ann, at(-1, 59), at(-1, 59, 5), at(0, 1)),
                call(None, ann, at(11, 0), at(11, 0, 5), at(11, 1), direction=Direction.OUTBOUND),
                AgentPresence(
                    user_id=ann,
                    desk="ann@desk1",
                    state="ringing",
                    state_since=at(11, 59, 30),
                    call_id="c-9",
                    call_caller="+442079460958",
                    call_queue_id=support,
                    call_offered_at=at(11, 59, 30),
                    call_waited_seconds=5,
                    heartbeat_at=at(11, 59, 58),
                ),
                AgentPresence(
                    user_id=bob,
                    desk="bob@desk2",
                    state="on_call",
                    state_since=at(11, 58),
                    call_id="c-8",
                    call_caller="Wang Fang",
                    call_queue_id=sales.id,
                    call_offered_at=at(11, 57, 50),
                    call_answered_at=at(11, 58),
                    heartbeat_at=at(11, 59, 59),
                ),
                AgentPresence(
                    user_id=sue,
                    desk="sue@desk3",
                    state="ready",
                    state_since=at(11, 0),
                    heartbeat_at=at(11, 50),  # stopped ten minutes ago
                ),
            ]
        )
    return people


def seconds(value: dt.timedelta | None) -> float | None:
    return None if value is None else value.total_seconds()


def test_queue_board_matches_the_hand_computed_day(ctx: ServiceContext, day: People) -> None:
    sue = as_actor(ctx, day.supervisor)
    rows = {r.name: r for r in queue_board(sue, DAY, NOW, NOW)}
    support, sales, total = rows["Support"], rows["Sales"], rows["All queues"]
    assert (support.offered, support.answered, support.abandoned) == (4, 3, 1)
    assert support.service_level == 25.0  # only the 10 s answer is within 20 s
    assert (seconds(support.asa), seconds(support.aht)) == (20.0, 340.0)
    assert support.target == "80/20"
    assert (support.ringing_now, seconds(support.longest_wait)) == (1, 35.0)
    assert (sales.offered, sales.answered, sales.service_level, sales.target) == (
        1,
        1,
        100.0,
        "90/30",
    )
    assert (seconds(sales.asa), seconds(sales.aht), sales.ringing_now) == (28.0, 120.0, 0)
    assert (total.offered, total.answered, total.abandoned) == (5, 4, 1)
    assert total.service_level == 40.0  # each call against its own queue's threshold
    assert (seconds(total.asa), seconds(total.aht)) == (22.0, 285.0)


def test_a_chosen_interval(ctx: ServiceContext, day: People) -> None:
    rows = queue_board(as_actor(ctx, day.supervisor), at(9, 15), at(9, 45), NOW)
    support = next(r for r in rows if r.name == "Support")
    assert (support.offered, support.answered, support.abandoned) == (2, 1, 1)


def test_agent_board_shows_state_call_and_todays_work(ctx: ServiceContext, day: People) -> None:
    rows = {r.username: r for r in agent_board(as_actor(ctx, day.supervisor), NOW, DAY)}
    ann, bob, sue = rows["ann"], rows["bob"], rows["sue"]
    assert (ann.state, seconds(ann.in_state), ann.call_queue) == ("ringing", 30.0, "Support")
    assert (ann.handled_today, seconds(ann.aht_today)) == (2, 210.0)
    assert (bob.state, bob.call_caller, seconds(bob.call_duration)) == (
        "on_call",
        "Wang Fang",
        120.0,
    )
    assert (bob.handled_today, seconds(bob.aht_today)) == (2, 360.0)
    assert (sue.state, sue.handled_today, sue.aht_today) == ("offline", 0, None)


def test_only_supervisors_watch(ctx: ServiceContext, day: People) -> None:
    with pytest.raises(PermissionDeniedError):
        queue_board(as_actor(ctx, day.agent), DAY, NOW, NOW)
    with pytest.raises(PermissionDeniedError):
        agent_board(as_actor(ctx, day.agent), NOW, DAY)


def test_missed_calls_become_callbacks_in_one_step(ctx: ServiceContext, day: People) -> None:
    sue = as_actor(ctx, day.supervisor)
    with ctx.sessions.begin() as s:
        missed = s.get_one(
            Interaction,
            s.scalars(select(Interaction.id).where(Interaction.answered_at.is_(None))).one(),
        )
        missed.caller_number = "+442079460958"
    (follow,) = missed_calls(sue, DAY)
    assert (follow.caller_number, follow.queue_name) == ("+442079460958", "Support")
    made = call_back(sue, follow, NOW)
    assert (made.owner_queue_id, made.phone_number) == (day.queue_id, "+442079460958")
    assert made.reason.startswith("Missed call at")
    assert missed_calls(sue, DAY) == []  # called back: off the list


def test_overdue_callbacks_and_sla_watch(ctx: ServiceContext, day: People) -> None:
    sue = as_actor(ctx, day.supervisor)
    ann = as_actor(ctx, day.agent)
    late = schedule_callback(
        ann,
        NewCallback(
            "+442079460958",
            NOW - dt.timedelta(hours=3),
            NOW - dt.timedelta(hours=1),
            "Refund",
            owner_user_id=day.agent.user_id,
        ),
    )
    schedule_callback(
        ann,
        NewCallback(
            "+442079460959",
            NOW,
            NOW + dt.timedelta(hours=1),
            "Later",
            owner_user_id=day.agent.user_id,
        ),
    )
    assert [c.id for c in overdue_callbacks(sue, NOW)] == [late.id]
    moved = reassign_callback(sue, late.id, late.version, owner_user_id=day.other_agent.user_id)
    assert moved.owner_user_id == day.other_agent.user_id
    with pytest.raises(PermissionDeniedError):
        reassign_callback(ann, late.id, moved.version, owner_queue_id=day.queue_id)
    soon = srs.create_service_request(ann, NewServiceRequest("Router dead", "technical"))
    srs.create_service_request(ann, NewServiceRequest("Invoice copy", "billing"))
    watched = sla_watch(sue, soon.opened_at + dt.timedelta(hours=6), within=dt.timedelta(hours=4))
    assert [r.id for r in watched] == [soon.id]  # technical: 8 h SLA; billing: 24 h


def test_half_hours_of_the_day_for_the_charts(ctx: ServiceContext, day: People) -> None:
    rows = intervals(as_actor(ctx, day.supervisor), at(9, 0), at(10, 30), dt.timedelta(minutes=30))
    assert [(r.start, r.offered, r.answered, r.service_level) for r in rows] == [
        (at(9, 0), 3, 2, pytest.approx(100 / 3)),  # 9:00 in 10 s; 9:10 in 25 s; 9:20 abandoned
        (at(9, 30), 1, 1, 0.0),  # waited 15 s before the offer: 25 s > 20 s
        (at(10, 0), 1, 1, 100.0),  # sales: 28 s within its 30 s
    ]
