"""The store's sums for the boards against the definitions worked out in Python, call by call,
on a day of many random calls: waits landing exactly on (and a microsecond either side of)
each queue's threshold, calls in no queue and in a removed queue, unfinished calls, and calls
that must not count (yesterday's, outbound, e-mail, deleted)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

import pytest

from callcenter.platform.context import ServiceContext
from callcenter.supervision.boards import (
    DEFAULT_THRESHOLD_S,
    agent_board,
    boards,
    intervals,
    queue_board,
)
from callcenter.supervision.follow_up import missed_calls
from db.enums import Channel, Direction
from db.models import Interaction, Queue
from tests.callcenter.conftest import People, as_actor

DAY = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
NOW = DAY + dt.timedelta(hours=12, minutes=7, microseconds=250_001)
STEP = dt.timedelta(minutes=30)
US = dt.timedelta(microseconds=1)


@dataclass(frozen=True)
class Call:
    queue_id: uuid.UUID | None
    agent_id: uuid.UUID | None
    offered: dt.datetime
    answered: dt.datetime | None
    ended: dt.datetime | None
    waited_before: int | None
    caller: str | None
    counts: bool  # an inbound phone call, not deleted

    @property
    def wait(self) -> dt.timedelta | None:
        until = self.answered or self.ended
        if until is None:
            return None
        return until - self.offered + dt.timedelta(seconds=self.waited_before or 0)

    @property
    def talk(self) -> dt.timedelta | None:
        return self.ended - self.answered if self.answered and self.ended else None


def random_calls(
    rng: random.Random, queues: dict[uuid.UUID | None, int], agents: list[uuid.UUID | None]
) -> list[Call]:
    calls = []
    for n in range(600):
        queue_id = rng.choice(list(queues))
        threshold = dt.timedelta(seconds=queues[queue_id])
        offered = DAY + rng.uniform(-0.1, 1.0) * (NOW - DAY)
        offered = offered.replace(microsecond=rng.randrange(1_000_000))
        waited_before = rng.choice([None, 0, 3, 15])
        # Right on the threshold (with the phone system's wait), a microsecond either side,
        # or anything up to a minute.
        wait = rng.choice(
            [
                threshold
                - dt.timedelta(seconds=waited_before or 0)
                + rng.choice([-US, 0 * US, US]),
                rng.uniform(0, 60) * dt.timedelta(seconds=1),
            ]
        )
        answered = offered + max(wait, 0 * US) if rng.random() < 0.75 else None
        ended = (answered or offered) + rng.uniform(1, 900) * dt.timedelta(seconds=1)
        calls.append(
            Call(
                queue_id=queue_id,
                agent_id=rng.choice(agents) if answered else None,
                offered=offered,
                answered=answered,
                ended=ended if rng.random() < 0.9 else None,
                waited_before=waited_before,
                caller=f"+4420794{n:05d}" if rng.random() < 0.8 else None,
                counts=n % 17 != 0,
            )
        )
    return calls


def interaction(call: Call, n: int) -> Interaction:
    """The call as stored; one that must not count is an e-mail, outbound, or deleted."""
    return Interaction(
        channel=Channel.EMAIL if not call.counts and n % 3 == 2 else Channel.PHONE,
        direction=Direction.OUTBOUND if not call.counts and n % 3 == 1 else Direction.INBOUND,
        deleted=not call.counts and n % 3 == 0,
        queue_id=call.queue_id,
        agent_id=call.agent_id,
        caller_number=call.caller,
        offered_at=call.offered,
        answered_at=call.answered,
        ended_at=call.ended,
        queue_wait_seconds=call.waited_before,
    )


def mean(items: list[dt.timedelta]) -> dt.timedelta | None:
    return sum(items, dt.timedelta()) / len(items) if items else None


def close(got: dt.timedelta | None, want: dt.timedelta | None) -> bool:
    """Means agree to the microsecond (the store's is a float division of its sum)."""
    if got is None or want is None:
        return got is want
    return abs(got - want) <= US


def figures(
    calls: list[Call], thresholds: dict[uuid.UUID | None, int]
) -> tuple[int, int, int, float | None, dt.timedelta | None, dt.timedelta | None]:
    answered = [c for c in calls if c.answered is not None]
    in_time = [
        c
        for c in answered
        if c.wait is not None and c.wait <= dt.timedelta(seconds=thresholds[c.queue_id])
    ]
    return (
        len(calls),
        len(answered),
        len([c for c in calls if c.answered is None and c.ended is not None]),
        100 * len(in_time) / len(calls) if calls else None,
        mean([c.wait for c in answered if c.wait is not None]),
        mean([c.talk for c in answered if c.talk is not None]),
    )


@pytest.fixture
def busy_day(ctx: ServiceContext, people: People) -> tuple[list[Call], dict[uuid.UUID | None, int]]:
    with ctx.sessions.begin() as s:
        sales = Queue(name="sales", display_name="Sales", service_level_seconds=30)
        gone = Queue(name="old", display_name="Old", service_level_seconds=15, deleted=True)
        s.add_all([sales, gone])
        s.flush()
        support = people.queue_id
        assert isinstance(support, uuid.UUID)
        queues: dict[uuid.UUID | None, int] = {
            support: 20,
            sales.id: 30,
            gone.id: 15,
            None: DEFAULT_THRESHOLD_S,
        }
        agents = [people.agent.user_id, people.other_agent.user_id, None]
        calls = random_calls(random.Random(20261123), queues, agents)
        s.add_all([interaction(call, n) for n, call in enumerate(calls)])
    return calls, queues


def today(calls: list[Call], start: dt.datetime, end: dt.datetime) -> list[Call]:
    return [c for c in calls if c.counts and start <= c.offered < end]


def test_queue_board_sums_match_the_definitions(
    ctx: ServiceContext, people: People, busy_day: tuple[list[Call], dict[uuid.UUID | None, int]]
) -> None:
    calls, thresholds = busy_day
    sue = as_actor(ctx, people.supervisor)
    for start, end in ((DAY, NOW), (DAY + dt.timedelta(hours=3, microseconds=7), NOW - STEP)):
        chosen = today(calls, start, end)
        rows = queue_board(sue, start, end, NOW)
        assert [r.name for r in rows] == ["Sales", "Support", "All queues"]
        for row in rows:
            mine = [c for c in chosen if row.queue_id is None or c.queue_id == row.queue_id]
            want = figures(mine, thresholds)
            got = (row.offered, row.answered, row.abandoned, row.service_level, row.asa, row.aht)
            assert got[:4] == want[:4], row.name
            assert close(got[4], want[4]) and close(got[5], want[5]), row.name


def test_chart_and_agent_sums_match_the_definitions(
    ctx: ServiceContext, people: People, busy_day: tuple[list[Call], dict[uuid.UUID | None, int]]
) -> None:
    calls, thresholds = busy_day
    sue = as_actor(ctx, people.supervisor)
    rows = intervals(sue, DAY, NOW, STEP)
    assert len(rows) == 25  # 12 h 7 min: the last half hour is under way
    for row in rows:
        offered, answered, _, level, _, _ = figures(
            today(calls, row.start, min(row.start + STEP, NOW)), thresholds
        )
        assert (row.offered, row.answered, row.service_level) == (offered, answered, level)
    for agent in agent_board(sue, NOW, DAY):
        talks = [
            c.talk
            for c in today(calls, DAY, NOW)
            if c.agent_id == agent.user_id and c.talk is not None
        ]
        assert agent.handled_today == len(talks)
        assert close(agent.aht_today, mean(talks))


def test_one_refresh_is_the_boards_read_one_by_one(
    ctx: ServiceContext, people: People, busy_day: tuple[list[Call], dict[uuid.UUID | None, int]]
) -> None:
    calls, _ = busy_day
    sue = as_actor(ctx, people.supervisor)
    refresh = boards(sue, NOW, DAY, NOW)
    assert refresh.queues == queue_board(sue, DAY, NOW, NOW)
    assert refresh.agents == agent_board(sue, NOW, DAY)
    assert refresh.day == intervals(sue, DAY, NOW, STEP)
    assert refresh.missed == missed_calls(sue, DAY)
    unanswered = sorted(
        (c for c in today(calls, DAY, NOW + STEP) if c.answered is None and c.caller),
        key=lambda c: c.offered,
        reverse=True,
    )
    assert [(m.offered_at, m.waited) for m in refresh.missed] == [
        (c.offered, c.ended - c.offered if c.ended else None) for c in unanswered
    ]
    other = boards(sue, NOW, DAY + STEP, NOW - STEP)
    assert other.queues == queue_board(sue, DAY + STEP, NOW - STEP, NOW)
    assert other.day == refresh.day
