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

from sqlalchemy import select

from callcenter.context import ServiceContext
from callcenter.follow_up import MissedCall, missed_calls, overdue_callbacks, sla_watch
from callcenter.permissions import Action, require
from callcenter.presence import OFFLINE_AFTER
from callcenter.records import CallbackView, ServiceRequestView
from db.enums import Channel, Direction, Role
from db.epoch import epoch
from db.models import AgentPresence, Interaction, Queue, User

RINGING = "ringing"
OFFLINE = "offline"
DEFAULT_THRESHOLD_S = 20
DEFAULT_TARGET_PERCENT = 80
CHART_STEP = dt.timedelta(minutes=30)


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


@dataclass(frozen=True, slots=True)
class _Call:
    """One offered call, its wait and talk worked out once, in seconds (``db.epoch``)."""

    queue_id: uuid.UUID | None
    agent_id: uuid.UUID | None
    offered: float
    answered: float | None
    ended: float | None
    wait: float | None
    talk: float | None

    @classmethod
    def of(cls, row: Any) -> _Call:
        queue_id, agent_id, offered, answered, ended, waited_before = row
        until = answered if answered is not None else ended
        wait = None if until is None else until - offered + (waited_before or 0)
        talk = None if answered is None or ended is None else ended - answered
        return cls(queue_id, agent_id, offered, answered, ended, wait, talk)


def _mean(seconds: Iterable[float]) -> dt.timedelta | None:
    items = list(seconds)
    return dt.timedelta(seconds=sum(items) / len(items)) if items else None


def _calls(ctx: ServiceContext, start: dt.datetime, end: dt.datetime) -> list[_Call]:
    i = Interaction
    query = select(
        i.queue_id,
        i.agent_id,
        epoch(i.offered_at),
        epoch(i.answered_at),
        epoch(i.ended_at),
        i.queue_wait_seconds,
    ).where(
        i.offered_at >= start,
        i.offered_at < end,
        i.direction == Direction.INBOUND,
        i.channel == Channel.PHONE,
        i.deleted.is_(False),
    )
    with ctx.sessions() as session:
        return [_Call.of(row) for row in session.execute(query)]


@dataclass(frozen=True)
class _Facts:
    """What one refresh reads, read once: plain rows, not ORM objects (500 agents' presence
    as entities cost more than every query together)."""

    people: list[Any]
    queues: list[Any]
    live: list[Any]
    calls: list[_Call]


def _facts(
    ctx: ServiceContext, now: dt.datetime, start: dt.datetime, end: dt.datetime | None = None
) -> _Facts:
    """People, queues, live presence at ``now``, and the calls offered ``start``..``end``
    (``now`` when not given)."""
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
    return _Facts(list(people), list(queues), list(live), _calls(ctx, start, end or now))


def agent_board(ctx: ServiceContext, now: dt.datetime, day_start: dt.datetime) -> list[AgentRow]:
    """Every active agent and supervisor: state, time in it, current call, today's work."""
    require(ctx, Action.SUPERVISE)
    return _agents(_facts(ctx, now, day_start), now)


def _agents(facts: _Facts, now: dt.datetime) -> list[AgentRow]:
    queue_names = {q.id: q.display_name for q in facts.queues}
    live = {p.user_id: p for p in facts.live}
    handled: dict[uuid.UUID, list[float]] = {}
    for call in facts.calls:
        if call.agent_id is not None and call.talk is not None:
            handled.setdefault(call.agent_id, []).append(call.talk)
    rows = []
    for person in facts.people:
        p = live.get(person.id)
        talks = handled.get(person.id, [])
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
                handled_today=len(talks),
                aht_today=_mean(talks),
                heartbeat_at=p.heartbeat_at if p else None,
            )
        )
    return rows


@dataclass(frozen=True)
class _Scope:
    """One line of the queue board: a queue, or all of them (``queue`` None)."""

    queue: Any
    thresholds: dict[uuid.UUID, int]

    def threshold_for(self, call: _Call) -> float:
        if self.queue is not None:
            return float(self.queue.service_level_seconds)
        if call.queue_id is None:
            return DEFAULT_THRESHOLD_S
        return float(self.thresholds.get(call.queue_id, DEFAULT_THRESHOLD_S))


