"""People and routing: users, teams, queues, and the data dictionary."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, Uuid, false, true
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Replicated
from db.enums import Priority, Role
from db.models._columns import enum_type
from db.types import UTCDateTime, utcnow


class Labelled:
    """A dictionary entry's words in other languages: JSON ``{"zh_CN": "..."}`` beside the
    source ``label`` (or a queue's ``display_name``), shown in the reader's language."""

    labels: Mapped[str | None] = mapped_column(Text)


class Team(Replicated, Base):
    __tablename__ = "teams"

    name: Mapped[str] = mapped_column(String(100), unique=True)


class User(Replicated, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"), index=True)
    sip_username: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Queue(Labelled, Replicated, Base):
    __tablename__ = "queues"

    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    dialled_number: Mapped[str | None] = mapped_column(String(32), index=True)
    service_level_seconds: Mapped[int] = mapped_column(Integer, default=20, server_default="20")
    service_level_target_percent: Mapped[int] = mapped_column(
        Integer, default=80, server_default="80"
    )
    #: A desk in wrap-up turns this queue's calls away (the PBX offers them to the next agent).
    protect_wrap_up: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: A call's log is saved only with an outcome (a disposition code).
    outcome_required: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    #: Seconds of wrap-up after this queue's calls; empty: the desk's own setting.
    wrap_up_seconds: Mapped[int | None] = mapped_column(Integer)


class QueueMember(Replicated, Base):
    """Which agents take calls and callbacks for which queue."""

    __tablename__ = "queue_members"

    queue_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("queues.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)


class DispositionCode(Labelled, Replicated, Base):
    """How a call ended from the business's point of view (sale, complaint, wrong number...)."""

    __tablename__ = "disposition_codes"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    requires_notes: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class SRCategory(Labelled, Replicated, Base):
    """Service-request category; its SLA hours set the due time of a new request."""

    __tablename__ = "sr_categories"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    sla_hours: Mapped[int] = mapped_column(Integer)
    #: What a new request of this category starts with (empty: normal, no queue).
    default_priority: Mapped[Priority | None] = mapped_column(enum_type(Priority, "priority"))
    default_queue_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("queues.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class NotReadyReason(Labelled, Replicated, Base):
    __tablename__ = "not_ready_reasons"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class AuditEntry(Replicated, Base):
    """Who did what, when; before/after as JSON text for edits. Insert-only by convention."""

    __tablename__ = "audit_log"

    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
