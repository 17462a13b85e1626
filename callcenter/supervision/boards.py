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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, and_, case, cast, func, literal, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from callcenter.platform.context import ServiceContext
from callcenter.platform.language import words
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import CallbackView, ServiceRequestView
from callcenter.presence.heartbeat import OFFLINE_AFTER
from callcenter.supervision.follow_up import (
    MissedCall,
    read_missed_calls,
    read_names,
    read_overdue_callbacks,
    read_sla_watch,
)
from callcenter.supervision.held_back import HeldBack, read_held_back
from db.activity_ddl import HELD_BACK_S
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
_P = AgentPresence.__table__.c
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


def _total(figure: ColumnElement[int]) -> ColumnElement[int]:
    """A sum that is 0 over no rows, and an integer on PostgreSQL too (not numeric)."""
    return cast(func.coalesce(func.sum(figure), 0), BigInteger)


_TALLY = (
    func.count(),
    func.count(_I.answered_at),
    func.count(case((and_(_I.answered_at.is_(None), _I.ended_at.is_not(None)), 1))),
    func.count(case((_WAIT_US <= _THRESHOLD_US, 1))),
    _total(_WAIT_US),
    func.count(_TALK_US),
    _total(_TALK_US),
)
_FIGURES = len(_TALLY)


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
    """Some offered calls added up (the figures of ``_TALLY``); times in microseconds."""

    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    in_time: int = 0
    wait_us: int = 0
    talks: int = 0
    talk_us: int = 0

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


def _elapsed(microseconds: int | None) -> dt.timedelta | None:
    return None if microseconds is None else dt.timedelta(microseconds=microseconds)


_Key = ColumnElement[Any] | InstrumentedAttribute[Any]


def _tallies(
    session: Session, start: dt.datetime, end: dt.datetime, *keys: _Key
) -> list[Sequence[Any]]:
    """The calls offered ``start``..``end`` added up per ``keys``: rows of the keys, then the
    figures of ``_TALLY``. Every call is measured against its own queue's threshold."""
    query = (
        select(*keys, *_TALLY)
        .select_from(_I)
        .outerjoin(Queue, Queue.id == _I.queue_id)
        .where(_offered(start, end))
        .group_by(*keys)
    )
    return list(session.execute(query).all())


def _by(rows: Iterable[Sequence[Any]], key: int) -> dict[Any, _Tally]:
    """``_tallies`` rows added up per their ``key``-th column."""
    sums: dict[Any, list[int]] = {}
    for row in rows:
        figures = row[-_FIGURES:]
        total = sums.get(row[key])
        sums[row[key]] = (
            list(figures) if total is None else [a + b for a, b in zip(total, figures, strict=True)]
        )
    return {k: _Tally(*total) for k, total in sums.items()}


def _handled(
    session: Session, start: dt.datetime, end: dt.datetime
) -> dict[uuid.UUID | None, tuple[int, int]]:
    """Per agent: the calls offered ``start``..``end`` they answered and finished, and the sum
    of those talk times in microseconds."""
    query = (
        select(_I.agent_id, func.count(), _total(_TALK_US))
        .where(
            _offered(start, end),
            _I.agent_id.is_not(None),
            _I.answered_at.is_not(None),
            _I.ended_at.is_not(None),
        )
        .group_by(_I.agent_id)
    )
    return {agent: (count, total) for agent, count, total in session.execute(query)}


@dataclass(frozen=True)
class _Facts:
    """What one refresh reads besides the calls: plain tuples, not ORM objects nor named rows
    (500 agents' presence as entities cost more than every query together), the times since
    presence's timestamps worked out by the store."""

    people: list[Any]
    queues: list[Any]
    live: list[Any]


def _facts(session: Session, now: dt.datetime) -> _Facts:
    """People, queues and live presence at ``now``."""
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
            Queue.labels,
            Queue.service_level_seconds,
            Queue.service_level_target_percent,
        )
        .where(Queue.deleted.is_(False))
        .order_by(Queue.display_name)
    ).all()
    at = literal(now, UTCDateTime())
    live = session.execute(
        select(
            _P.user_id,
            _P.state,
            _P.reason_code,
            elapsed_us(at, _P.state_since),
            _P.call_caller,
            _P.call_queue_id,
            elapsed_us(at, func.coalesce(_P.call_answered_at, _P.call_offered_at)),
            elapsed_us(at, _P.call_offered_at)
            + cast(func.coalesce(_P.call_waited_seconds, 0), BigInteger) * SECOND_US,
            _P.heartbeat_at,
        ).where(_P.heartbeat_at >= now - OFFLINE_AFTER)
    ).all()
    return _Facts(list(people), list(queues), list(live))


def agent_board(ctx: ServiceContext, now: dt.datetime, day_start: dt.datetime) -> list[AgentRow]:
    """Every active agent and supervisor: state, time in it, current call, today's work."""
    require(ctx, Action.SUPERVISE)
    with ctx.sessions() as session:
        return _agents(_facts(session, now), _handled(session, day_start, now))


