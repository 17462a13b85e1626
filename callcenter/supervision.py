"""The supervisor's live view: agents and queues, computed from the shared store.

Definitions (the ones contact centers use; each is tested against a hand-computed day):
- offered: inbound phone calls offered in the interval (by the time they were offered);
- answered: offered calls an agent answered; abandoned: offered calls that ended unanswered
  (the caller hung up while ringing or waiting);
- wait: from the offer to the answer (or the hang-up), plus the time the caller had already
  waited in the phone system's queue when it says so (``queue_wait_seconds``);
- service level: answered within the queue's threshold T, as a share of offered (T per queue,
  default 20 s; the target, e.g. 80/20, is shown beside it);
- ASA: mean wait of answered calls; AHT: mean talk time (answer to end) of answered calls;
- longest current wait and calls ringing now: from the desks' presence (calls ringing on a
  desk whose heartbeat is fresh).
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, and_, case, cast, func, literal, select
from sqlalchemy.orm import InstrumentedAttribute

from callcenter.context import ServiceContext
from callcenter.follow_up import MissedCall, missed_calls, overdue_callbacks, sla_watch
from callcenter.permissions import Action, require
from callcenter.presence import OFFLINE_AFTER
from callcenter.records import CallbackView, ServiceRequestView
from db.enums import Channel, Direction, Role
from db.epoch import MICROSECOND, elapsed_us
from db.models import AgentPresence, Interaction, Queue, User
from db.types import UTCDateTime

RINGING = "ringing"
OFFLINE = "offline"
DEFAULT_THRESHOLD_S = 20
DEFAULT_TARGET_PERCENT = 80
CHART_STEP = dt.timedelta(minutes=30)
SECOND_US = 1_000_000


@dataclass(frozen=True)
class AgentRow:
    user_id: uuid.UUID
    username: str
    display_name: str
    state: str
    reason: str | None
    in_state: dt.timedelta | None
    call_caller: str | None
    call_queue: str | None
    call_duration: dt.timedelta | None
    handled_today: int
    aht_today: dt.timedelta | None
    heartbeat_at: dt.datetime | None


@dataclass(frozen=True)
class QueueRow:
    queue_id: uuid.UUID | None
    name: str
    offered: int
    answered: int
    abandoned: int
    service_level: float | None
    threshold_s: int
    target_percent: int
    asa: dt.timedelta | None
    aht: dt.timedelta | None
    longest_wait: dt.timedelta | None
    ringing_now: int

    @property
    def target(self) -> str:
        return f"{self.target_percent}/{self.threshold_s}"


_I = Interaction
# Waits and talk times in microseconds (``db.epoch``): the wait of an answered call (NULL for
# the others) includes what the phone system says the caller waited before the offer.
_WAIT_US = (
    elapsed_us(_I.answered_at, _I.offered_at)
    + cast(func.coalesce(_I.queue_wait_seconds, 0), BigInteger) * SECOND_US
)
_TALK_US = elapsed_us(_I.ended_at, _I.answered_at)
_THRESHOLD_US = (
    cast(func.coalesce(Queue.service_level_seconds, DEFAULT_THRESHOLD_S), BigInteger) * SECOND_US
)
_TALLY = (
    func.count(),
    func.count(_I.answered_at),
    func.count(case((and_(_I.answered_at.is_(None), _I.ended_at.is_not(None)), 1))),
    func.count(case((_WAIT_US <= _THRESHOLD_US, 1))),
    func.sum(_WAIT_US),
    func.count(_TALK_US),
    func.sum(_TALK_US),
)


def _offered(start: dt.datetime, end: dt.datetime) -> ColumnElement[bool]:
    """Inbound phone calls offered ``start``..``end`` (a range of the offered_at index)."""
    return and_(
        _I.offered_at >= start,
        _I.offered_at < end,
        _I.direction == Direction.INBOUND,
        _I.channel == Channel.PHONE,
        _I.deleted.is_(False),
    )


@dataclass(frozen=True, slots=True)
class _Tally:
    """Some offered calls added up by the store; waits and talk times in microseconds."""

    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    in_time: int = 0
    wait_us: int = 0
    talks: int = 0
    talk_us: int = 0

    @classmethod
    def of(cls, figures: Iterable[Any]) -> _Tally:
        # Sums are NULL over no rows, and numeric (Decimal) on PostgreSQL.
        return cls(*(int(figure or 0) for figure in figures))

    def __add__(self, other: _Tally) -> _Tally:
        return _Tally(
            self.offered + other.offered,
            self.answered + other.answered,
            self.abandoned + other.abandoned,
            self.in_time + other.in_time,
            self.wait_us + other.wait_us,
            self.talks + other.talks,
            self.talk_us + other.talk_us,
        )


def _mean(total_us: int, count: int) -> dt.timedelta | None:
    return dt.timedelta(microseconds=total_us / count) if count else None


_Key = ColumnElement[Any] | InstrumentedAttribute[Any]


def _tallies(
    ctx: ServiceContext, start: dt.datetime, end: dt.datetime, *keys: _Key
) -> list[tuple[Any, ...]]:
    """The calls offered ``start``..``end`` added up per ``keys``: each row the keys, then
    their ``_Tally``. Every call is measured against its own queue's threshold."""
    query = (
        select(*keys, *_TALLY)
        .select_from(_I)
        .outerjoin(Queue, Queue.id == _I.queue_id)
        .where(_offered(start, end))
        .group_by(*keys)
    )
    with ctx.sessions() as session:
        return [(*row[: len(keys)], _Tally.of(row[len(keys) :])) for row in session.execute(query)]


