"""Call scripts: what to say on a queue's calls or about a request category, step by step,
with the caller's fields filled in.

A script names a queue, a category, both, or neither; the desk shows the most specific
active one for the call. Fields are ``{name}``-style words replaced by plain lookup (never
``str.format``, whose ``{0.__class__}`` reads attributes): a word not known, or known but with
nothing to fill it, stays as typed, so the agent sees what to ask.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError, ValidationError
from callcenter.platform.language import words
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import Customer360, CustomerProfile
from db.models import CallScript, Queue, SRCategory

MAX_NAME = 200
MAX_STEP = 1000
MAX_STEPS = 50
FIELD = re.compile(r"\{(\w+)\}")
#: The fields a script may use, as the editor lists them.
FIELDS = ("name", "company", "city", "region", "account", "number", "agent")


@dataclass(frozen=True)
class ScriptStep:
    text: str
    #: Read with care: identity checks, card numbers, anything not to be repeated aloud.
    sensitive: bool = False


@dataclass(frozen=True)
class ScriptView:
    id: uuid.UUID
    version: int
    name: str
    queue_id: uuid.UUID | None
    queue_name: str | None
    category_code: str | None
    steps: tuple[ScriptStep, ...]
    active: bool


@dataclass(frozen=True)
class FilledScript:
    """A script as the agent reads it for one call."""

    script_id: uuid.UUID
    name: str
    steps: tuple[ScriptStep, ...]
    #: Fields typed in the script that nothing filled (shown as typed).
    unfilled: tuple[str, ...]


def _step(raw: ScriptStep | Mapping[str, object], index: int) -> ScriptStep:
    text: object
    sensitive: object
    if isinstance(raw, ScriptStep):
        text, sensitive = raw.text, raw.sensitive
    elif isinstance(raw, Mapping):
        text, sensitive = raw.get("text"), raw.get("sensitive", False)
    else:
        raise ValidationError("steps", N_("step {number} is not a step"), number=index + 1)
    if not isinstance(text, str) or not text.strip() or len(text.strip()) > MAX_STEP:
        raise ValidationError(
            "steps",
            N_("step {number} needs 1 to {max_step} characters"),
            number=index + 1,
            max_step=MAX_STEP,
        )
    if not isinstance(sensitive, bool):
        raise ValidationError(
            "steps", N_("step {number}: sensitive is yes or no"), number=index + 1
        )
    return ScriptStep(text.strip(), sensitive)


def clean_steps(steps: Sequence[ScriptStep | Mapping[str, object]]) -> tuple[ScriptStep, ...]:
    """The steps as stored: each a non-empty text and whether it is sensitive."""
    if isinstance(steps, str | bytes) or not isinstance(steps, Sequence):
        raise ValidationError("steps", N_("must be a list of steps"))
    if not steps or len(steps) > MAX_STEPS:
        raise ValidationError("steps", N_("needs 1 to {max_steps} steps"), max_steps=MAX_STEPS)
    return tuple(_step(raw, i) for i, raw in enumerate(steps))


def _load_steps(stored: str) -> tuple[ScriptStep, ...]:
    """Stored JSON as steps; a malformed entry (written by hand in SQL) is left out."""
    try:
        raw = json.loads(stored)
    except ValueError:
        return ()
    if not isinstance(raw, list):
        return ()
    return tuple(
        ScriptStep(item["text"], item.get("sensitive") is True)
        for item in raw
        if isinstance(item, dict) and isinstance(item.get("text"), str)
    )


def _dump_steps(steps: tuple[ScriptStep, ...]) -> str:
    return json.dumps(
        [{"text": s.text, "sensitive": s.sensitive} for s in steps], ensure_ascii=False
    )


def _view(session: Session, row: CallScript) -> ScriptView:
    queue = session.get(Queue, row.queue_id) if row.queue_id else None
    return ScriptView(
        id=row.id,
        version=row.version,
        name=row.name,
        queue_id=row.queue_id,
        queue_name=words(queue.display_name, queue.labels) if queue else None,
        category_code=row.category_code,
        steps=_load_steps(row.steps),
        active=row.active,
    )


def _check_target(session: Session, queue_id: uuid.UUID | None, category_code: str | None) -> None:
    if queue_id is not None:
        queue = session.get(Queue, queue_id)
        if queue is None or queue.deleted:
            raise ValidationError("queue", N_("no such queue"))
    if category_code is not None:
        known = select(SRCategory.id).where(
            SRCategory.code == category_code, SRCategory.deleted.is_(False)
        )
        if session.scalar(known) is None:
            raise ValidationError("category", N_("no such category {code!r}"), code=category_code)


def _same_target(
    session: Session,
    queue_id: uuid.UUID | None,
    category_code: str | None,
    other_than: uuid.UUID | None,
) -> str | None:
    """The name of another active script for exactly this queue and category."""
    query = select(CallScript.name).where(
        CallScript.active.is_(True),
        CallScript.deleted.is_(False),
        CallScript.queue_id.is_(None) if queue_id is None else CallScript.queue_id == queue_id,
        CallScript.category_code.is_(None)
        if category_code is None
        else CallScript.category_code == category_code,
    )
    if other_than is not None:
        query = query.where(CallScript.id != other_than)
    return session.scalar(query.limit(1))


def save_script(
    ctx: ServiceContext,
    name: str,
    steps: Sequence[ScriptStep | Mapping[str, object]],
    *,
    queue_id: uuid.UUID | None = None,
    category_code: str | None = None,
    active: bool = True,
    script_id: uuid.UUID | None = None,
) -> ScriptView:
    """Add a script (``script_id`` None) or change one; deactivating keeps it for the record.
    One active script per queue and category, so the desk's choice is never a coin toss."""
    require(ctx, Action.EDIT_KNOWLEDGE)
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise ValidationError(
            "name", N_("is required, at most {max_name} characters"), max_name=MAX_NAME
        )
    cleaned = clean_steps(steps)
    category_code = (category_code or "").strip() or None
    after: dict[str, object] = {
        "name": name,
        "queue_id": queue_id,
        "category_code": category_code,
        "steps": _dump_steps(cleaned),
        "active": active,
    }
    with ctx.sessions.begin() as session:
        _check_target(session, queue_id, category_code)
        if active:
            clash = _same_target(session, queue_id, category_code, script_id)
            if clash is not None:
                raise ValidationError(
                    "queue",
                    N_("the script {name!r} is already active for this queue and category"),
                    name=clash,
                )
        if script_id is None:
            row = CallScript(updated_by=ctx.actor_id, **after)
            session.add(row)
            before = None
        else:
            found = session.get(CallScript, script_id)
            if found is None or found.deleted:
                raise NotFoundError(N_("no call script {id}"), id=script_id)
            row = found
            before = {key: getattr(row, key) for key in after}
            if before == after:
                return _view(session, row)
            for key, value in after.items():
                setattr(row, key, value)
            row.updated_by = ctx.actor_id
        session.flush()
        action = "create" if before is None else "edit"
        audit.record(session, ctx, action, "call_script", row.id, before=before, after=after)
        return _view(session, row)


