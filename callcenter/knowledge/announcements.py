"""Announcements: a supervisor's message to every desk or to one queue's members, shown on a
desk until its person acknowledges it (the acknowledgement recorded once) or it expires."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError, ValidationError
from callcenter.platform.language import words
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from db.models import Announcement, AnnouncementAck, Queue, QueueMember, User

MAX_TITLE = 200
MAX_BODY = 4000


@dataclass(frozen=True)
class AnnouncementView:
    id: uuid.UUID
    title: str
    body: str
    #: None: to every desk.
    queue_id: uuid.UUID | None
    queue_name: str | None
    posted_by: uuid.UUID | None
    posted_by_name: str | None
    posted_at: dt.datetime
    expires_at: dt.datetime | None
    active: bool


@dataclass(frozen=True)
class Receipt:
    """One addressed person and when they acknowledged (None: not yet)."""

    user_id: uuid.UUID
    name: str
    acked_at: dt.datetime | None


@dataclass(frozen=True)
class Receipts:
    announcement: AnnouncementView
    #: Earliest acknowledgement first.
    acknowledged: tuple[Receipt, ...]
    #: Addressed and not acknowledged yet, by name.
    waiting: tuple[Receipt, ...]


def _view(session: Session, row: Announcement) -> AnnouncementView:
    queue = session.get(Queue, row.queue_id) if row.queue_id else None
    poster = session.get(User, row.posted_by) if row.posted_by else None
    return AnnouncementView(
        id=row.id,
        title=row.title,
        body=row.body,
        queue_id=row.queue_id,
        queue_name=words(queue.display_name, queue.labels) if queue else None,
        posted_by=row.posted_by,
        posted_by_name=poster.display_name if poster else None,
        posted_at=row.posted_at,
        expires_at=row.expires_at,
        active=row.active,
    )


def _clean(title: str, body: str) -> tuple[str, str]:
    title, body = " ".join(title.split()), body.strip()
    if not title or len(title) > MAX_TITLE:
        raise ValidationError(
            "title", N_("is required, at most {max_title} characters"), max_title=MAX_TITLE
        )
    if len(body) > MAX_BODY:
        raise ValidationError("body", N_("at most {max_body} characters"), max_body=MAX_BODY)
    return title, body


def post_announcement(
    ctx: ServiceContext,
    title: str,
    body: str,
    *,
    queue_id: uuid.UUID | None = None,
    expires_at: dt.datetime | None = None,
) -> AnnouncementView:
    """Post to every desk (no queue) or to one queue's members, shown until acknowledged."""
    require(ctx, Action.POST_ANNOUNCEMENTS)
    title, body = _clean(title, body)
    now = ctx.clock()
    if expires_at is not None and expires_at <= now:
        raise ValidationError("expires_at", N_("must be in the future"))
    with ctx.sessions.begin() as session:
        if queue_id is not None:
            queue = session.get(Queue, queue_id)
            if queue is None or queue.deleted:
                raise ValidationError("queue", N_("no such queue"))
        row = Announcement(
            title=title,
            body=body,
            queue_id=queue_id,
            posted_by=ctx.actor_id,
            posted_at=now,
            expires_at=expires_at,
            active=True,
            updated_by=ctx.actor_id,
        )
        session.add(row)
        session.flush()
        after = {"title": title, "queue_id": queue_id, "expires_at": expires_at}
        audit.record(session, ctx, "post", "announcement", row.id, after=after)
        return _view(session, row)


def withdraw_announcement(ctx: ServiceContext, announcement_id: uuid.UUID) -> AnnouncementView:
    """No desk shows it any more; its acknowledgements stay."""
    require(ctx, Action.POST_ANNOUNCEMENTS)
    with ctx.sessions.begin() as session:
        row = _get(session, announcement_id)
        if row.active:
            row.active = False
            row.updated_by = ctx.actor_id
            session.flush()
            audit.record(
                session,
                ctx,
                "withdraw",
                "announcement",
                row.id,
                before={"active": True},
                after={"active": False},
            )
        return _view(session, row)


def _get(session: Session, announcement_id: uuid.UUID) -> Announcement:
    row = session.get(Announcement, announcement_id)
    if row is None or row.deleted:
        raise NotFoundError(N_("no announcement {id}"), id=announcement_id)
    return row


