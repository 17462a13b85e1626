"""Replication bookkeeping: the desk's outbox and pull position, the shared store's record of
applied pushes, and the conflicts a merge could not settle.

Both stores carry every table ("two stores, one schema"); each role uses its own part.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, Boolean, Integer, String, Text, Uuid, false
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Replicated
from db.types import UTCDateTime


class StoreMeta(Base):
    """Facts about the store itself; ``role`` is ``shared`` or ``local``."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class ChangeCounter(Base):
    """The SQLite shared store's change sequence (PostgreSQL uses a real sequence)."""

    __tablename__ = "cc_change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class OutboxEntry(Base):
    """One local write waiting to reach the shared store, in the order it was made.

    ``changes`` holds the new values of the columns the write set, ``base`` their values
    before it (JSON objects); together with ``base_version`` they let the shared store merge
    the write with edits it never saw.
    """

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    op: Mapped[str] = mapped_column(String(8))
    base_version: Mapped[int] = mapped_column(Integer)
    changes: Mapped[str] = mapped_column(Text)
    base: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    refused: Mapped[str | None] = mapped_column(Text)
    #: The local transaction the entry was written in: the push applies or refuses it whole.
    txn: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    refused_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class SyncState(Base):
    """The desk's single row of replication state, so another process can report it.

    The pull position is a window of finished transactions (``window_lo`` to ``window_hi``)
    and how far into it the pull got (``table_index``, ``last_seq``).
    """

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    desk: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(String(32), default="all")
    window_lo: Mapped[int] = mapped_column(BigInteger, default=0)
    window_hi: Mapped[int | None] = mapped_column(BigInteger)
    table_index: Mapped[int] = mapped_column(Integer, default=0)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=-1)
    initial_done: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    initial_rows: Mapped[int] = mapped_column(BigInteger, default=0)
    initial_total: Mapped[int | None] = mapped_column(BigInteger)
    online: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    #: Shared transactions running when the open window was read, and those of the last
    #: closed window: their rows are read once they end (comma-separated ids).
    window_xip: Mapped[str | None] = mapped_column(Text)
    pending_xids: Mapped[str | None] = mapped_column(Text)
    #: Whose shared transaction has kept its rows back for long (None when nobody's has).
    held_back: Mapped[str | None] = mapped_column(Text)


class AppliedPush(Base):
    """An outbox entry the shared store has applied; a replay of it changes nothing.

    On PostgreSQL ``applied_by`` and ``applied_at`` are the database's (the signed-in person,
    the transaction's time), whatever the push or anyone else says.
    """

    __tablename__ = "replication_applied"

    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    desk: Mapped[str] = mapped_column(String(100))
    applied_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    applied_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class SyncConflict(Replicated, Base):
    """Two desks changed the same field of the same row without seeing each other's edit.

    The write that reached the shared store later is kept; the other value is kept here so
    the affected agent or a supervisor can see it and put it back.
    """

    __tablename__ = "sync_conflicts"

    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    field: Mapped[str] = mapped_column(String(64))
    kept_value: Mapped[str | None] = mapped_column(Text)
    lost_value: Mapped[str | None] = mapped_column(Text)
    kept_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    lost_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    detected_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    resolution: Mapped[str | None] = mapped_column(String(16))
