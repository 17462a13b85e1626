"""Agent presence: what each desk is doing now, written straight to the shared store."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.types import UTCDateTime


class AgentPresence(Base):
    """One row per signed-in person, refreshed by their desk's heartbeat while it is online.

    Not replicated through the outbox: it is only ever current, and a desk whose heartbeat
    stops shows as offline to supervisors (``heartbeat_at`` goes stale).
    """

    __tablename__ = "agent_presence"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    desk: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(32))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    state_since: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    call_id: Mapped[str | None] = mapped_column(String(255))
    call_caller: Mapped[str | None] = mapped_column(String(200))
    call_queue_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    call_offered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    call_answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    call_waited_seconds: Mapped[int | None] = mapped_column()
    heartbeat_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
