"""Service requests: open from a call, work through the status lifecycle against an SLA.

Every change writes one history row per field, in the same transaction as the change.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from callcenter.crm.customer_fields import clean_choice
from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import (
    ConflictError,
    FieldPermissionError,
    NotFoundError,
    ValidationError,
)
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, is_supervisor, require, require_work_on
from callcenter.platform.records import ServiceRequestView
from callcenter.platform.views import service_request_view
from db.enums import Priority, SRStatus
from db.models import Customer, Queue, ServiceRequest, SRCategory, SRHistory, User

#: Crockford base32 without I, L, O, U: unambiguous when read out on the phone.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
NUMBER_LENGTH = 8

TRANSITIONS: dict[SRStatus, frozenset[SRStatus]] = {
    SRStatus.OPEN: frozenset(
        {SRStatus.IN_PROGRESS, SRStatus.WAITING_ON_CUSTOMER, SRStatus.RESOLVED}
    ),
    SRStatus.IN_PROGRESS: frozenset({SRStatus.WAITING_ON_CUSTOMER, SRStatus.RESOLVED}),
    SRStatus.WAITING_ON_CUSTOMER: frozenset({SRStatus.IN_PROGRESS, SRStatus.RESOLVED}),
    SRStatus.RESOLVED: frozenset({SRStatus.CLOSED, SRStatus.REOPENED}),
    SRStatus.CLOSED: frozenset({SRStatus.REOPENED}),
    SRStatus.REOPENED: frozenset(
        {SRStatus.IN_PROGRESS, SRStatus.WAITING_ON_CUSTOMER, SRStatus.RESOLVED}
    ),
}
OPEN_STATUSES = frozenset(
    {SRStatus.OPEN, SRStatus.IN_PROGRESS, SRStatus.WAITING_ON_CUSTOMER, SRStatus.REOPENED}
)
EDITABLE = frozenset(
    {
        "category_code",
        "priority",
        "status",
        "assignee_id",
        "queue_id",
        "subject",
        "description",
        "resolution",
        "satisfaction",
    }
)


def new_number() -> str:
    """A human-readable number unique without asking a server (40 random bits)."""
    return "SR-" + "".join(secrets.choice(ALPHABET) for _ in range(NUMBER_LENGTH))


@dataclass(frozen=True)
class NewServiceRequest:
    subject: str
    category_code: str
    customer_id: uuid.UUID | None = None
    description: str = ""
    #: None: the category's default priority, else normal.
    priority: Priority | None = None
    assignee_id: uuid.UUID | None = None
    queue_id: uuid.UUID | None = None


def _category(session: Session, code: str) -> SRCategory:
    category = session.scalar(
        select(SRCategory).where(SRCategory.code == code, SRCategory.deleted.is_(False))
    )
    if category is None or not category.active:
        raise ValidationError("category_code", N_("{code!r} is not an active category"), code=code)
    return category


def _check_exists(session: Session, model: Any, key: uuid.UUID | None, field: str) -> None:
    if key is not None and session.get(model, key) is None:
        raise ValidationError(field, N_("{key} does not exist"), key=key)


def _history(
    session: Session, ctx: ServiceContext, sr: ServiceRequest, field: str, *, old: Any, new: Any
) -> None:
    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    session.add(
        SRHistory(
            service_request_id=sr.id,
            at=ctx.clock(),
            actor_id=ctx.actor_id,
            updated_by=ctx.actor_id,
            field=field,
            old_value=text(old),
            new_value=text(new),
        )
    )


def create_service_request(ctx: ServiceContext, new: NewServiceRequest) -> ServiceRequestView:
    """Open a request; its SLA due time comes from the category's SLA hours, and a request
    given no priority, or neither a person nor a queue, takes the category's defaults."""
    require(ctx, Action.EDIT_SERVICE_REQUESTS)
    subject = " ".join(new.subject.split())
    if not subject:
        raise ValidationError("subject", N_("is required"))
    if len(subject) > 200:
        raise ValidationError("subject", N_("is longer than 200 characters"))
    given = None if new.priority is None else clean_choice(Priority, new.priority, "priority")
    for attempt in range(3):
        try:
            with ctx.sessions.begin() as session:
                category = _category(session, new.category_code)
                _check_exists(session, Customer, new.customer_id, "customer_id")
                _check_exists(session, User, new.assignee_id, "assignee_id")
                _check_exists(session, Queue, new.queue_id, "queue_id")
                priority = given or category.default_priority or Priority.NORMAL
                queue_id = new.queue_id
                if queue_id is None and new.assignee_id is None:
                    queue_id = category.default_queue_id
                now = ctx.clock()
                sr = ServiceRequest(
                    id=uuid.uuid4(),
                    number=new_number(),
                    customer_id=new.customer_id,
                    category_code=category.code,
                    priority=priority,
                    status=SRStatus.OPEN,
                    subject=subject,
                    description=new.description,
                    assignee_id=new.assignee_id,
                    queue_id=queue_id,
                    opened_at=now,
                    sla_due_at=now + dt.timedelta(hours=category.sla_hours),
                    opened_by=ctx.actor_id,
                    updated_by=ctx.actor_id,
                )
                session.add(sr)
                session.flush()
                _history(session, ctx, sr, "status", old=None, new=SRStatus.OPEN.value)
                audit.record(
                    session, ctx, "create", "service_request", sr.id, after={"number": sr.number}
                )
                return service_request_view(sr)
        except IntegrityError:
            # Two random numbers collided (about one in a trillion): draw another.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _load(session: Session, sr_id: uuid.UUID) -> ServiceRequest:
    sr = session.scalar(
        select(ServiceRequest)
        .where(ServiceRequest.id == sr_id, ServiceRequest.deleted.is_(False))
        .options(selectinload(ServiceRequest.history))
    )
    if sr is None:
        raise NotFoundError(N_("service request {sr_id} does not exist"), sr_id=sr_id)
    return sr


