"""Work in progress on this desk only: the interaction log the agent is typing."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.types import UTCDateTime


class NoteDraft(Base):
    """The call log as typed so far, saved on every pause in typing.

    Local-only (never replicated): it exists so a crash or a closed window loses nothing;
    saving the log turns it into an Interaction and deletes the draft.
    """

    __tablename__ = "note_drafts"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    call_id: Mapped[str | None] = mapped_column(String(255))
    interaction_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    customer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    service_request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    disposition_code: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str] = mapped_column(Text, default="")
    caller_number: Mapped[str | None] = mapped_column(String(64))
    direction: Mapped[str | None] = mapped_column(String(16))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
