"""What agents are told and shown beside a call: announcements, call scripts, articles."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, ForeignKey, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Replicated
from db.types import UTCDateTime


class Announcement(Replicated, Base):
    """A supervisor's message to every desk (``queue_id`` empty) or to one queue's members,
    shown until each person acknowledges it or it expires; ``active`` false withdraws it."""

    __tablename__ = "announcements"

    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="", server_default="")
    queue_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("queues.id"), index=True)
    posted_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    posted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class AnnouncementAck(Replicated, Base):
    """One person's acknowledgement of an announcement (append-only)."""

    __tablename__ = "announcement_acks"

    announcement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("announcements.id"), index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    acked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class CallScript(Replicated, Base):
    """What to say on a queue's calls or a request category's: ``steps`` is JSON, a list of
    ``{"text": ..., "sensitive": bool}``; ``{name}``-style fields are filled from the record.
    A script names a queue, a category, both, or neither (the fallback)."""

    __tablename__ = "call_scripts"

    name: Mapped[str] = mapped_column(String(200))
    queue_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("queues.id"), index=True)
    category_code: Mapped[str | None] = mapped_column(String(32))
    steps: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class KnowledgeArticle(Replicated, Base):
    """An answer agents look up from the search box (few enough to search without an index)."""

    __tablename__ = "knowledge_articles"

    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="", server_default="")
    tags: Mapped[str] = mapped_column(String(500), default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
