"""Every table of both stores; importing this package registers them on ``Base.metadata``."""

from db.models.commerce import Invoice, Order, OrderLine, Payment, Product, Shipment
from db.models.customers import Contact, Customer, Email, PhoneNumber
from db.models.directory import (
    AuditEntry,
    DispositionCode,
    NotReadyReason,
    Queue,
    QueueMember,
    SRCategory,
    Team,
    User,
)
from db.models.drafts import NoteDraft
from db.models.knowledge import Announcement, AnnouncementAck, CallScript, KnowledgeArticle
from db.models.presence import AgentPresence
from db.models.replication import (
    AppliedPush,
    ChangeCounter,
    OutboxEntry,
    StoreMeta,
    SyncConflict,
    SyncState,
)
from db.models.work import (
    Callback,
    CallbackAttempt,
    Interaction,
    ServiceRequest,
    SRHistory,
)

__all__ = [
    "AgentPresence",
    "Announcement",
    "AnnouncementAck",
    "AppliedPush",
    "AuditEntry",
    "CallScript",
    "Callback",
    "CallbackAttempt",
    "ChangeCounter",
    "Contact",
    "Customer",
    "DispositionCode",
    "Email",
    "Interaction",
    "Invoice",
    "KnowledgeArticle",
    "NotReadyReason",
    "NoteDraft",
    "Order",
    "OrderLine",
    "OutboxEntry",
    "Payment",
    "PhoneNumber",
    "Product",
    "Queue",
    "QueueMember",
    "SRCategory",
    "SRHistory",
    "ServiceRequest",
    "Shipment",
    "StoreMeta",
    "SyncConflict",
    "SyncState",
    "Team",
    "User",
]
