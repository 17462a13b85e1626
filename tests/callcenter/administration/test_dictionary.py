"""Every kind of dictionary entry through the one editor service, on both stores: added,
changed, worded in Chinese, retired, audited, and what the desk then does with it."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from callcenter.administration.dictionary import KINDS, entries, save_entry
from callcenter.desk.agent_state import AgentState, AgentStateMachine
from callcenter.desk.desk import Desk
from callcenter.platform import language
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import categories, not_ready_reasons
from callcenter.platform.errors import PermissionDeniedError, ValidationError
from callcenter.platform.event_log import EventLog
from callcenter.work.service_requests import NewServiceRequest, create_service_request
from db.enums import Priority
from db.models import AuditEntry
from telephony.events import CallDirection, CallEnded, CallState, CallStateChanged, Party
from tests.callcenter.administration.test_dictionary_people import _admin
from tests.callcenter.conftest import People, as_actor, incoming_call


def test_each_kind_is_added_listed_and_changed(ctx: ServiceContext, people: People) -> None:
    admin = _admin(ctx)
    samples = {
        "disposition": ("promise", "Promise to pay", {"requires_notes": True}),
        "category": ("warranty", "Warranty", {"sla_hours": 48}),
        "reason": ("coaching", "Coaching", {}),
        "queue": ("vip", "VIP line", {"wrap_up_seconds": 90, "dialled_number": "+4420"}),
        "product": ("PRD-9", "Router", {"unit_price_minor": 4999, "currency": "gbp"}),
    }
    assert set(samples) == set(KINDS)
    for kind, (code, label, fields) in samples.items():
        made = save_entry(admin, kind, code, label, **fields)
        assert (made.kind, made.label, made.active) == (kind, label, True)
        listed = {e.code: e for e in entries(ctx, kind)}
        assert listed[made.code].fields == made.fields
        changed = save_entry(admin, kind, code, label + " (new)")
        assert changed.label == label + " (new)"
        assert changed.fields == made.fields, "fields not given keep their values"
    assert entries(ctx, "product")[0].fields["currency"] == "GBP"
    with ctx.sessions() as s:
        actions = s.execute(select(AuditEntry.entity, AuditEntry.action)).all()
    for entity in ("disposition_code", "sr_category", "not_ready_reason", "queue", "product"):
        assert sorted(a for e, a in actions if e == entity) == ["create", "edit"], entity


def test_chinese_words_are_kept_beside_the_label_and_shown_in_chinese(
    ctx: ServiceContext, people: People
) -> None:
    admin = _admin(ctx)
    save_entry(admin, "reason", "coaching", "Coaching", labels={"zh_CN": "辅导"})
    (entry,) = [e for e in entries(ctx, "reason") if e.code == "coaching"]
    assert entry.labels == {"zh_CN": "辅导"}
    language.set_language("zh_CN")
    try:
        assert "辅导" in {c.label for c in not_ready_reasons(ctx)}
    finally:
        language.set_language(None)
    assert "Coaching" in {c.label for c in not_ready_reasons(ctx)}
    save_entry(admin, "reason", "coaching", "Coaching", labels={"zh_CN": ""})
    (entry,) = [e for e in entries(ctx, "reason") if e.code == "coaching"]
    assert entry.labels == {}, "empty words remove the language"


def test_a_retired_entry_stays_listed_for_the_editor_but_is_not_offered(
    ctx: ServiceContext, people: People
) -> None:
    admin = _admin(ctx)
    save_entry(admin, "category", "billing", "Billing", active=False)
    assert "billing" not in {c.code for c in categories(ctx)}
    assert not next(e for e in entries(ctx, "category") if e.code == "billing").active
    with pytest.raises(ValidationError) as refused:
        save_entry(admin, "queue", "support", "Support", active=False)
    assert refused.value.field == "active"


@pytest.mark.parametrize(
    "case",
    [
        ("category", "x", {"sla_hours": 0}, "sla_hours"),
        ("category", "x", {"sla_hours": True}, "sla_hours"),
        ("category", "x", {"default_priority": "asap"}, "default_priority"),
        ("category", "x", {"default_queue_id": uuid.uuid4()}, "default_queue_id"),
        ("queue", "x", {"service_level_target_percent": 101}, "service_level_target_percent"),
        ("queue", "x", {"wrap_up_seconds": -1}, "wrap_up_seconds"),
        ("product", "P1", {"currency": "pounds"}, "currency"),
        ("reason", "bad code", {}, "code"),
        ("reason", "x", {"sla_hours": 4}, "sla_hours"),
        ("disposition", "x'; drop table users; --", {}, "code"),
    ],
)
def test_a_bad_value_is_refused_by_field_and_nothing_is_written(
    ctx: ServiceContext, people: People, case: tuple[str, str, dict[str, object], str]
) -> None:
    kind, code, fields, field = case
    admin = _admin(ctx)
    before = len(entries(ctx, kind))
    with pytest.raises(ValidationError) as refused:
        save_entry(admin, kind, code, "Label", **fields)
    assert refused.value.field == field
    assert len(entries(ctx, kind)) == before


def test_only_an_admin_edits_any_kind(ctx: ServiceContext, people: People) -> None:
    for who in (people.agent, people.supervisor):
        for kind in KINDS:
            with pytest.raises(PermissionDeniedError):
                save_entry(as_actor(ctx, who), kind, "x1", "X")


def test_a_category_s_defaults_open_its_requests(ctx: ServiceContext, people: People) -> None:
    admin = _admin(ctx)
    save_entry(
        admin,
        "category",
        "technical",
        "Technical",
        default_priority="high",
        default_queue_id=people.queue_id,
    )
    agent = as_actor(ctx, people.agent)
    routed = create_service_request(agent, NewServiceRequest("No dial tone", "technical"))
    assert (routed.priority, routed.queue_id) == (Priority.HIGH, people.queue_id)
    chosen = create_service_request(
        agent,
        NewServiceRequest(
            "Router", "technical", priority=Priority.LOW, assignee_id=people.agent.user_id
        ),
    )
    assert (chosen.priority, chosen.queue_id) == (Priority.LOW, None)
    plain = create_service_request(agent, NewServiceRequest("Bill", "billing"))
    assert (plain.priority, plain.queue_id) == (Priority.NORMAL, None)
    (entry,) = [e for e in entries(ctx, "category") if e.code == "technical"]
    with ctx.sessions() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "sr_category")).one()
    assert json.loads(audit.after or "{}")["default_priority"] == "high"
    assert entry.fields["default_queue_id"] == people.queue_id


def test_a_queue_s_wrap_up_seconds_replace_the_desk_s(
    ctx: ServiceContext, people: People, tmp_path: Path
) -> None:
    save_entry(_admin(ctx), "queue", "support", "Support", wrap_up_seconds=5)
    agent = as_actor(ctx, people.agent)
    machine = AgentStateMachine(60, agent.clock, frozenset({"break"}))
    machine.sign_in()
    machine.set_ready()
    desk = Desk(agent, machine, None, EventLog(tmp_path / "events.jsonl"))
    desk.handle(incoming_call("c1", "02079460958"))
    desk.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    desk.handle(CallEnded("c1", CallDirection.INBOUND, 200, "Normal", Party.REMOTE, True, 12.0))
    remaining = machine.wrap_up_remaining()
    assert machine.status.state == AgentState.WRAP_UP
    assert remaining is not None and 4 < remaining.total_seconds() <= 5
