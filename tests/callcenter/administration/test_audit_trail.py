"""The audit trail viewer's service, on both stores: filters, paging, export, the right."""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from callcenter.administration.audit_trail import audit_entries, export_audit_csv, readable
from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.platform import audit
from callcenter.platform.context import Actor, ServiceContext
from callcenter.platform.errors import PermissionDeniedError, ValidationError
from db.models import AuditEntry
from tests.callcenter.conftest import People

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _at(ctx: ServiceContext, actor: Actor, when: dt.datetime) -> ServiceContext:
    return ServiceContext(ctx.sessions, ctx.default_region, actor, lambda: when)


def _history(ctx: ServiceContext, people: People) -> uuid.UUID:
    """Ann creates a customer at 9:00, Bob edits it at 10:00, Ann signs in at 11:00."""
    ann, bob = people.agent, people.other_agent
    made = customers.create_customer(
        _at(ctx, ann, T0), NewCustomer(name="Grace Hopper", external_id="ACME-7")
    )
    customers.update_customer(
        _at(ctx, bob, T0 + dt.timedelta(hours=1)), made.id, made.version, notes="=SUM(A1)"
    )
    audit.note(_at(ctx, ann, T0 + dt.timedelta(hours=2)), "sign_in", "agent", after={"desk": "pc"})
    return made.id


def _supervisor(ctx: ServiceContext, people: People) -> ServiceContext:
    return _at(ctx, people.supervisor, T0 + dt.timedelta(days=1))


def test_entries_newest_first_with_the_filter_boxes(ctx: ServiceContext, people: People) -> None:
    customer = _history(ctx, people)
    page = audit_entries(_supervisor(ctx, people))
    assert [(e.person, e.action) for e in page.entries] == [
        ("Ann", "sign_in"),
        ("Bob", "edit"),
        ("Ann", "create"),
    ]
    edit = page.entries[1]
    assert (edit.entity, edit.entity_id, edit.record) == ("customer", customer, "Grace Hopper")
    assert edit.before == "notes: " and edit.after == "notes: =SUM(A1)"
    assert not page.more
    assert page.choices is not None
    assert page.choices.actions == ("create", "edit", "sign_in")
    assert page.choices.entities == ("agent", "customer")
    assert [p.name for p in page.choices.people] == ["Ann", "Bob", "Sue"]


def test_filters_by_person_record_action_and_time(ctx: ServiceContext, people: People) -> None:
    customer = _history(ctx, people)
    sue = _supervisor(ctx, people)

    def actions(**filters: object) -> list[str]:
        return [e.action for e in audit_entries(sue, **filters).entries]  # type: ignore[arg-type]

    assert actions(person=people.agent.user_id) == ["sign_in", "create"]
    assert actions(entity="customer", entity_id=customer) == ["edit", "create"]
    assert actions(entity="customer", entity_id=str(customer)) == ["edit", "create"]
    assert actions(entity="customer", entity_id="ACME-7") == ["edit", "create"], "by number"
    assert actions(entity_id="ACME-7") == ["edit", "create"], "a number of any kind"
    assert actions(entity_id="NO-SUCH") == []
    with pytest.raises(ValidationError):
        actions(entity="announcement", entity_id="NO-SUCH")  # no numbers: only ids
    assert actions(action="edit") == ["edit"]
    assert actions(start=T0 + dt.timedelta(hours=1)) == ["sign_in", "edit"]
    assert actions(end=T0 + dt.timedelta(hours=1)) == ["create"], "the end is exclusive"
    assert actions(person=people.agent.user_id, action="create", end=T0) == []


def test_pages_follow_each_other_without_overlap(ctx: ServiceContext, people: People) -> None:
    _history(ctx, people)
    sue = _supervisor(ctx, people)
    first = audit_entries(sue, limit=2)
    second = audit_entries(sue, limit=2, offset=2, choices=False)
    assert first.more and not second.more and second.choices is None
    assert [e.action for e in (*first.entries, *second.entries)] == ["sign_in", "edit", "create"]


def test_an_agent_may_not_read_the_trail(
    ctx: ServiceContext, people: People, tmp_path: Path
) -> None:
    _history(ctx, people)
    with pytest.raises(PermissionDeniedError):
        audit_entries(_at(ctx, people.agent, T0))
    with pytest.raises(PermissionDeniedError):
        export_audit_csv(_at(ctx, people.agent, T0), tmp_path / "audit.csv")
    assert not (tmp_path / "audit.csv").exists()


def test_the_export_writes_safe_cells_and_is_itself_audited(
    ctx: ServiceContext, people: People, tmp_path: Path
) -> None:
    customer = _history(ctx, people)
    target = tmp_path / "audit.csv"
    sue = _supervisor(ctx, people)
    assert export_audit_csv(sue, target, entity="customer") == 2
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header[:3] == ["time", "person", "action"]
    assert [row[2] for row in rows] == ["edit", "create"]
    assert rows[0][4] == customer.hex
    assert rows[0][7] == "notes: =SUM(A1)", "a cell that starts with text is left as written"
    assert rows[0][0] == "2026-12-01T10:00:00+00:00"
    with ctx.sessions() as s:
        (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "export audit"))
        assert entry.actor_id == people.supervisor.user_id and "audit.csv" in (entry.after or "")
    assert audit_entries(sue, action="export audit").entries[0].person == "Sue"
    with pytest.raises(TypeError):
        export_audit_csv(sue, target, who="ann")


def test_a_formula_in_an_entry_is_made_text(
    ctx: ServiceContext, people: People, tmp_path: Path
) -> None:
    audit.note(_at(ctx, people.agent, T0), "=HYPERLINK(1)", "agent")
    target = tmp_path / "audit.csv"
    export_audit_csv(_supervisor(ctx, people), target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        (_header, row) = list(csv.reader(handle))
    assert row[2] == "'=HYPERLINK(1)"


def test_readable_before_and_after() -> None:
    assert readable('{"b": 2, "a": "x", "c": null, "d": ["p"]}') == 'a: x\nb: 2\nc: —\nd: ["p"]'
    assert readable(None) == "" and readable("not json") == "not json"
