"""The contact center's own work: interactions, service requests and their history, callbacks."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, Integer, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Replicated
from db.enums import (
    CallbackOutcome,
    CallbackStatus,
    Channel,
    Direction,
    Priority,
    SRStatus,
)
from db.models._columns import enum_type
from db.types import UTCDateTime


class Interaction(Replicated, Base):
    """One contact with a customer: a call (inbound or outbound), an e-mail, a visit.

    Append-only in replication: an agent's log of a call never conflicts with anyone's.
    """

    __tablename__ = "interactions"
    #: The supervisor's missed calls are the day's unanswered ones, a small share of the day.
    __table_args__ = (
        Index(
            "ix_interactions_unanswered",
            "offered_at",
            sqlite_where=text("answered_at IS NULL"),
            postgresql_where=text("answered_at IS NULL"),
        ),
    )

    channel: Mapped[Channel] = mapped_column(enum_type(Channel, "channel"))
    direction: Mapped[Direction] = mapped_column(enum_type(Direction, "direction"))
    sip_call_id: Mapped[str | None] = mapped_column(String(255), index=True)
    queue_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("queues.id"), index=True)
    caller_number: Mapped[str | None] = mapped_column(String(64))
    dialled_number: Mapped[str | None] = mapped_column(String(64))
    offered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Seconds the caller had already waited in the phone system's queue before the call was
    # offered here (from a configurable SIP header); counts in ASA and service level.
    queue_wait_seconds: Mapped[int | None] = mapped_column(Integer)
    disposition_code: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    agent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    customer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"), index=True)
    service_request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("service_requests.id"), index=True
    )
    callback_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("callbacks.id"), index=True)


class ServiceRequest(Replicated, Base):
    """A customer's problem or request, tracked to resolution against an SLA.

    ``number`` (e.g. ``SR-7K3F9QX2``) is random, not sequential, so a desk can make one
    offline and it is still unique.
    """

    __tablename__ = "service_requests"
    #: The SLA watch reads open requests only (resolved ones far outnumber them).
    __table_args__ = (
        Index(
            "ix_service_requests_open_sla_due_at",
            "sla_due_at",
            sqlite_where=text("status NOT IN ('resolved', 'closed')"),
            postgresql_where=text("status NOT IN ('resolved', 'closed')"),
        ),
    )

    number: Mapped[str] = mapped_column(String(16), unique=True)
    customer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"), index=True)
    category_code: Mapped[str] = mapped_column(String(32))
    priority: Mapped[Priority] = mapped_column(enum_type(Priority, "priority"))
    status: Mapped[SRStatus] = mapped_column(enum_type(SRStatus, "sr_status"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    resolution: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    queue_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("queues.id"), index=True)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sla_due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    opened_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    history: Mapped[list[SRHistory]] = relationship(
        lazy="raise", back_populates="service_request", order_by="SRHistory.at"
    )


class SRHistory(Replicated, Base):
    """One changed field of a service request: who, when, from what, to what."""

    __tablename__ = "sr_history"

    service_request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("service_requests.id"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    service_request: Mapped[ServiceRequest] = relationship(lazy="raise", back_populates="history")


class Callback(Replicated, Base):
    """A promise to call a customer back within a window, owned by an agent or a queue."""

    __tablename__ = "callbacks"

    customer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"), index=True)
    phone_number: Mapped[str] = mapped_column(String(64))
    due_from: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    due_until: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text)
    owner_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    owner_queue_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("queues.id"), index=True)
    status: Mapped[CallbackStatus] = mapped_column(
        enum_type(CallbackStatus, "callback_status"), index=True
    )
    attempt_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    service_request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("service_requests.id"), index=True
    )

    attempts: Mapped[list[CallbackAttempt]] = relationship(
        lazy="raise", back_populates="callback", order_by="CallbackAttempt.at"
    )

    __table_args__ = (
        # The screen pop asks for a customer's pending callbacks by due time; without this
        # SQLite walks every pending callback (6.8 ms at a million customers).
        Index("ix_callbacks_customer_status_due", "customer_id", "status", "due_from"),
        # A missed call is called back when a callback to its number is due after it.
        Index("ix_callbacks_phone_number_due_from", "phone_number", "due_from"),
    )


class CallbackAttempt(Replicated, Base):
    __tablename__ = "callback_attempts"

    callback_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("callbacks.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    agent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    outcome: Mapped[CallbackOutcome] = mapped_column(enum_type(CallbackOutcome, "callback_outcome"))
    interaction_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("interactions.id"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")

    callback: Mapped[Callback] = relationship(lazy="raise", back_populates="attempts")