def _per_queue(tallies: Iterable[tuple[Any, ...]]) -> dict[uuid.UUID | None, _Tally]:
    """Tallies whose first key is the queue, added up per queue."""
    queues: dict[uuid.UUID | None, _Tally] = {}
    for queue_id, *_, tally in tallies:
        queues[queue_id] = queues.get(queue_id, _Tally()) + tally
    return queues


def _handled(
    ctx: ServiceContext, start: dt.datetime, end: dt.datetime
) -> dict[uuid.UUID | None, tuple[int, int]]:
    """Per agent: the calls offered ``start``..``end`` they answered and finished, and the sum
    of those talk times in microseconds."""
    query = (
        select(_I.agent_id, func.count(), func.sum(_TALK_US))
        .where(
            _offered(start, end),
            _I.agent_id.is_not(None),
            _I.answered_at.is_not(None),
            _I.ended_at.is_not(None),
        )
        .group_by(_I.agent_id)
    )
    with ctx.sessions() as session:
        return {agent: (count, int(total)) for agent, count, total in session.execute(query)}


@dataclass(frozen=True)
class _Facts:
    """What one refresh reads besides the calls: plain rows, not ORM objects (500 agents'
    presence as entities cost more than every query together)."""

    people: list[Any]
    queues: list[Any]
    live: list[Any]


def _facts(ctx: ServiceContext, now: dt.datetime) -> _Facts:
    """People, queues and live presence at ``now``."""
    with ctx.sessions() as session:
        people = session.execute(
            select(User.id, User.username, User.display_name)
            .where(
                User.active.is_(True),
                User.deleted.is_(False),
                User.role.in_((Role.AGENT, Role.SUPERVISOR)),
            )
            .order_by(User.display_name)
        ).all()
        queues = session.execute(
            select(
                Queue.id,
                Queue.display_name,
                Queue.service_level_seconds,
                Queue.service_level_target_percent,
            )
            .where(Queue.deleted.is_(False))
            .order_by(Queue.display_name)
        ).all()
        presence = AgentPresence.__table__
        live = session.execute(
            select(presence).where(presence.c.heartbeat_at >= now - OFFLINE_AFTER)
        ).all()
    return _Facts(list(people), list(queues), list(live))


def agent_board(ctx: ServiceContext, now: dt.datetime, day_start: dt.datetime) -> list[AgentRow]:
    """Every active agent and supervisor: state, time in it, current call, today's work."""
    require(ctx, Action.SUPERVISE)
    return _agents(_facts(ctx, now), _handled(ctx, day_start, now), now)


def _agents(
    facts: _Facts, handled: dict[uuid.UUID | None, tuple[int, int]], now: dt.datetime
) -> list[AgentRow]:
    queue_names = {q.id: q.display_name for q in facts.queues}
    live = {p.user_id: p for p in facts.live}
    rows = []
    for person in facts.people:
        p = live.get(person.id)
        count, talk_us = handled.get(person.id, (0, 0))
        started = (p.call_answered_at or p.call_offered_at) if p else None
        rows.append(
            AgentRow(
                user_id=person.id,
                username=person.username,
                display_name=person.display_name,
                state=p.state if p else OFFLINE,
                reason=p.reason_code if p else None,
                in_state=now - p.state_since if p else None,
                call_caller=p.call_caller if p else None,
                call_queue=queue_names.get(p.call_queue_id) if p and p.call_queue_id else None,
                call_duration=now - started if started else None,
                handled_today=count,
                aht_today=_mean(talk_us, count),
                heartbeat_at=p.heartbeat_at if p else None,
            )
        )
    return rows


