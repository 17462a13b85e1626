"""Service requests: numbers made offline, SLA from the category, lifecycle, history, rights."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import (
    ConflictError,
    FieldPermissionError,
    PermissionDeniedError,
    ValidationError,
)
from callcenter.work import service_requests as srs
from callcenter.work.service_requests import NewServiceRequest
from db.enums import SRStatus
from tests.callcenter.conftest import People, as_actor

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def test_numbers_are_readable_and_unique() -> None:
    numbers = {srs.new_number() for _ in range(20000)}
    assert len(numbers) == 20000
    assert all(re.fullmatch(r"SR-[0-9A-HJKMNP-TV-Z]{8}", n) for n in numbers)


def test_create_sets_sla_from_category(ctx: ServiceContext, people: People) -> None:
    ctx = ServiceContext(ctx.sessions, "GB", people.agent, lambda: NOW)
    sr = srs.create_service_request(
        ctx, NewServiceRequest(subject=" Router  dead ", category_code="technical")
    )
    assert sr.subject == "Router dead"
    assert sr.status == SRStatus.OPEN
    assert sr.sla_due_at == NOW + dt.timedelta(hours=8)
    full = srs.get_service_request(ctx, sr.id)
    assert [(h.field, h.new_value) for h in full.history] == [("status", "open")]


@pytest.mark.parametrize(
    ("new", "field"),
    [
        (NewServiceRequest(subject="", category_code="billing"), "subject"),
        (NewServiceRequest(subject="x", category_code="nope"), "category_code"),
        (NewServiceRequest(subject="x", category_code="retired"), "category_code"),
    ],
)
def test_create_rejects_bad_fields(
    ctx: ServiceContext, people: People, new: NewServiceRequest, field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        srs.create_service_request(ctx, new)
    assert err.value.field == field


def test_lifecycle_with_history(ctx: ServiceContext, people: People) -> None:
    agent = as_actor(ctx, people.agent)
    sr = srs.create_service_request(
        agent, NewServiceRequest(subject="Bill", category_code="billing")
    )
    sr = srs.update_service_request(agent, sr.id, sr.version, assignee_id=people.agent.user_id)
    sr = srs.update_service_request(agent, sr.id, sr.version, status="in_progress")
    with pytest.raises(ValidationError) as err:
        srs.update_service_request(agent, sr.id, sr.version, status="resolved")
    assert err.value.field == "resolution"
    with pytest.raises(ValidationError, match="cannot go from in_progress to closed"):
        srs.update_service_request(agent, sr.id, sr.version, status="closed")
    sr = srs.resolve(agent, sr.id, sr.version, "Refunded the charge")
    assert sr.resolved_at is not None
    sr = srs.update_service_request(agent, sr.id, sr.version, status="closed", satisfaction=5)
    sr = srs.reopen(agent, sr.id, sr.version)
    assert (sr.status, sr.resolved_at, sr.closed_at) == (SRStatus.REOPENED, None, None)
    fields = [h.field for h in sr.history]
    assert fields.count("status") == 5  # open, in progress, resolved, closed, reopened
    assert "resolution" in fields
    assert "satisfaction" in fields
    assert srs.open_requests_for(agent, people.agent.user_id)[0].id == sr.id


def test_category_change_moves_sla(ctx: ServiceContext, people: People) -> None:
    ctx = ServiceContext(ctx.sessions, "GB", people.agent, lambda: NOW)
    sr = srs.create_service_request(ctx, NewServiceRequest(subject="x", category_code="billing"))
    sr = srs.update_service_request(ctx, sr.id, sr.version, category_code="technical")
    assert sr.sla_due_at == NOW + dt.timedelta(hours=8)


def test_only_supervisors_reassign(ctx: ServiceContext, people: People) -> None:
    agent = as_actor(ctx, people.agent)
    sr = srs.create_service_request(
        agent,
        NewServiceRequest(
            subject="x", category_code="billing", assignee_id=people.other_agent.user_id
        ),
    )
    with pytest.raises(PermissionDeniedError, match="is assigned to someone else"):
        srs.update_service_request(agent, sr.id, sr.version, assignee_id=people.agent.user_id)
    mine = srs.create_service_request(
        agent,
        NewServiceRequest(subject="y", category_code="billing", assignee_id=people.agent.user_id),
    )
    with pytest.raises(FieldPermissionError, match="only a supervisor can reassign"):
        srs.update_service_request(
            agent, mine.id, mine.version, assignee_id=people.other_agent.user_id
        )
    supervisor = as_actor(ctx, people.supervisor)
    sr = srs.update_service_request(supervisor, sr.id, sr.version, assignee_id=people.agent.user_id)
    assert sr.assignee_id == people.agent.user_id


def test_stale_edit_is_refused(ctx: ServiceContext, people: People) -> None:
    sr = srs.create_service_request(ctx, NewServiceRequest(subject="x", category_code="billing"))
    srs.update_service_request(ctx, sr.id, sr.version, priority="high")
    with pytest.raises(ConflictError):
        srs.update_service_request(ctx, sr.id, sr.version, priority="low")
    with pytest.raises(ValidationError) as err:
        srs.update_service_request(ctx, sr.id, sr.version + 1, satisfaction=9)
    assert err.value.field == "satisfaction"


def test_an_agent_works_on_her_own_her_queues_and_unassigned_requests(
    ctx: ServiceContext, people: People
) -> None:
    ann, bob = as_actor(ctx, people.agent), as_actor(ctx, people.other_agent)
    queued = srs.create_service_request(
        bob, NewServiceRequest(subject="q", category_code="billing", queue_id=people.queue_id)
    )
    loose = srs.create_service_request(bob, NewServiceRequest(subject="u", category_code="billing"))
    assert srs.update_service_request(ann, queued.id, queued.version, priority="high")
    assert srs.update_service_request(ann, loose.id, loose.version, priority="high")
    with pytest.raises(PermissionDeniedError):  # bob is not in the support queue
        srs.update_service_request(bob, queued.id, queued.version + 1, priority="low")
    bobs = srs.create_service_request(
        bob,
        NewServiceRequest(
            subject="b",
            category_code="billing",
            queue_id=people.queue_id,
            assignee_id=people.other_agent.user_id,
        ),
    )
    with pytest.raises(PermissionDeniedError):  # in ann's queue, but assigned to bob
        srs.update_service_request(ann, bobs.id, bobs.version, priority="high")
