"""Plain, frozen results the services hand to the UI and the command line (never ORM rows)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from db.enums import (
    CallbackOutcome,
    CallbackStatus,
    Channel,
    CustomerKind,
    Direction,
    LifecycleStage,
    PhoneKind,
    Priority,
    SRStatus,
    ValueTier,
)


@dataclass(frozen=True)
class PhoneView:
    id: uuid.UUID
    raw: str
    e164: str | None
    extension: str | None
    kind: PhoneKind
    contact_id: uuid.UUID | None


@dataclass(frozen=True)
class EmailView:
    id: uuid.UUID
    address: str
    contact_id: uuid.UUID | None


@dataclass(frozen=True)
class ContactView:
    id: uuid.UUID
    name: str
    title: str | None
    phones: tuple[PhoneView, ...]
    emails: tuple[EmailView, ...]


@dataclass(frozen=True)
class CustomerProfile:
    id: uuid.UUID
    version: int
    external_id: str | None
    kind: CustomerKind
    name: str
    company_name: str | None
    lifecycle_stage: LifecycleStage
    value_tier: ValueTier
    owner_id: uuid.UUID | None
    owner_name: str | None
    region: str | None
    industry: str | None
    source: str | None
    tags: tuple[str, ...]
    notes: str
    phones: tuple[PhoneView, ...]
    emails: tuple[EmailView, ...]
    city: str | None = None


@dataclass(frozen=True)
class SRHistoryView:
    at: dt.datetime
    actor_id: uuid.UUID | None
    field: str
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True)
class ServiceRequestView:
    id: uuid.UUID
    version: int
    number: str
    customer_id: uuid.UUID | None
    category_code: str
    priority: Priority
    status: SRStatus
    subject: str
    description: str
    resolution: str | None
    satisfaction: int | None
    assignee_id: uuid.UUID | None
    queue_id: uuid.UUID | None
    opened_at: dt.datetime
    sla_due_at: dt.datetime
    resolved_at: dt.datetime | None
    closed_at: dt.datetime | None
    history: tuple[SRHistoryView, ...] = ()


@dataclass(frozen=True)
class InteractionView:
    id: uuid.UUID
    channel: Channel
    direction: Direction
    sip_call_id: str | None
    queue_id: uuid.UUID | None
    caller_number: str | None
    offered_at: dt.datetime
    answered_at: dt.datetime | None
    ended_at: dt.datetime | None
    disposition_code: str | None
    notes: str
    agent_id: uuid.UUID | None
    customer_id: uuid.UUID | None
    service_request_id: uuid.UUID | None
    callback_id: uuid.UUID | None


@dataclass(frozen=True)
class CallbackAttemptView:
    at: dt.datetime
    agent_id: uuid.UUID | None
    outcome: CallbackOutcome
    interaction_id: uuid.UUID | None
    notes: str


@dataclass(frozen=True)
class CallbackView:
    id: uuid.UUID
    version: int
    customer_id: uuid.UUID | None
    phone_number: str
    due_from: dt.datetime
    due_until: dt.datetime
    reason: str
    owner_user_id: uuid.UUID | None
    owner_queue_id: uuid.UUID | None
    status: CallbackStatus
    attempt_count: int
    service_request_id: uuid.UUID | None
    attempts: tuple[CallbackAttemptView, ...] = ()


@dataclass(frozen=True)
class OrderView:
    id: uuid.UUID
    number: str
    placed_at: dt.datetime
    status: str
    total_minor: int
    currency: str
    line_count: int


@dataclass(frozen=True)
class InvoiceView:
    id: uuid.UUID
    number: str
    issued_at: dt.datetime
    due_at: dt.datetime
    amount_minor: int
    currency: str
    status: str


@dataclass(frozen=True)
class PaymentView:
    id: uuid.UUID
    paid_at: dt.datetime
    amount_minor: int
    currency: str
    method: str
    reference: str | None


@dataclass(frozen=True)
class ShipmentView:
    id: uuid.UUID
    carrier: str
    tracking_number: str | None
    status: str
    shipped_at: dt.datetime | None
    delivered_at: dt.datetime | None


@dataclass(frozen=True)
class AccountSummary:
    """Money at a glance: what the customer has been billed, has paid, and still owes."""

    order_count: int
    invoiced_minor: int
    paid_minor: int
    outstanding_minor: int
    overdue_invoice_count: int
    currency: str | None


@dataclass(frozen=True)
class Customer360:
    """Everything the screen pop shows about one customer, read in a bounded set of queries."""

    profile: CustomerProfile
    contacts: tuple[ContactView, ...]
    open_service_requests: tuple[ServiceRequestView, ...]
    recent_interactions: tuple[InteractionView, ...]
    orders: tuple[OrderView, ...]
    invoices: tuple[InvoiceView, ...]
    payments: tuple[PaymentView, ...]
    shipments: tuple[ShipmentView, ...]
    callbacks_due: tuple[CallbackView, ...]
    account: AccountSummary
    #: Resolved and closed requests, the latest first: what was already done for the caller.
    done_service_requests: tuple[ServiceRequestView, ...] = ()


@dataclass(frozen=True)
class LookupMatch:
    """One customer (or a contact of one) whose stored number equals the caller's."""

    customer_id: uuid.UUID
    external_id: str | None
    name: str
    company_name: str | None
    contact_id: uuid.UUID | None
    contact_name: str | None
    matched_number: str
    matched_raw: str
    phone_kind: PhoneKind
    #: What tells records sharing a number apart; read only when there is a choice to make.
    city: str | None = None
    region: str | None = None
    last_contact_at: dt.datetime | None = None
    open_requests: int = 0


@dataclass(frozen=True)
class LookupResult:
    """The caller lookup's answer: the number understood, and every match."""

    query: str
    e164: str | None
    matches: tuple[LookupMatch, ...]

    @property
    def withheld_or_invalid(self) -> bool:
        return self.e164 is None


@dataclass(frozen=True)
class SearchHit:
    """A search result: what kind of thing matched, on what, and where to go."""

    kind: str
    customer_id: uuid.UUID | None
    service_request_id: uuid.UUID | None
    title: str
    detail: str
    matched_on: str
    score: float