def _queue_row(queue: Any, tally: _Tally, ringing: list[Any], now: dt.datetime) -> QueueRow:
    """One line of the queue board: a queue, or all of them (``queue`` None)."""
    waits = [
        now - p.call_offered_at + dt.timedelta(seconds=p.call_waited_seconds or 0)
        for p in ringing
        if p.call_offered_at is not None
    ]
    return QueueRow(
        queue_id=queue.id if queue else None,
        name=queue.display_name if queue else "All queues",
        offered=tally.offered,
        answered=tally.answered,
        abandoned=tally.abandoned,
        service_level=_service_level(tally),
        threshold_s=queue.service_level_seconds if queue else DEFAULT_THRESHOLD_S,
        target_percent=queue.service_level_target_percent if queue else DEFAULT_TARGET_PERCENT,
        asa=_mean(tally.wait_us, tally.answered),
        aht=_mean(tally.talk_us, tally.talks),
        longest_wait=max(waits, default=None),
        ringing_now=len(ringing),
    )


def _service_level(tally: _Tally) -> float | None:
    return 100 * tally.in_time / tally.offered if tally.offered else None


def queue_board(
    ctx: ServiceContext, start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> list[QueueRow]:
    """Each queue over ``start``..``end``, then all queues together."""
    require(ctx, Action.SUPERVISE)
    facts = _facts(ctx, now)
    return _queues(facts, _per_queue(_tallies(ctx, start, end, _I.queue_id)), now)


def _queues(
    facts: _Facts, tallies: dict[uuid.UUID | None, _Tally], now: dt.datetime
) -> list[QueueRow]:
    """A line per queue shown, then one of every call (no queue's, a removed queue's too)."""
    ringing = [p for p in facts.live if p.state == RINGING]
    rows = [
        _queue_row(
            queue,
            tallies.get(queue.id, _Tally()),
            [p for p in ringing if p.call_queue_id == queue.id],
            now,
        )
        for queue in facts.queues
    ]
    rows.append(_queue_row(None, sum(tallies.values(), _Tally()), ringing, now))
    return rows


@dataclass(frozen=True)
class IntervalRow:
    """Calls offered in one slice of the day, for the charts."""

    start: dt.datetime
    offered: int
    answered: int
    service_level: float | None


def _slot(start: dt.datetime, step: dt.timedelta) -> ColumnElement[int]:
    """Which ``step`` after ``start`` a call was offered in (0 for the first)."""
    return elapsed_us(_I.offered_at, literal(start, UTCDateTime())) // (step // MICROSECOND)


def intervals(
    ctx: ServiceContext, start: dt.datetime, end: dt.datetime, step: dt.timedelta
) -> list[IntervalRow]:
    """Offered, answered and service level per ``step`` from ``start`` to ``end``."""
    require(ctx, Action.SUPERVISE)
    return _intervals(_tallies(ctx, start, end, _slot(start, step)), start, end, step)


def _intervals(
    tallies: Iterable[tuple[Any, ...]], start: dt.datetime, end: dt.datetime, step: dt.timedelta
) -> list[IntervalRow]:
    """Tallies whose last key is the slot, as one row per slot ``start``..``end``."""
    slots: dict[int, _Tally] = {}
    for *_, slot, tally in tallies:
        slots[slot] = slots.get(slot, _Tally()) + tally
    rows = []
    for index in range(max(1, math.ceil((end - start) / step))):
        tally = slots.get(index, _Tally())
        rows.append(
            IntervalRow(start + index * step, tally.offered, tally.answered, _service_level(tally))
        )
    return rows


@dataclass(frozen=True)
class Boards:
    """One refresh of the supervisor's view."""

    agents: list[AgentRow]
    queues: list[QueueRow]
    missed: list[MissedCall]
    overdue: list[CallbackView]
    sla: list[ServiceRequestView]
    day: list[IntervalRow]
    at: dt.datetime


def boards(ctx: ServiceContext, now: dt.datetime, start: dt.datetime, end: dt.datetime) -> Boards:
    """Everything at ``now``: queues over ``start``..``end``; agents' work and missed calls
    since midnight UTC; overdue callbacks; requests past or near their SLA."""
    require(ctx, Action.SUPERVISE)
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    with ctx.one_connection() as one:
        facts = _facts(one, now)
        # Per queue and half hour: the chart, and (summed per queue) the day's queue board.
        day = _tallies(one, day_start, now, _I.queue_id, _slot(day_start, CHART_STEP))
        chosen = day if (start, end) == (day_start, now) else _tallies(one, start, end, _I.queue_id)
        handled = _handled(one, day_start, now)
        missed = missed_calls(one, day_start)
        overdue = overdue_callbacks(one, now)
        sla = sla_watch(one, now)
    return Boards(
        agents=_agents(facts, handled, now),
        queues=_queues(facts, _per_queue(chosen), now),
        missed=missed,
        overdue=overdue,
        sla=sla,
        day=_intervals(day, day_start, now, CHART_STEP),
        at=now,
    )
