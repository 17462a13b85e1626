"""Disposition codes: how a call ended, as the log form offers it."""

from __future__ import annotations

from sqlalchemy import select

from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import Code
from callcenter.platform.errors import ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from db.models import DispositionCode

MAX_CODE = 32
MAX_LABEL = 200


def _clean(code: str, label: str) -> tuple[str, str]:
    code, label = code.strip().lower(), " ".join(label.split())
    if not code or len(code) > MAX_CODE or not code.replace("_", "").isalnum():
        raise ValidationError(
            "code", N_("use 1 to {max_code} letters, digits or _"), max_code=MAX_CODE
        )
    if not label or len(label) > MAX_LABEL:
        raise ValidationError(
            "label", N_("is required, at most {max_label} characters"), max_label=MAX_LABEL
        )
    return code, label


def save_disposition(
    ctx: ServiceContext,
    code: str,
    label: str,
    *,
    requires_notes: bool = False,
    active: bool = True,
) -> Code:
    """Add the code, or change its label, whether it needs notes, and whether it is offered."""
    require(ctx, Action.EDIT_DICTIONARY)
    code, label = _clean(code, label)
    after = {"label": label, "requires_notes": requires_notes, "active": active}
    with ctx.sessions.begin() as session:
        row = session.scalar(select(DispositionCode).where(DispositionCode.code == code))
        if row is None:
            row = DispositionCode(code=code, updated_by=ctx.actor_id, **after)
            session.add(row)
            before = None
        else:
            before = {k: getattr(row, k) for k in after}
            if before == after:
                return Code(row.code, row.label)
            for key, value in after.items():
                setattr(row, key, value)
            row.updated_by = ctx.actor_id
        session.flush()
        action = "create" if before is None else "edit"
        audit.record(session, ctx, action, "disposition_code", row.id, before=before, after=after)
        return Code(row.code, row.label)
