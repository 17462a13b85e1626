"""What the customer bought and paid: products, orders, invoices, payments, shipments.

Money is integer minor units plus an ISO currency code: exact on both stores, no float.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Replicated
from db.enums import InvoiceStatus, OrderStatus, ShipmentStatus
from db.models._columns import enum_type
from db.types import UTCDateTime


class Product(Replicated, Base):
    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_price_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    #: Offered to agents and in campaigns; a product that was sold is retired, never deleted.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Order(Replicated, Base):
    __tablename__ = "orders"

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    placed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    status: Mapped[OrderStatus] = mapped_column(enum_type(OrderStatus, "order_status"))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))

    lines: Mapped[list[OrderLine]] = relationship(lazy="raise", back_populates="order")


class OrderLine(Replicated, Base):
    __tablename__ = "order_lines"

    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_minor: Mapped[int] = mapped_column(BigInteger)

    order: Mapped[Order] = relationship(lazy="raise", back_populates="lines")


class Invoice(Replicated, Base):
    __tablename__ = "invoices"

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("orders.id"), index=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[InvoiceStatus] = mapped_column(enum_type(InvoiceStatus, "invoice_status"))


class Payment(Replicated, Base):
    __tablename__ = "payments"

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    invoice_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    paid_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str | None] = mapped_column(String(64))


class Shipment(Replicated, Base):
    __tablename__ = "shipments"

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("orders.id"), index=True)
    carrier: Mapped[str] = mapped_column(String(64))
    tracking_number: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[ShipmentStatus] = mapped_column(enum_type(ShipmentStatus, "shipment_status"))
    shipped_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
