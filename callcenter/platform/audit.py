"""The audit trail: every record edit leaves who, when, what, before and after."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy.orm import Session

from callcenter.platform.context import ServiceContext
from db.models import AuditEntry


def _json(value: dict[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, default=str, ensure_ascii=False, sort_keys=True)


def record(
    session: Session,
    ctx: ServiceContext,
    action: str,
    entity: str,
    entity_id: uuid.UUID | None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add an audit entry to the caller's transaction, so it commits or fails with the edit."""
    session.add(
        AuditEntry(
            at=ctx.clock(),
            actor_id=ctx.actor_id,
            updated_by=ctx.actor_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=_json(before),
            after=_json(after),
        )
    )


def note(
    ctx: ServiceContext, action: str, entity: str, *, after: dict[str, Any] | None = None
) -> None:
    """An audit entry on its own (sign-in, a state change, an export): its own transaction."""
    with ctx.sessions.begin() as session:
        record(session, ctx, action, entity, ctx.actor_id, after=after)
