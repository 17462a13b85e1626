"""Closed vocabularies stored as text (with a CHECK constraint) on both stores."""

from __future__ import annotations

from enum import StrEnum


class CustomerKind(StrEnum):
    PERSON = "person"
    COMPANY = "company"


class LifecycleStage(StrEnum):
    POOL = "pool"
    LEAD = "lead"
    OPPORTUNITY = "opportunity"
    CUSTOMER = "customer"


class ValueTier(StrEnum):
    STANDARD = "standard"
    SILVER = "silver"
    GOLD = "gold"
    PLATINUM = "platinum"


class PhoneKind(StrEnum):
    MOBILE = "mobile"
    WORK = "work"
    HOME = "home"
    FAX = "fax"
    OTHER = "other"


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    VISIT = "visit"


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class SRStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    WAITING_ON_CUSTOMER = "waiting_on_customer"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class CallbackStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


class CallbackOutcome(StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    WRONG_NUMBER = "wrong_number"
    RESCHEDULED = "rescheduled"


class OrderStatus(StrEnum):
    PLACED = "placed"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURNED = "returned"


class InvoiceStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    OVERDUE = "overdue"
    VOID = "void"


class ShipmentStatus(StrEnum):
    PREPARING = "preparing"
    IN_TRANSIT = "in_transit"
    DELIVERED = "delivered"
    RETURNED = "returned"
    LOST = "lost"
