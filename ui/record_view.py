"""The 360° customer record: a header with who they are, and a tab per part of their history."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter.phones import display
from callcenter.records import (
    CallbackView,
    ContactView,
    Customer360,
    InteractionView,
    InvoiceView,
    OrderView,
    PaymentView,
    ServiceRequestView,
    ShipmentView,
)
from callcenter.sla import sla_state
from db.enums import CallbackStatus
from ui.formatting import SLA_COLOURS, duration, label, local_time, money
from ui.models import RECORD_ROLE, Column, RecordTableModel, SortProxy


def make_table(model: RecordTableModel[object]) -> QTableView:
    view = QTableView()
    view.setModel(SortProxy(model, view))
    # No sort indicator: rows keep the service's order (newest first) until a header is clicked.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def selected_record(view: QTableView) -> object | None:
    index = view.currentIndex()
    return index.data(RECORD_ROLE) if index.isValid() else None


def header_html(record: Customer360) -> str:
    """Who the customer is, at a glance: name, stage, tier, owner, numbers, money."""
    esc = html.escape
    p = record.profile
    numbers = " &nbsp; ".join(
        f"<a href='dial:{esc(n.e164)}'>{esc(display(n.e164))}</a> "
        f"<small>{esc(label(n.kind))}</small>"
        if n.e164
        else esc(n.raw)
        for n in p.phones
    )
    emails = ", ".join(esc(e.address) for e in p.emails)
    tags = " ".join(f"#{esc(t)}" for t in p.tags)
    company = f" — {esc(p.company_name)}" if p.company_name else ""
    acc = record.account
    overdue = (
        f" · <span style='color:#c62828'>{acc.overdue_invoice_count} overdue</span>"
        if acc.overdue_invoice_count
        else ""
    )
    return (
        f"<h2 style='margin:0'>{esc(p.name)}"
        f"<span style='font-weight:normal'>{company}</span></h2>"
        f"<p style='margin:2px 0'>{esc(label(p.kind))} · {esc(label(p.lifecycle_stage))} · "
        f"<b>{esc(label(p.value_tier))}</b> · owner {esc(p.owner_name or 'none')} · "
        f"{esc(p.region or '')} {esc(p.industry or '')} {tags}</p>"
        f"<p style='margin:2px 0'>{numbers or 'no numbers'}</p>"
        f"<p style='margin:2px 0'>{emails}</p>"
        f"<p style='margin:2px 0'>Orders {acc.order_count} · invoiced "
        f"{money(acc.invoiced_minor, acc.currency)} · outstanding "
        f"<b>{money(acc.outstanding_minor, acc.currency)}</b>{overdue}</p>"
    )


class RecordView(QWidget):
    """Shows one Customer360.

    Signals:
        dial_requested(str): the agent double-clicked a number (E.164); GUI thread.
        service_request_opened(object): a ServiceRequestView was double-clicked.
        callback_opened(object): a CallbackView was double-clicked.
    """

    dial_requested = Signal(str)
    service_request_opened = Signal(object)
    callback_opened = Signal(object)

    def __init__(self, clock: Callable[[], dt.datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.record: Customer360 | None = None
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.header.linkActivated.connect(self._link)
        self.header.setObjectName("recordHeader")
        self.tabs = QTabWidget()
        now = clock
        self.srs: RecordTableModel[ServiceRequestView] = RecordTableModel(
            [
                Column("Number", lambda s: s.number),
                Column("Subject", lambda s: s.subject),
                Column("Status", lambda s: s.status, label),
                Column("Priority", lambda s: s.priority, label),
                Column(
                    "SLA due",
                    lambda s: s.sla_due_at,
                    local_time,
                    lambda s: SLA_COLOURS.get(sla_state(s, now())),
                ),
            ]
        )
        self.callbacks: RecordTableModel[CallbackView] = RecordTableModel(
            [
                Column(
                    "Due",
                    lambda c: c.due_from,
                    local_time,
                    lambda c: "#c62828" if c.due_until < now() else None,
                ),
                Column("Number", lambda c: display(c.phone_number)),
                Column("Reason", lambda c: c.reason),
                Column("Attempts", lambda c: c.attempt_count),
                Column("Status", lambda c: c.status, label),
            ]
        )
        self.interactions: RecordTableModel[InteractionView] = RecordTableModel(
            [
                Column("When", lambda i: i.offered_at, local_time),
                Column("Channel", lambda i: i.channel, label),
                Column("Direction", lambda i: i.direction, label),
                Column(
                    "Duration",
                    lambda i: (
                        (i.ended_at - i.answered_at).total_seconds()
                        if i.ended_at and i.answered_at
                        else None
                    ),
                    duration,
                ),
                Column(
                    "Outcome",
                    lambda i: i.disposition_code or ("missed" if not i.answered_at else ""),
                ),
                Column("Notes", lambda i: i.notes.replace("\n", " ")[:120]),
            ]
        )
        self.contacts: RecordTableModel[ContactView] = RecordTableModel(
            [
                Column("Name", lambda c: c.name),
                Column("Title", lambda c: c.title),
                Column("Numbers", lambda c: ", ".join(display(p.e164 or p.raw) for p in c.phones)),
                Column("E-mails", lambda c: ", ".join(e.address for e in c.emails)),
            ]
        )
        self.orders: RecordTableModel[OrderView] = RecordTableModel(
            [
                Column("Number", lambda o: o.number),
                Column("Placed", lambda o: o.placed_at, local_time),
                Column("Status", lambda o: o.status, label),
                Column("Lines", lambda o: o.line_count),
                Column("Total", lambda o: (o.total_minor, o.currency), lambda v: money(*v)),
            ]
        )
        self.invoices: RecordTableModel[InvoiceView] = RecordTableModel(
            [
                Column("Number", lambda i: i.number),
                Column("Issued", lambda i: i.issued_at, local_time),
                Column("Due", lambda i: i.due_at, local_time),
                Column("Amount", lambda i: (i.amount_minor, i.currency), lambda v: money(*v)),
                Column(
                    "Status",
                    lambda i: i.status,
                    label,
                    lambda i: (
                        "#c62828" if i.status in ("open", "overdue") and i.due_at < now() else None
                    ),
                ),
            ]
        )
        self.payments: RecordTableModel[PaymentView] = RecordTableModel(
            [
                Column("Paid", lambda p: p.paid_at, local_time),
                Column("Amount", lambda p: (p.amount_minor, p.currency), lambda v: money(*v)),
                Column("Method", lambda p: p.method, label),
                Column("Reference", lambda p: p.reference),
            ]
        )
        self.shipments: RecordTableModel[ShipmentView] = RecordTableModel(
            [
                Column("Carrier", lambda s: s.carrier),
                Column("Tracking", lambda s: s.tracking_number),
                Column("Status", lambda s: s.status, label),
                Column("Shipped", lambda s: s.shipped_at, local_time),
                Column("Delivered", lambda s: s.delivered_at, local_time),
            ]
        )
        self.sr_table = make_table(self.srs)  # type: ignore[arg-type]
        self.sr_table.doubleClicked.connect(
            lambda _i: self._open(self.sr_table, self.service_request_opened)
        )
        self.callback_table = make_table(self.callbacks)  # type: ignore[arg-type]
        self.callback_table.doubleClicked.connect(
            lambda _i: self._open(self.callback_table, self.callback_opened)
        )
        for title, widget in (
            ("Service requests", self.sr_table),
            ("Callbacks", self.callback_table),
            ("History", make_table(self.interactions)),  # type: ignore[arg-type]
            ("Contacts", make_table(self.contacts)),  # type: ignore[arg-type]
            ("Orders", make_table(self.orders)),  # type: ignore[arg-type]
            ("Invoices", make_table(self.invoices)),  # type: ignore[arg-type]
            ("Payments", make_table(self.payments)),  # type: ignore[arg-type]
            ("Shipments", make_table(self.shipments)),  # type: ignore[arg-type]
        ):
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.clear()

    def _open(self, table: QTableView, signal: SignalInstance) -> None:
        record = selected_record(table)
        if record is not None:
            signal.emit(record)

    def _link(self, href: str) -> None:
        if href.startswith("dial:"):
            self.dial_requested.emit(href.removeprefix("dial:"))

    def clear(self, message: str = "No customer on screen") -> None:
        self.record = None
        self.header.setText(f"<p style='color:#666'>{html.escape(message)}</p>")
        for model in (
            self.srs,
            self.callbacks,
            self.interactions,
            self.contacts,
            self.orders,
            self.invoices,
            self.payments,
            self.shipments,
        ):
            model.set_rows([])
        self._titles()

    def show_record(self, record: Customer360) -> None:
        self.record = record
        self.header.setText(header_html(record))
        self.srs.set_rows(record.open_service_requests)
        self.callbacks.set_rows(
            [c for c in record.callbacks_due if c.status == CallbackStatus.PENDING]
        )
        self.interactions.set_rows(record.recent_interactions)
        self.contacts.set_rows(record.contacts)
        self.orders.set_rows(record.orders)
        self.invoices.set_rows(record.invoices)
        self.payments.set_rows(record.payments)
        self.shipments.set_rows(record.shipments)
        self._titles()

    def _titles(self) -> None:
        counts = (
            self.srs.rowCount(),
            self.callbacks.rowCount(),
            self.interactions.rowCount(),
            self.contacts.rowCount(),
            self.orders.rowCount(),
            self.invoices.rowCount(),
            self.payments.rowCount(),
            self.shipments.rowCount(),
        )
        names = (
            "Open requests",
            "Callbacks",
            "History",
            "Contacts",
            "Orders",
            "Invoices",
            "Payments",
            "Shipments",
        )
        for index, (name, count) in enumerate(zip(names, counts, strict=True)):
            self.tabs.setTabText(index, f"{name} ({count})")
