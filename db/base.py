"""Declarative base and the replication columns every replicated row carries."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import BigInteger, Boolean, Integer, MetaData, Uuid, false
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from db.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every model; the naming convention keeps constraint names equal on both stores."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Replicated:
    """Columns that let a row be made offline and replicated without losing or doubling it.

    The id is made by the client so a row exists before any server sees it; ``version`` guards
    concurrent edits; ``deleted`` is a tombstone so deletions replicate; ``change_seq`` and
    ``change_xid`` are stamped by the shared store's triggers (``db/changefeed_ddl.py``).
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False
    )
    updated_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    @declared_attr
    def change_seq(cls) -> Mapped[int | None]:  # noqa: N805 - declared_attr takes the class
        return mapped_column(BigInteger, nullable=True, index=True)

    @declared_attr
    def change_xid(cls) -> Mapped[int | None]:  # noqa: N805 - declared_attr takes the class
        # PostgreSQL only: the writing transaction's id, so a pull reads finished ones only.
        return mapped_column(BigInteger, nullable=True, index=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - declared_attr takes the class
        # The ORM bumps ``version`` on every update and refuses a stale one (StaleDataError).
        table = cls.__table__  # type: ignore[attr-defined]
        return {"version_id_col": table.c.version}
