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

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Subquery,
    and_,
    case,
    cast,
    func,
    literal,
    select,
)

from callcenter.platform.collector import collector_paused
from callcenter.platform.context import ServiceContext
from callcenter.platform.language import words
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import CallbackView, ServiceRequestView
from callcenter.presence.heartbeat import OFFLINE_AFTER
from callcenter.supervision.follow_up import (
    SHOWN,
    MissedCall,
    read_missed_calls,
    read_names,
    read_overdue_callbacks,
    read_sla_watch,
)
from callcenter.supervision.held_back import HeldBack, read_held_back
from db import rollups_ddl
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


def _offered(start: dt.datetime, end: dt.datetime) -> ColumnElement[bool]:
    """Inbound phone calls offered ``start``..``end`` (a range of the offered_at index)."""
    return and_(
        _I.offered_at >= start,
        _I.offered_at < end,
        _I.direction == Direction.INBOUND,
        _I.channel == Channel.PHONE,
        _I.deleted.is_(False),
    )


def _slot(origin: dt.datetime, step: dt.timedelta) -> ColumnElement[int]:
    """Which ``step`` after ``origin`` a call was offered in (0 for the first)."""
    return elapsed_us(_I.offered_at, literal(origin, UTCDateTime())) // (step // MICROSECOND)


def _calls(
    start: dt.datetime,
    end: dt.datetime,
    step: dt.timedelta = CHART_STEP,
    *,
    origin: dt.datetime | None = None,
) -> Subquery:
    """The calls offered ``start``..``end``, a row each with its figures worked out once: its
    queue, its ``step`` since ``origin`` (``start`` unless given) and its agent, its wait and
    talk, its queue's threshold, and markers (NULL or not) that the sums count. ``OFFSET 0``
    keeps the store from working a figure out again for every sum it is in (PostgreSQL would:
    each wait three times)."""
    return (
        select(
            _I.queue_id,
            _slot(start if origin is None else origin, step).label("slot"),
            _I.agent_id,
            _I.answered_at.label("answered"),
            case((and_(_I.answered_at.is_(None), _I.ended_at.is_not(None)), 1)).label("abandoned"),
            _WAIT_US.label("wait_us"),
            _THRESHOLD_US.label("threshold_us"),
            _TALK_US.label("talk_us"),
        )
        .select_from(_I)
        .outerjoin(Queue, Queue.id == _I.queue_id)
        .where(_offered(start, end))
        .offset(0)
        .subquery("calls")
    )


def _tally(calls: Subquery) -> tuple[ColumnElement[int], ...]:
    """The figures of ``_Tally`` over some of ``calls``."""
    c = calls.c
    return (
        func.count(),
        func.count(c.answered),
        func.count(c.abandoned),
        func.count(case((c.wait_us <= c.threshold_us, 1))),
        _total(c.wait_us),
        func.count(c.talk_us),
        _total(c.talk_us),
    )


_FIGURES = 7


@dataclass(frozen=True, slots=True)
class _Tally:
    """Some offered calls added up (the figures of ``_tally``); times in microseconds."""

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


def _tallies(conn: Connection, calls: Subquery, *keys: str) -> list[Sequence[Any]]:
    """``calls`` added up per the columns ``keys``: rows of the keys, then the figures of
    ``_tally``. Every call is measured against its own queue's threshold."""
    columns = [calls.c[key] for key in keys]
    return list(conn.execute(select(*columns, *_tally(calls)).group_by(*columns)).all())


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


#: Per agent: the calls they answered and finished, and the sum of those talk times (us).
_Handled = dict[uuid.UUID | None, tuple[int, int]]


def _handled_of(rows: Iterable[Sequence[Any]]) -> _Handled:
    """Per agent from ``_tallies`` rows keyed by agent: a finished call is one with a talk."""
    return {row[0]: (row[-2], row[-1]) for row in rows if row[0] is not None}


def _handled(conn: Connection, start: dt.datetime, end: dt.datetime) -> _Handled:
    return _handled_of(_tallies(conn, _calls(start, end), "agent_id"))


def _day(
    conn: Connection, day_start: dt.datetime, now: dt.datetime
) -> tuple[list[Sequence[Any]], _Handled]:
    """The day so far added up per queue and half hour, and per agent: on PostgreSQL from the
    sums its triggers keep (``db.rollups_ddl``, by UTC half hours and days), elsewhere, or for
    a day that does not start at a UTC midnight, from the calls themselves."""
    if conn.dialect.name == "postgresql" and day_start.utcoffset() == dt.timedelta(0):
        return _day_from_sums(conn, day_start, now)
    return _day_from_calls(conn, day_start, now)


def _day_from_calls(
    conn: Connection, day_start: dt.datetime, now: dt.datetime
) -> tuple[list[Sequence[Any]], _Handled]:
    """``_day`` from the day's calls, one statement per grouping."""
    calls = _calls(day_start, now)
    return (
        _tallies(conn, calls, "queue_id", "slot"),
        _handled_of(_tallies(conn, calls, "agent_id")),
    )