def scripts(ctx: ServiceContext) -> list[ScriptView]:
    """Every script, the inactive ones too, by name: the editor's list."""
    with ctx.sessions() as session:
        rows = session.scalars(
            select(CallScript).where(CallScript.deleted.is_(False)).order_by(CallScript.name)
        )
        return [_view(session, row) for row in rows]


def _specificity(row: CallScript, queue_id: uuid.UUID | None, category: str | None) -> int:
    """3 queue and category, 2 queue, 1 category, 0 neither; -1 another queue or category."""
    if row.queue_id is not None and row.queue_id != queue_id:
        return -1
    if row.category_code is not None and row.category_code != category:
        return -1
    return 2 * (row.queue_id is not None) + (row.category_code is not None)


def fields_of(
    customer: CustomerProfile | None, agent_name: str | None, number: str | None = None
) -> dict[str, str]:
    """The values a script's fields take for one call (only those there are)."""
    values = {"agent": agent_name, "number": number}
    if customer is not None:
        first_phone = customer.phones[0].raw if customer.phones else None
        values |= {
            "name": customer.name,
            "company": customer.company_name,
            "city": customer.city,
            "region": customer.region,
            "account": customer.external_id,
            "number": number or first_phone,
        }
    return {key: value for key, value in values.items() if value}


def fill(text: str, values: Mapping[str, str]) -> tuple[str, set[str]]:
    """``text`` with each ``{field}`` that has a value replaced; the fields left as typed."""
    left: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None:
            left.add(match.group(1))
            return match.group(0)
        return value

    return FIELD.sub(replace, text), left


def script_for(
    ctx: ServiceContext,
    *,
    queue_id: uuid.UUID | None,
    category_code: str | None,
    customer: Customer360 | CustomerProfile | None,
    agent_name: str | None,
    number: str | None = None,
) -> FilledScript | None:
    """The most specific active script for the call (queue and category, queue, category,
    neither; equal ones by name), filled from the customer's record, the agent's name and
    the caller's ``number`` (else the record's first). None when no script applies."""
    with ctx.sessions() as session:
        rows = session.scalars(
            select(CallScript)
            .where(CallScript.active.is_(True), CallScript.deleted.is_(False))
            .order_by(CallScript.name, CallScript.id)
        ).all()
        ranked = [(_specificity(r, queue_id, category_code), r) for r in rows]
        fitting = [(rank, r) for rank, r in ranked if rank >= 0]
        if not fitting:
            return None
        best = max(fitting, key=lambda pair: pair[0])[1]
        name, steps = best.name, _load_steps(best.steps)
        script_id = best.id
    profile = customer.profile if isinstance(customer, Customer360) else customer
    values = fields_of(profile, agent_name, number)
    filled: list[ScriptStep] = []
    unfilled: set[str] = set()
    for step in steps:
        text, left = fill(step.text, values)
        filled.append(ScriptStep(text, step.sensitive))
        unfilled |= left
    return FilledScript(script_id, name, tuple(filled), tuple(sorted(unfilled)))