def _showing(now: dt.datetime) -> list[ColumnElement[bool]]:
    return [
        Announcement.active.is_(True),
        Announcement.deleted.is_(False),
        or_(Announcement.expires_at.is_(None), Announcement.expires_at > now),
    ]


def pending_announcements(ctx: ServiceContext) -> list[AnnouncementView]:
    """What the signed-in person has still to acknowledge: active, unexpired announcements to
    every desk or to one of their queues, the newest first (the system: nothing)."""
    me = ctx.actor_id
    if me is None:
        return []
    with ctx.sessions() as session:
        my_queues = select(QueueMember.queue_id).where(
            QueueMember.user_id == me, QueueMember.deleted.is_(False)
        )
        acked = select(AnnouncementAck.announcement_id).where(
            AnnouncementAck.user_id == me, AnnouncementAck.deleted.is_(False)
        )
        rows = session.scalars(
            select(Announcement)
            .where(
                *_showing(ctx.clock()),
                or_(Announcement.queue_id.is_(None), Announcement.queue_id.in_(my_queues)),
                Announcement.id.not_in(acked),
            )
            .order_by(Announcement.posted_at.desc())
        )
        return [_view(session, row) for row in rows]


def acknowledge(ctx: ServiceContext, announcement_id: uuid.UUID) -> dt.datetime:
    """Record that the signed-in person read it; a second time changes nothing. Returns when
    they acknowledged (the first time)."""
    me = ctx.actor_id
    if me is None:
        raise ValidationError("user", N_("only a signed-in person acknowledges"))
    with ctx.sessions.begin() as session:
        row = _get(session, announcement_id)
        earlier = session.scalar(
            select(AnnouncementAck.acked_at).where(
                AnnouncementAck.announcement_id == row.id,
                AnnouncementAck.user_id == me,
                AnnouncementAck.deleted.is_(False),
            )
        )
        if earlier is not None:
            return earlier
        now = ctx.clock()
        ack = AnnouncementAck(announcement_id=row.id, user_id=me, acked_at=now, updated_by=me)
        session.add(ack)
        session.flush()
        audit.record(session, ctx, "acknowledge", "announcement", row.id, after={"at": now})
        return now


def posted_announcements(ctx: ServiceContext, *, limit: int = 100) -> list[AnnouncementView]:
    """Announcements as supervisors review them: the newest first, withdrawn ones too."""
    require(ctx, Action.POST_ANNOUNCEMENTS)
    with ctx.sessions() as session:
        rows = session.scalars(
            select(Announcement)
            .where(Announcement.deleted.is_(False))
            .order_by(Announcement.posted_at.desc())
            .limit(limit)
        )
        return [_view(session, row) for row in rows]


def receipts(ctx: ServiceContext, announcement_id: uuid.UUID) -> Receipts:
    """Who acknowledged and when, and who of the addressed people (every active person, or
    the queue's members) has not yet."""
    require(ctx, Action.POST_ANNOUNCEMENTS)
    with ctx.sessions() as session:
        row = _get(session, announcement_id)
        acks = session.execute(
            select(AnnouncementAck.user_id, AnnouncementAck.acked_at, User.display_name)
            .join(User, User.id == AnnouncementAck.user_id)
            .where(AnnouncementAck.announcement_id == row.id, AnnouncementAck.deleted.is_(False))
            .order_by(AnnouncementAck.acked_at)
        )
        acknowledged: dict[uuid.UUID, Receipt] = {}
        for user_id, at, name in acks:
            if user_id is not None:
                acknowledged.setdefault(user_id, Receipt(user_id, name, at))
        addressed = select(User.id, User.display_name).where(
            User.active.is_(True), User.deleted.is_(False)
        )
        if row.queue_id is not None:
            addressed = addressed.join(QueueMember, QueueMember.user_id == User.id).where(
                QueueMember.queue_id == row.queue_id, QueueMember.deleted.is_(False)
            )
        waiting = {
            user_id: Receipt(user_id, name, None)
            for user_id, name in session.execute(addressed.order_by(User.display_name))
            if user_id not in acknowledged
        }
        return Receipts(_view(session, row), tuple(acknowledged.values()), tuple(waiting.values()))