def _queue_row(scope: _Scope, calls: list[_Call], ringing: list[Any], now: dt.datetime) -> QueueRow:
    queue = scope.queue
    answered = [c for c in calls if c.answered is not None]
    abandoned = [c for c in calls if c.answered is None and c.ended is not None]
    in_time = [c for c in answered if c.wait is not None and c.wait <= scope.threshold_for(c)]
    waits = [
        now - p.call_offered_at + dt.timedelta(seconds=p.call_waited_seconds or 0)
        for p in ringing
        if p.call_offered_at is not None
    ]
    return QueueRow(
        queue_id=queue.id if queue else None,
        name=queue.display_name if queue else "All queues",
        offered=len(calls),
        answered=len(answered),
        abandoned=len(abandoned),
        service_level=100 * len(in_time) / len(calls) if calls else None,
        threshold_s=queue.service_level_seconds if queue else DEFAULT_THRESHOLD_S,
        target_percent=queue.service_level_target_percent if queue else DEFAULT_TARGET_PERCENT,
        asa=_mean(c.wait for c in answered if c.wait is not None),
        aht=_mean(c.talk for c in answered if c.talk is not None),
        longest_wait=max(waits, default=None),
        ringing_now=len(ringing),
    )


def queue_board(
    ctx: ServiceContext, start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> list[QueueRow]:
    """Each queue over ``start``..``end``, then all queues together."""
    require(ctx, Action.SUPERVISE)
    facts = _facts(ctx, now, start, end)
    return _queues(facts, facts.calls, now)


def _queues(facts: _Facts, calls: list[_Call], now: dt.datetime) -> list[QueueRow]:
    ringing = [p for p in facts.live if p.state == RINGING]
    thresholds = {q.id: q.service_level_seconds for q in facts.queues}
    by_queue: dict[uuid.UUID | None, list[_Call]] = {}
    for call in calls:
        by_queue.setdefault(call.queue_id, []).append(call)
    rows = [
        _queue_row(
            _Scope(queue, thresholds),
            by_queue.get(queue.id, []),
            [p for p in ringing if p.call_queue_id == queue.id],
            now,
        )
        for queue in facts.queues
    ]
    rows.append(_queue_row(_Scope(None, thresholds), calls, ringing, now))
    return rows


@dataclass(frozen=True)
class IntervalRow:
    """Calls offered in one slice of the day, for the charts."""

    start: dt.datetime
    offered: int
    answered: int
    service_level: float | None


def intervals(
    ctx: ServiceContext, start: dt.datetime, end: dt.datetime, step: dt.timedelta
) -> list[IntervalRow]:
    """Offered, answered and service level per ``step`` from ``start`` to ``end``."""
    require(ctx, Action.SUPERVISE)
    with ctx.sessions() as session:
        thresholds = dict(session.execute(select(Queue.id, Queue.service_level_seconds)).all())
    return _intervals(thresholds, _calls(ctx, start, end), start, end, step)


def _intervals(
    thresholds: dict[uuid.UUID, int],
    calls: list[_Call],
    start: dt.datetime,
    end: dt.datetime,
    step: dt.timedelta,
) -> list[IntervalRow]:
    scope = _Scope(None, thresholds)
    slots: dict[int, list[_Call]] = {}
    for call in calls:
        slot = int((call.offered - start.timestamp()) // step.total_seconds())
        slots.setdefault(slot, []).append(call)
    rows = []
    for index in range(max(1, math.ceil((end - start) / step))):
        calls = slots.get(index, [])
        row = _queue_row(scope, calls, [], end)
        rows.append(IntervalRow(start + index * step, row.offered, row.answered, row.service_level))
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
        facts = _facts(one, now, day_start)
        calls = facts.calls if (start, end) == (day_start, now) else _calls(one, start, end)
        missed = missed_calls(one, day_start)
        overdue = overdue_callbacks(one, now)
        sla = sla_watch(one, now)
    thresholds = {q.id: q.service_level_seconds for q in facts.queues}
    return Boards(
        agents=_agents(facts, now),
        queues=_queues(facts, calls, now),
        missed=missed,
        overdue=overdue,
        sla=sla,
        day=_intervals(thresholds, facts.calls, day_start, now, CHART_STEP),
        at=now,
    )
