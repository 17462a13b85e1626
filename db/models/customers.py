"""The customer record: customers, their contacts, phone numbers and e-mail addresses."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Replicated
from db.enums import CustomerKind, LifecycleStage, PhoneKind, ValueTier
from db.models._columns import enum_type


class Customer(Replicated, Base):
    """A person or a company the contact center serves.

    ``search_text`` is derived by the service layer from the name, company and external id
    (with CJK characters spaced so each can be searched); the store's full-text index
    (``db/search_ddl.py``) reads it.
    """

    __tablename__ = "customers"
    #: Only tombstones of merges are indexed: a desk looks for them after every pull.
    __table_args__ = (
        Index(
            "ix_customers_merged_into_id",
            "merged_into_id",
            sqlite_where=text("merged_into_id IS NOT NULL"),
            postgresql_where=text("merged_into_id IS NOT NULL"),
        ),
    )

    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    kind: Mapped[CustomerKind] = mapped_column(enum_type(CustomerKind, "customer_kind"))
    name: Mapped[str] = mapped_column(String(200))
    company_name: Mapped[str | None] = mapped_column(String(200))
    lifecycle_stage: Mapped[LifecycleStage] = mapped_column(
        enum_type(LifecycleStage, "lifecycle_stage")
    )
    value_tier: Mapped[ValueTier] = mapped_column(enum_type(ValueTier, "value_tier"))
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    region: Mapped[str | None] = mapped_column(String(64))
    city: Mapped[str | None] = mapped_column(String(100))
    industry: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(String(64))
    tags: Mapped[str] = mapped_column(String(500), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Set on the record a merge removed (a tombstone): the customer it became part of.
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"), index=True)

    contacts: Mapped[list[Contact]] = relationship(lazy="raise", back_populates="customer")
    phone_numbers: Mapped[list[PhoneNumber]] = relationship(lazy="raise", back_populates="customer")
    emails: Mapped[list[Email]] = relationship(lazy="raise", back_populates="customer")


class Contact(Replicated, Base):
    """A person at a customer (the buyer at a company, a spouse on a household account)."""

    __tablename__ = "contacts"

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")

    customer: Mapped[Customer] = relationship(lazy="raise", back_populates="contacts")


class PhoneNumber(Replicated, Base):
    """A number as the user entered it and as E.164, the key of caller lookup.

    ``national`` holds the national significant number's digits so a partial number typed
    the local way ("0207 946...") can be found by prefix.
    """

    __tablename__ = "phone_numbers"

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    raw: Mapped[str] = mapped_column(String(64))
    e164: Mapped[str | None] = mapped_column(String(20), index=True)
    national: Mapped[str | None] = mapped_column(String(20), index=True)
    extension: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[PhoneKind] = mapped_column(enum_type(PhoneKind, "phone_kind"))

    customer: Mapped[Customer] = relationship(lazy="raise", back_populates="phone_numbers")


class Email(Replicated, Base):
    __tablename__ = "emails"

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    address: Mapped[str] = mapped_column(String(254))
    address_lower: Mapped[str] = mapped_column(String(254), index=True)

    customer: Mapped[Customer] = relationship(lazy="raise", back_populates="emails")