def _day_from_sums(
    conn: Connection, day_start: dt.datetime, now: dt.datetime
) -> tuple[list[Sequence[Any]], _Handled]:
    """``_day`` from the day's half hours and agents' days (a few hundred rows, where a busy
    day's 40,000 calls cost 50-110 ms to add up at every refresh), less the calls offered
    from ``now`` to the day's end: the same figures as ``_day_from_calls`` to the
    microsecond, a desk whose clock is ahead included (normally none: one index probe)."""
    assert CHART_STEP == rollups_ddl.GRAIN, "the chart's half hours are the sums' half hours"
    day_end = day_start + dt.timedelta(days=1)
    h = rollups_ddl.half_hours.c
    sums = conn.execute(
        select(
            h.queue_id,
            h.starts_at,
            h.offered,
            h.answered,
            h.abandoned,
            h.in_time,
            h.wait_us,
            h.talks,
            h.talk_us,
        ).where(h.starts_at >= day_start, h.starts_at < day_end)
    ).all()
    by_slot: list[Sequence[Any]] = [
        (
            None if row[0] == rollups_ddl.NO_QUEUE else row[0],
            (row[1] - day_start) // CHART_STEP,
            *row[2:],
        )
        for row in sums
    ]
    a = rollups_ddl.agent_days.c
    handled: _Handled = {
        agent: (talks, talk_us)
        for agent, talks, talk_us in conn.execute(
            select(a.agent_id, a.talks, a.talk_us).where(a.day == day_start)
        ).all()
    }
    for row in _tallies(
        conn, _calls(now, day_end, origin=day_start), "queue_id", "slot", "agent_id"
    ):
        figures = row[-_FIGURES:]
        by_slot.append((row[0], row[1], *(-figure for figure in figures)))
        if row[2] is not None:
            talks, talk_us = handled.get(row[2], (0, 0))
            handled[row[2]] = (talks - figures[-2], talk_us - figures[-1])
    return by_slot, handled


@dataclass(frozen=True)
class _Facts:
    """What one refresh reads besides the calls: plain tuples, not ORM objects nor named rows
    (500 agents' presence as entities cost more than every query together), the times since
    presence's timestamps worked out by the store."""

    people: list[Any]
    queues: list[Any]
    live: list[Any]


def _facts(conn: Connection, now: dt.datetime) -> _Facts:
    """People, queues and live presence at ``now``."""
    people = conn.execute(
        select(User.id, User.username, User.display_name)
        .where(
            User.active.is_(True),
            User.deleted.is_(False),
            User.role.in_((Role.AGENT, Role.SUPERVISOR)),
        )
        .order_by(User.display_name)
    ).all()
    queues = conn.execute(
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
    live = conn.execute(
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
        conn = session.connection()
        return _agents(_facts(conn, now), _handled(conn, day_start, now))


def _agents(facts: _Facts, handled: _Handled) -> list[AgentRow]:
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
        conn = session.connection()
        facts = _facts(conn, now)
        tallies = _tallies(conn, _calls(start, end), "queue_id")
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


def intervals(
    ctx: ServiceContext, start: dt.datetime, end: dt.datetime, step: dt.timedelta
) -> list[IntervalRow]:
    """Offered, answered and service level per ``step`` from ``start`` to ``end``."""
    require(ctx, Action.SUPERVISE)
    with ctx.sessions() as session:
        conn = session.connection()
        tallies = _tallies(conn, _calls(start, end, step), "slot")
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
    #: How many missed calls and watched requests there are: ``missed`` and ``sla`` hold the
    #: newest ``follow_up.SHOWN`` of them.
    missed_total: int
    sla_total: int
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
    since midnight UTC (the newest ``SHOWN``, and how many); overdue callbacks; requests past
    or near their SLA (the ``SHOWN`` due last, and how many).

    All in one session: one connection and one transaction (a store opened with a connection
    per use would otherwise connect, and begin and end a transaction, once per read). No
    cyclic garbage collection meanwhile: at a busy day's end one was the refresh's p95 (about
    30 ms of the 60)."""
    require(ctx, Action.SUPERVISE)
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    with collector_paused(), ctx.sessions() as session:
        conn = session.connection()
        facts = _facts(conn, now)
        # Per queue and half hour: the chart, and (added up per queue) the day's queue board.
        day, handled = _day(conn, day_start, now)
        chosen = (
            day
            if (start, end) == (day_start, now)
            else _tallies(conn, _calls(start, end), "queue_id")
        )
        missed = read_missed_calls(conn, day_start, SHOWN)
        overdue = read_overdue_callbacks(conn, now)
        sla = read_sla_watch(conn, now, limit=SHOWN)
        names = read_names(conn, now, limit=SHOWN)
        held_back = read_held_back(conn, held_back_s)
    return Boards(
        agents=_agents(facts, handled),
        queues=_queues(facts, _by(chosen, 0)),
        missed=missed.rows,
        overdue=overdue,
        sla=sla.rows,
        day=_intervals(_by(day, 1), day_start, now, CHART_STEP),
        at=now,
        missed_total=missed.total,
        sla_total=sla.total,
        names=names,
        held_back=held_back,
    )
