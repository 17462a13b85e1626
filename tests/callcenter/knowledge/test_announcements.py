"""Announcements: posted by supervisors, pending per person and queue, acknowledged once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from callcenter.knowledge.announcements import (
    acknowledge,
    pending_announcements,
    post_announcement,
    posted_announcements,
    receipts,
    withdraw_announcement,
)
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError, ValidationError
from db.models import AnnouncementAck, AuditEntry, Queue
from tests.callcenter.conftest import People, as_actor


def _titles(ctx: ServiceContext) -> list[str]:
    return [a.title for a in pending_announcements(ctx)]


def test_pending_for_everyone_and_for_ones_queue(ctx: ServiceContext, people: People) -> None:
    sue = as_actor(ctx, people.supervisor)
    with ctx.sessions.begin() as s:
        other = Queue(name="sales", display_name="Sales")
        s.add(other)
        s.flush()
        other_id = other.id
    post_announcement(sue, "Fire drill at 3", "Leave by the east stairs")
    post_announcement(sue, "Support: new refund rule", "", queue_id=people.queue_id)
    post_announcement(sue, "Sales only", "", queue_id=other_id)
    ann, bob = as_actor(ctx, people.agent), as_actor(ctx, people.other_agent)
    assert sorted(_titles(ann)) == ["Fire drill at 3", "Support: new refund rule"]
    assert _titles(bob) == ["Fire drill at 3"]
    shown = pending_announcements(ann)
    queued = next(a for a in shown if a.queue_id is not None)
    assert queued.queue_name == "Support"
    assert queued.posted_by_name == "Sue"


def test_acknowledged_once_and_gone(ctx: ServiceContext, people: People) -> None:
    sue, ann = as_actor(ctx, people.supervisor), as_actor(ctx, people.agent)
    posted = post_announcement(sue, "Fire drill at 3", "")
    first = acknowledge(ann, posted.id)
    assert _titles(ann) == []
    assert acknowledge(ann, posted.id) == first
    with ctx.sessions() as s:
        acks = s.scalar(select(func.count()).select_from(AnnouncementAck))
        audited = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "announcement"))
        assert acks == 1
        assert sorted(audited) == ["acknowledge", "post"]


def test_expired_and_withdrawn_are_not_pending(ctx: ServiceContext, people: People) -> None:
    now = ctx.clock()
    sue = as_actor(ctx, people.supervisor)
    soon = post_announcement(sue, "Until noon", "", expires_at=now + dt.timedelta(minutes=5))
    gone = post_announcement(sue, "Withdrawn", "")
    withdraw_announcement(sue, gone.id)
    ann = as_actor(ctx, people.agent)
    assert _titles(ann) == ["Until noon"]
    later = ServiceContext(
        ann.sessions, ann.default_region, ann.actor, lambda: now + dt.timedelta(hours=1)
    )
    assert _titles(later) == []
    assert {a.title: a.active for a in posted_announcements(sue)} == {
        "Until noon": True,
        "Withdrawn": False,
    }
    assert soon.expires_at is not None
    with pytest.raises(ValidationError) as caught:
        post_announcement(sue, "Past", "", expires_at=now - dt.timedelta(minutes=1))
    assert caught.value.field == "expires_at"


def test_receipts_say_who_and_who_not_yet(ctx: ServiceContext, people: People) -> None:
    sue = as_actor(ctx, people.supervisor)
    everyone = post_announcement(sue, "Fire drill", "")
    support = post_announcement(sue, "Support only", "", queue_id=people.queue_id)
    acknowledge(as_actor(ctx, people.agent), everyone.id)
    acknowledge(as_actor(ctx, people.agent), support.id)
    seen = receipts(sue, everyone.id)
    assert [r.name for r in seen.acknowledged] == ["Ann"]
    assert seen.acknowledged[0].acked_at is not None
    assert [r.name for r in seen.waiting] == ["Bob", "Sue"]
    queued = receipts(sue, support.id)
    assert ([r.name for r in queued.acknowledged], queued.waiting) == (["Ann"], ())


def test_agents_may_not_post_or_read_receipts(ctx: ServiceContext, people: People) -> None:
    ann = as_actor(ctx, people.agent)
    with pytest.raises(PermissionDeniedError):
        post_announcement(ann, "Free pizza", "")
    posted = post_announcement(as_actor(ctx, people.supervisor), "Fire drill", "")
    for refused in (withdraw_announcement, receipts):
        with pytest.raises(PermissionDeniedError):
            refused(ann, posted.id)


def test_a_title_is_needed(ctx: ServiceContext, people: People) -> None:
    with pytest.raises(ValidationError) as caught:
        post_announcement(as_actor(ctx, people.supervisor), "   ", "body")
    assert caught.value.field == "title"
