"""Disposition codes and queue membership through the services, on both stores."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from callcenter.administration.dictionary import save_disposition
from callcenter.administration.people import set_queue_membership
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import dispositions
from callcenter.platform.errors import NotFoundError, PermissionDeniedError, ValidationError
from callcenter.platform.permissions import may_work_on
from db.models import AuditEntry, DispositionCode, QueueMember
from tests.callcenter.conftest import People, add_admin, as_actor

_admin = add_admin


def _audit(ctx: ServiceContext, entity: str) -> list[AuditEntry]:
    with ctx.sessions() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.entity == entity)))


def test_a_disposition_is_added_changed_and_retired_never_deleted(
    ctx: ServiceContext, people: People
) -> None:
    admin = _admin(ctx)
    code = save_disposition(admin, " Refund_Promised ", "Refund  promised", requires_notes=True)
    assert (code.code, code.label) == ("refund_promised", "Refund promised")
    save_disposition(admin, "refund_promised", "Refund promised", requires_notes=True)
    assert len(_audit(ctx, "disposition_code")) == 1, "saving the same values again is no edit"
    save_disposition(admin, "refund_promised", "Refund promised", active=False)
    with ctx.sessions() as s:
        row = s.scalars(select(DispositionCode).where(DispositionCode.code == "refund_promised"))
        (kept,) = row.all()
        assert (kept.active, kept.requires_notes, kept.deleted) == (False, False, False)
    assert "refund_promised" not in {c.code for c in dispositions(ctx)}
    created, edited = sorted(_audit(ctx, "disposition_code"), key=lambda e: e.action)
    assert (created.action, edited.action) == ("create", "edit")
    assert json.loads(edited.before or "{}")["active"] is True


@pytest.mark.parametrize(
    ("code", "label"), [("", "x"), ("bad code", "x"), ("ok", " "), ("x" * 33, "x")]
)
def test_a_disposition_must_be_well_formed(
    ctx: ServiceContext, people: People, code: str, label: str
) -> None:
    with pytest.raises(ValidationError):
        save_disposition(_admin(ctx), code, label)


def test_only_an_admin_edits_the_dictionary_or_queue_membership(
    ctx: ServiceContext, people: People
) -> None:
    for who in (people.agent, people.supervisor):
        with pytest.raises(PermissionDeniedError):
            save_disposition(as_actor(ctx, who), "promise", "Promise")
        with pytest.raises(PermissionDeniedError):
            set_queue_membership(as_actor(ctx, who), who.user_id, people.queue_id, True)


def test_joining_a_queue_lets_an_agent_take_its_work_and_leaving_ends_it(
    ctx: ServiceContext, people: People
) -> None:
    admin, bob = _admin(ctx), people.other_agent
    queue = people.queue_id
    bob_ctx = as_actor(ctx, bob)
    with ctx.sessions() as s:
        assert not may_work_on(s, bob_ctx, None, queue)
    assert set_queue_membership(admin, bob.user_id, queue, True) is True
    assert set_queue_membership(admin, bob.user_id, queue, True) is False
    with ctx.sessions() as s:
        assert may_work_on(s, bob_ctx, None, queue)
    assert set_queue_membership(admin, bob.user_id, queue, False) is True
    with ctx.sessions() as s:
        assert not may_work_on(s, bob_ctx, None, queue)
        rows = s.scalars(select(QueueMember).where(QueueMember.user_id == bob.user_id)).all()
        assert [r.deleted for r in rows] == [True], "leaving is a tombstone, not a delete"
    assert sorted(e.action for e in _audit(ctx, "user")) == ["join queue", "leave queue"]
    with pytest.raises(NotFoundError):
        set_queue_membership(admin, bob.user_id, uuid.uuid4(), True)