def get_service_request(ctx: ServiceContext, sr_id: uuid.UUID) -> ServiceRequestView:
    """One request with its full history."""
    require(ctx, Action.READ_CUSTOMERS)
    with ctx.sessions() as session:
        return service_request_view(_load(session, sr_id), with_history=True)


def _validate_status(sr: ServiceRequest, target: SRStatus, changes: dict[str, Any]) -> None:
    if target == sr.status:
        return
    if target not in TRANSITIONS[sr.status]:
        raise ValidationError(
            "status",
            N_("cannot go from {current} to {target}"),
            current=sr.status.value,
            target=target.value,
        )
    if target == SRStatus.RESOLVED and not (changes.get("resolution") or sr.resolution):
        raise ValidationError("resolution", N_("is required to resolve a request"))


def _clean(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError(sorted(unknown)[0], N_("is not an editable service-request field"))
    clean = dict(changes)
    if "status" in clean:
        clean["status"] = clean_choice(SRStatus, clean["status"], "status")
    if "priority" in clean:
        clean["priority"] = clean_choice(Priority, clean["priority"], "priority")
    if "satisfaction" in clean and clean["satisfaction"] is not None:
        score = clean["satisfaction"]
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise ValidationError("satisfaction", N_("must be a whole number from 1 to 5"))
    if "subject" in clean and not " ".join(str(clean["subject"]).split()):
        raise ValidationError("subject", N_("is required"))
    return clean


def _derive(
    session: Session, ctx: ServiceContext, sr: ServiceRequest, clean: dict[str, Any]
) -> None:
    """Check the change against the rules and add the fields it implies (SLA, timestamps)."""
    if "assignee_id" in clean and clean["assignee_id"] != sr.assignee_id:
        taking_unassigned = sr.assignee_id is None and clean["assignee_id"] == ctx.actor_id
        if not (taking_unassigned or is_supervisor(ctx)):
            raise FieldPermissionError("assignee_id", N_("only a supervisor can reassign"))
        _check_exists(session, User, clean["assignee_id"], "assignee_id")
    if "queue_id" in clean and clean["queue_id"] != sr.queue_id:
        if not is_supervisor(ctx):
            raise FieldPermissionError(
                "queue_id", N_("only a supervisor can move it to another queue")
            )
        _check_exists(session, Queue, clean["queue_id"], "queue_id")
    if "status" in clean:
        _validate_status(sr, clean["status"], clean)
    if "category_code" in clean and clean["category_code"] != sr.category_code:
        category = _category(session, clean["category_code"])
        clean["sla_due_at"] = sr.opened_at + dt.timedelta(hours=category.sla_hours)
    now = ctx.clock()
    status = clean.get("status")
    if status == SRStatus.RESOLVED and sr.status != SRStatus.RESOLVED:
        clean["resolved_at"] = now
    if status == SRStatus.CLOSED:
        clean["closed_at"] = now
    if status == SRStatus.REOPENED:
        clean.update(resolved_at=None, closed_at=None)


def update_service_request(
    ctx: ServiceContext, sr_id: uuid.UUID, expected_version: int, **changes: Any
) -> ServiceRequestView:
    """Apply field changes with lifecycle, SLA and permission rules; one history row each."""
    require(ctx, Action.EDIT_SERVICE_REQUESTS)
    clean = _clean(changes)
    try:
        with ctx.sessions.begin() as session:
            sr = _load(session, sr_id)
            if sr.version != expected_version:
                raise ConflictError(
                    N_("{number} was changed by someone else; reload it"), number=sr.number
                )
            require_work_on(session, ctx, sr.number, sr.assignee_id, sr.queue_id)
            _derive(session, ctx, sr, clean)
            before: dict[str, Any] = {}
            for key, value in clean.items():
                old = getattr(sr, key)
                if old == value:
                    continue
                before[key] = old
                setattr(sr, key, value)
                _history(session, ctx, sr, key, old=_plain(old), new=_plain(value))
            if before:
                sr.updated_by = ctx.actor_id
                session.flush()
                audit.record(
                    session,
                    ctx,
                    "edit",
                    "service_request",
                    sr.id,
                    before=before,
                    after={k: clean[k] for k in before},
                )
            session.flush()
            session.refresh(sr, ["history"])
            return service_request_view(sr, with_history=True)
    except StaleDataError as exc:
        raise ConflictError(N_("the service request was changed by someone else; reload")) from exc


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, SRStatus | Priority) else value


def resolve(
    ctx: ServiceContext, sr_id: uuid.UUID, expected_version: int, resolution: str
) -> ServiceRequestView:
    if not resolution.strip():
        raise ValidationError("resolution", N_("is required to resolve a request"))
    return update_service_request(
        ctx, sr_id, expected_version, status=SRStatus.RESOLVED, resolution=resolution.strip()
    )


def reopen(ctx: ServiceContext, sr_id: uuid.UUID, expected_version: int) -> ServiceRequestView:
    return update_service_request(ctx, sr_id, expected_version, status=SRStatus.REOPENED)


def open_requests_for(ctx: ServiceContext, user_id: uuid.UUID) -> list[ServiceRequestView]:
    """ "My open requests": assigned to ``user_id``, soonest SLA first."""
    require(ctx, Action.READ_CUSTOMERS)
    with ctx.sessions() as session:
        rows = session.scalars(
            select(ServiceRequest)
            .where(
                ServiceRequest.assignee_id == user_id,
                ServiceRequest.status.in_(OPEN_STATUSES),
                ServiceRequest.deleted.is_(False),
            )
            .order_by(ServiceRequest.sla_due_at)
        ).all()
        return [service_request_view(r) for r in rows]