def _agents(facts: _Facts, handled: dict[uuid.UUID | None, tuple[int, int]]) -> list[AgentRow]:
    queue_names = {q.id: words(q.display_name, q.labels) for q in facts.queues}
    live = {p[0]: p for p in facts.live}
    rows = []
    for user_id, username, display_name in facts.people:
        count, talk_us = handled.get(user_id, (0, 0))
        p = live.get(user_id)
        if p is None:
            state, reason, in_state, caller, queue_id, on_call, heartbeat = (OFFLINE,) + (None,) * 6
        else:
            _, state, reason, in_state, caller, queue_id, on_call, _, heartbeat = p
        rows.append(
            AgentRow(
                user_id=user_id,
                username=username,
                display_name=display_name,
                state=state,
                reason=reason,
                in_state=_elapsed(in_state),
                call_caller=caller,
                call_queue=queue_names.get(queue_id) if queue_id else None,
                call_duration=_elapsed(on_call),
                handled_today=count,
                aht_today=_mean(talk_us, count),
                heartbeat_at=heartbeat,
            )
        )
    return rows


def _queue_row(queue: Any, tally: _Tally, ringing: list[int | None]) -> QueueRow:
    """One line of the queue board: a queue, or all of them (``queue`` None); ``ringing``
    the waits so far (microseconds) of the calls ringing on its desks."""
    longest = max((wait for wait in ringing if wait is not None), default=None)
    return QueueRow(
        queue_id=queue.id if queue else None,
        name=words(queue.display_name, queue.labels) if queue else "All queues",
        offered=tally.offered,
        answered=tally.answered,
        abandoned=tally.abandoned,
        service_level=_service_level(tally),
        threshold_s=queue.service_level_seconds if queue else DEFAULT_THRESHOLD_S,
        target_percent=queue.service_level_target_percent if queue else DEFAULT_TARGET_PERCENT,
        asa=_mean(tally.wait_us, tally.answered),
        aht=_mean(tally.talk_us, tally.talks),
        longest_wait=_elapsed(longest),
        ringing_now=len(ringing),
    )


def _service_level(tally: _Tally) -> float | None:
    return 100 * tally.in_time / tally.offered if tally.offered else None


def queue_board(
    ctx: ServiceContext, start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> list[QueueRow]:
    """Each queue over ``start``..``end``, then all queues together."""
    require(ctx, Action.SUPERVISE)
    with ctx.sessions() as session:
        facts = _facts(session, now)
        tallies = _tallies(session, start, end, _I.queue_id)
    return _queues(facts, _by(tallies, 0))


def _queues(facts: _Facts, tallies: dict[uuid.UUID | None, _Tally]) -> list[QueueRow]:
    """A line per queue shown, then one of every call (no queue's, a removed queue's too)."""
    ringing: dict[uuid.UUID | None, list[int | None]] = {}
    every: list[int | None] = []
    for _, state, _, _, _, queue_id, _, waited, _ in facts.live:
        if state == RINGING:
            ringing.setdefault(queue_id, []).append(waited)
            every.append(waited)
    rows = [
        _queue_row(queue, tallies.get(queue.id, _Tally()), ringing.get(queue.id, []))
        for queue in facts.queues
    ]
    rows.append(_queue_row(None, sum(tallies.values(), _Tally()), every))
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
    with ctx.sessions() as session:
        tallies = _tallies(session, start, end, _slot(start, step))
    return _intervals(_by(tallies, 0), start, end, step)


def _intervals(
    slots: dict[int, _Tally], start: dt.datetime, end: dt.datetime, step: dt.timedelta
) -> list[IntervalRow]:
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
    #: Who the overdue callbacks and SLA-watch requests are for: owner, assignee, queue and
    #: customer names by id.
    names: dict[uuid.UUID, str] = field(default_factory=dict)
    #: Shared transactions open so long that their changes are kept from every desk.
    held_back: list[HeldBack] = field(default_factory=list)


def boards(
    ctx: ServiceContext,
    now: dt.datetime,
    start: dt.datetime,
    end: dt.datetime,
    *,
    held_back_s: float = HELD_BACK_S,
) -> Boards:
    """Everything at ``now``: queues over ``start``..``end``; agents' work and missed calls
    since midnight UTC; overdue callbacks; requests past or near their SLA.

    All in one session: one connection and one transaction (a store opened with a connection
    per use would otherwise connect, and begin and end a transaction, once per read)."""
    require(ctx, Action.SUPERVISE)
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    with ctx.sessions() as session:
        facts = _facts(session, now)
        # Per queue and half hour: the chart, and (added up per queue) the day's queue board.
        day = _tallies(session, day_start, now, _I.queue_id, _slot(day_start, CHART_STEP))
        chosen = (
            day if (start, end) == (day_start, now) else _tallies(session, start, end, _I.queue_id)
        )
        handled = _handled(session, day_start, now)
        missed = read_missed_calls(session, day_start)
        overdue = read_overdue_callbacks(session, now)
        sla = read_sla_watch(session, now)
        names = read_names(session, overdue, sla)
        held_back = read_held_back(session, held_back_s)
    return Boards(
        agents=_agents(facts, handled),
        queues=_queues(facts, _by(chosen, 0)),
        missed=missed,
        overdue=overdue,
        sla=sla,
        day=_intervals(_by(day, 1), day_start, now, CHART_STEP),
        at=now,
        names=names,
        held_back=held_back,
    )
