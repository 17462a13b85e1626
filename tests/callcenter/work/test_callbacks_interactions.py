"""Callbacks with attempts and outcomes; interaction logging with its checks; permissions."""

from __future__ import annotations

import datetime as dt

import pytest

from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError, ValidationError
from callcenter.platform.permissions import Action, require
from callcenter.work import callbacks, interactions
from callcenter.work.callbacks import NewCallback
from callcenter.work.interactions import NewInteraction
from db.enums import CallbackOutcome, CallbackStatus, Channel, Direction
from tests.callcenter.conftest import People, as_actor

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def at(ctx: ServiceContext, people: People) -> ServiceContext:
    return ServiceContext(ctx.sessions, "GB", people.agent, lambda: NOW)


def test_callback_due_list_and_outcomes(ctx: ServiceContext, people: People) -> None:
    agent = at(ctx, people)
    mine = callbacks.schedule_callback(
        agent,
        NewCallback(
            "020 7946 0958", NOW - HOUR, NOW, "overdue", owner_user_id=people.agent.user_id
        ),
    )
    queued = callbacks.schedule_callback(
        agent,
        NewCallback(
            "+44 20 7946 0000", NOW + HOUR / 2, NOW + HOUR, "soon", owner_queue_id=people.queue_id
        ),
    )
    callbacks.schedule_callback(
        agent,
        NewCallback(
            "020 7946 0001",
            NOW + 5 * HOUR,
            NOW + 6 * HOUR,
            "later",
            owner_user_id=people.agent.user_id,
        ),
    )
    assert mine.phone_number == "+442079460958"
    due = callbacks.due_callbacks(agent, people.agent.user_id, (people.queue_id,))  # type: ignore[arg-type]
    assert [c.id for c in due] == [mine.id, queued.id]
    result = callbacks.record_attempt(agent, mine.id, CallbackOutcome.NO_ANSWER)
    assert (result.status, result.attempt_count) == (CallbackStatus.PENDING, 1)
    new_window = (NOW + 2 * HOUR, NOW + 3 * HOUR)
    result = callbacks.record_attempt(
        agent, mine.id, CallbackOutcome.RESCHEDULED, reschedule=new_window
    )
    assert (result.due_from, result.attempt_count) == (new_window[0], 2)
    result = callbacks.record_attempt(agent, mine.id, CallbackOutcome.REACHED, notes="sorted")
    assert result.status == CallbackStatus.DONE
    assert [a.outcome for a in result.attempts] == ["no_answer", "rescheduled", "reached"]
    with pytest.raises(ValidationError, match="already done"):
        callbacks.record_attempt(agent, mine.id, CallbackOutcome.REACHED)


def test_callback_fails_after_max_attempts(ctx: ServiceContext, people: People) -> None:
    agent = at(ctx, people)
    cb = callbacks.schedule_callback(
        agent,
        NewCallback("020 7946 0958", NOW, NOW + HOUR, "x", owner_user_id=people.agent.user_id),
    )
    for _ in range(callbacks.MAX_ATTEMPTS):
        cb = callbacks.record_attempt(agent, cb.id, CallbackOutcome.NO_ANSWER)
    assert cb.status == CallbackStatus.FAILED


@pytest.mark.parametrize(
    ("new", "field"),
    [
        (NewCallback("not a number", NOW, NOW + HOUR, "x"), "phone_number"),
        (NewCallback("020 7946 0958", NOW, NOW - HOUR, "x"), "due_until"),
        (NewCallback("020 7946 0958", NOW, NOW + HOUR, "  "), "reason"),
        (NewCallback("020 7946 0958", NOW, NOW + HOUR, "x"), "owner"),
    ],
)
def test_callback_validation(
    ctx: ServiceContext, people: People, new: NewCallback, field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        callbacks.schedule_callback(at(ctx, people), new)
    assert err.value.field == field


def test_log_and_complete_interaction(ctx: ServiceContext, people: People) -> None:
    agent = at(ctx, people)
    row = interactions.log_interaction(
        agent,
        NewInteraction(
            Channel.PHONE,
            Direction.INBOUND,
            NOW,
            NOW + HOUR / 60,
            sip_call_id="abc@pbx",
            queue_id=people.queue_id,
        ),  # type: ignore[arg-type]
    )
    assert row.agent_id == people.agent.user_id
    with pytest.raises(ValidationError) as err:
        interactions.complete_interaction(agent, row.id, disposition_code="complaint", notes=" ")
    assert err.value.field == "notes"
    with pytest.raises(ValidationError) as err:
        interactions.complete_interaction(agent, row.id, disposition_code="nope", notes="")
    assert err.value.field == "disposition_code"
    other = as_actor(ctx, people.other_agent)
    with pytest.raises(PermissionDeniedError):
        interactions.complete_interaction(other, row.id, disposition_code="resolved", notes="")
    done = interactions.complete_interaction(
        agent,
        row.id,
        disposition_code="complaint",
        notes="Angry about the bill",
        ended_at=NOW + HOUR,
    )
    assert (done.disposition_code, done.ended_at) == ("complaint", NOW + HOUR)


def test_interaction_time_order(ctx: ServiceContext, people: People) -> None:
    with pytest.raises(ValidationError) as err:
        interactions.log_interaction(
            at(ctx, people), NewInteraction(Channel.PHONE, Direction.OUTBOUND, NOW, NOW - HOUR)
        )
    assert err.value.field == "answered_at"


def test_role_rules(ctx: ServiceContext, people: People) -> None:
    agent = as_actor(ctx, people.agent)
    with pytest.raises(PermissionDeniedError, match="ann \\(agent\\) may not import customers"):
        require(agent, Action.IMPORT_CUSTOMERS)
    require(as_actor(ctx, people.supervisor), Action.REASSIGN_WORK)
    with pytest.raises(PermissionDeniedError):
        require(agent, Action.REASSIGN_WORK)
