"""Who is acting, on which store, in which phone region: what every service call needs."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.enums import Role
from db.store import session_factory
from db.types import utcnow


@dataclass(frozen=True)
class Actor:
    """The signed-in person; ``None`` as an actor means the system itself (imports, upgrades)."""

    user_id: uuid.UUID
    username: str
    role: Role


@dataclass(frozen=True)
class ServiceContext:
    sessions: sessionmaker[Session]
    default_region: str
    actor: Actor | None = None
    clock: Callable[[], dt.datetime] = field(default=utcnow)

    @classmethod
    def for_engine(
        cls, engine: Engine, default_region: str, actor: Actor | None = None
    ) -> ServiceContext:
        return cls(sessions=session_factory(engine), default_region=default_region, actor=actor)

    def dispose(self) -> None:
        """Close the store's connections (the context is unusable afterwards)."""
        bind = self.sessions.kw.get("bind")
        if bind is not None:
            bind.dispose()

    @property
    def actor_id(self) -> uuid.UUID | None:
        return self.actor.user_id if self.actor else None
