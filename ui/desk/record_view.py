"""The 360° customer record: a header with who they are, and a tab per part of their history.

A record on screen fills the header, the tab titles and the tab in view at once; the other
tabs fill on the next turn of the event loop (a zero timer), after the pop has been painted,
or as soon as one of them is chosen.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.platform.records import (
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
from callcenter.work.sla import sla_state
from db.enums import CallbackStatus
from ui.common.formatting import SLA_COLOURS, duration, label, local_time, money, phone
from ui.common.i18n import translate
from ui.common.models import Column, SnapshotTableModel
from ui.common.tables import make_table, selected_record

#: How often time-dependent colours (SLA, overdue) are worked out again while a record shows.
RECOLOUR_MS = 30_000
#: What the name and details lines are measured with for their least height: a Chinese
#: name (a customer's, an owner's) is taller, its fallback font is, than a Latin one.
CJK_SAMPLE = "Ag 張伟"
#: A tab of the record: its name, its model, and which of the record's rows it lists.
Part = tuple[str, SnapshotTableModel[Any], Callable[[Customer360], Sequence[Any]]]


class RecordTabs(QWidget):
    """A tab bar over a framed stack of pages, in place of a QTabWidget.

    A QTabWidget repaints itself and the page in view whenever a tab's title changes, and
    a pop changes the counts in the titles almost every time; here a new title repaints
    the tab bar only.

    Signals:
        currentChanged(int): another tab was chosen.
    """

    currentChanged = Signal(int)  # noqa: N815 - named as QTabWidget's

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QTabBar()
        self.bar.setExpanding(False)
        self.pages = QStackedWidget()
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        framed = QVBoxLayout(frame)
        framed.setContentsMargins(1, 1, 1, 1)
        framed.addWidget(self.pages)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(frame, 1)
        self.bar.currentChanged.connect(self.pages.setCurrentIndex)
        self.bar.currentChanged.connect(self.currentChanged.emit)

    def addTab(self, page: QWidget, title: str) -> int:  # noqa: N802 - named as QTabWidget's
        self.pages.addWidget(page)
        return self.bar.addTab(title)

    def tabText(self, index: int) -> str:  # noqa: N802 - named as QTabWidget's
        return self.bar.tabText(index)

    def setTabText(self, index: int, title: str) -> None:  # noqa: N802 - named as QTabWidget's
        self.bar.setTabText(index, title)

    def currentIndex(self) -> int:  # noqa: N802 - named as QTabWidget's
        return self.bar.currentIndex()

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 - named as QTabWidget's
        self.bar.setCurrentIndex(index)


class RecordHeader(QWidget):
    """Who the customer is, at a glance: name, stage, tier, owner, numbers, e-mails, money.

    Plain-text labels, a line or a part of a line each, with rich text only for the numbers'
    dial links: one rich-text label for the five lines cost 2 ms of every pop, laid out again
    each time the layout asked its size. Every line is at least a line high, so from one
    caller to the next the header keeps its height and the tabs below it stay where they
    are (and unrepainted).

    Signals:
        link_activated(str): a link in the header was clicked (``dial:+44...``, ``edit:``).
    """

    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordHeader")
        base = self.font()
        bold = QFont(base)
        bold.setBold(True)
        big = QFont(base)
        big.setPointSizeF(base.pointSizeF() * 1.5)
        bold_big = QFont(big)
        bold_big.setBold(True)
        self.message = QLabel()
        self.message.setObjectName("recordMessage")
        self.name = self._part(bold_big, CJK_SAMPLE)
        self.company = self._part(big, CJK_SAMPLE, last=True)
        self.kind = self._part(base, CJK_SAMPLE)
        self.tier = self._part(bold, CJK_SAMPLE)
        self.details = self._part(base, CJK_SAMPLE, last=True)
        self.numbers = self._part(base, last=True)
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.numbers.linkActivated.connect(self.link_activated.emit)
        self.emails = self._part(base, last=True)
        self.emails.setWordWrap(True)
        self.money = self._part(base)
        self.outstanding = self._part(bold)
        self.overdue = self._part(base, last=True)
        red = self.overdue.palette()
        red.setColor(QPalette.ColorRole.WindowText, QColor("#c62828"))
        self.overdue.setPalette(red)
        self.lines = QWidget()
        lines = QVBoxLayout(self.lines)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(2)
        for parts in (
            (self.name, self.company),
            (self.kind, self.tier, self.details),
            (self.numbers,),
            (self.emails,),
            (self.money, self.outstanding, self.overdue),
        ):
            row = QHBoxLayout()
            row.setSpacing(0)
            for part in parts[:-1]:
                row.addWidget(part)
            row.addWidget(parts[-1], 1)
            lines.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.lines)

    @staticmethod
    def _part(font: QFont, sample: str = "Ag", *, last: bool = False) -> QLabel:
        """A piece of a line, at least as high as ``sample`` in ``font`` even when empty.

        A piece is as wide as its text; the last piece of a line takes the rest of it and asks
        for no width, so a long line is cut at the edge of a narrow pane rather than widening it.
        """
        part = QLabel(sample)
        part.setTextFormat(Qt.TextFormat.PlainText)
        part.setFont(font)
        part.setMinimumHeight(part.sizeHint().height())
        part.setText("")
        part.setSizePolicy(
            QSizePolicy.Policy.Ignored if last else QSizePolicy.Policy.Maximum,
            QSizePolicy.Policy.Preferred,
        )
        return part

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.lines.hide()
        self.message.show()

    def show_record(self, record: Customer360) -> None:
        p = record.profile
        self.name.setText(p.name)
        self.company.setText(
            self.tr(" — {company}").format(company=p.company_name) if p.company_name else ""
        )
        self.kind.setText(f"{label(p.kind)} · {label(p.lifecycle_stage)} · ")
        self.tier.setText(label(p.value_tier))
        place = ", ".join(part for part in (p.city, p.region) if part)
        tags = " ".join(f"#{t}" for t in p.tags)
        owner = self.tr("owner {name}").format(name=p.owner_name or self.tr("none"))
        parts = (owner, place, p.industry, tags)
        self.details.setText("".join(f" · {part}" for part in parts if part))
        esc = html.escape
        numbers = " &nbsp; ".join(
            f"<a href='dial:{esc(n.e164)}'>{esc(phone(n.e164))}</a> "
            f"<small>{esc(label(n.kind))}</small>"
            if n.e164
            else esc(n.raw)
            for n in p.phones
        )
        numbers = numbers or esc(self.tr("no numbers"))
        edit = esc(self.tr("Edit…"))
        self.numbers.setText(f"{numbers} &nbsp; <a href='edit:'>{edit}</a>")
        self.emails.setText(", ".join(e.address for e in p.emails))
        acc = record.account
        self.money.setText(
            self.tr("Orders {count} · invoiced {amount} · outstanding ").format(
                count=acc.order_count, amount=money(acc.invoiced_minor, acc.currency)
            )
        )
        self.outstanding.setText(money(acc.outstanding_minor, acc.currency))
        self.overdue.setText(
            self.tr(" · %n overdue", "", acc.overdue_invoice_count)
            if acc.overdue_invoice_count
            else ""
        )
        if self.lines.isHidden():
            self.message.hide()
            self.message.clear()
            self.lines.show()


class RecordView(QWidget):
    """Shows one Customer360.

    Signals:
        dial_requested(str): the agent double-clicked a number (E.164); GUI thread.
        edit_requested(): the agent asked to edit the customer (the header's Edit link).
        service_request_opened(object): a ServiceRequestView was double-clicked.
        callback_opened(object): a CallbackView was double-clicked.
    """

    dial_requested = Signal(str)
    edit_requested = Signal()
    service_request_opened = Signal(object)
    callback_opened = Signal(object)

    def __init__(
        self,
        clock: Callable[[], dt.datetime],
        parent: QWidget | None = None,
        *,
        outcomes: Mapping[str, str] | None = None,
        agents: Mapping[uuid.UUID, str] | None = None,
    ) -> None:
        """``outcomes`` and ``agents`` name disposition codes and people in the history."""
        super().__init__(parent)
        self._clock = clock
        #: Disposition code -> its words (replaced in place after a language switch).
        self.outcome_labels = outcome_labels = dict(outcomes or {})
        agent_names = dict(agents or {})
        self._missed = self.tr("Missed")
        self.record: Customer360 | None = None
        self.header = RecordHeader()
        self.header.link_activated.connect(self._link)
        self.tabs = RecordTabs()
        now = clock
        self.srs: SnapshotTableModel[ServiceRequestView] = SnapshotTableModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Number"), lambda s: s.number),
                Column(QT_TRANSLATE_NOOP("Columns", "Subject"), lambda s: s.subject),
                Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda s: s.status, label),
                Column(QT_TRANSLATE_NOOP("Columns", "Priority"), lambda s: s.priority, label),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "SLA due"),
                    lambda s: s.sla_due_at,
                    local_time,
                    lambda s: SLA_COLOURS.get(sla_state(s, now())),
                ),
            ]
        )
        self.done_srs: SnapshotTableModel[ServiceRequestView] = SnapshotTableModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Number"), lambda s: s.number),
                Column(QT_TRANSLATE_NOOP("Columns", "Subject"), lambda s: s.subject),
                Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda s: s.status, label),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Done"),
                    lambda s: s.closed_at or s.resolved_at,
                    local_time,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Resolution"),
                    lambda s: (s.resolution or "").replace("\n", " ")[:120],
                ),
            ]
        )
        self.callbacks: SnapshotTableModel[CallbackView] = SnapshotTableModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Due"),
                    lambda c: c.due_from,
                    local_time,
                    lambda c: "#c62828" if c.due_until < now() else None,
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "Number"), lambda c: phone(c.phone_number)),
                Column(QT_TRANSLATE_NOOP("Columns", "Reason"), lambda c: c.reason),
                Column(QT_TRANSLATE_NOOP("Columns", "Attempts"), lambda c: c.attempt_count),
                Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda c: c.status, label),
            ]
        )
        self.interactions: SnapshotTableModel[InteractionView] = SnapshotTableModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "When"), lambda i: i.offered_at, local_time),
                Column(QT_TRANSLATE_NOOP("Columns", "Channel"), lambda i: i.channel, label),
                Column(QT_TRANSLATE_NOOP("Columns", "Direction"), lambda i: i.direction, label),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Duration"),
                    lambda i: (
                        (i.ended_at - i.answered_at).total_seconds()
                        if i.ended_at and i.answered_at
                        else None
                    ),
                    duration,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Outcome"),
                    lambda i: (
                        outcome_labels.get(i.disposition_code, i.disposition_code)
                        if i.disposition_code
                        else (self._missed if not i.answered_at else "")
                    ),
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Agent"),
                    lambda i: agent_names.get(i.agent_id, "") if i.agent_id else "",
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Notes"),
                    lambda i: i.notes.replace("\n", " ")[:120],
                ),
            ]
        )
        self.contacts: SnapshotTableModel[ContactView] = SnapshotTableModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda c: c.name),
                Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda c: c.title),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Numbers"),
                    lambda c: ", ".join(phone(p.e164 or p.raw) for p in c.phones),
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "E-mails"),
                    lambda c: ", ".join(e.address for e in c.emails),
                ),
            ]
        )
        self.orders: SnapshotTableModel[OrderView] = SnapshotTableModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Number"), lambda o: o.number),
                Column(QT_TRANSLATE_NOOP("Columns", "Placed"), lambda o: o.placed_at, local_time),
                Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda o: o.status, label),
                Column(QT_TRANSLATE_NOOP("Columns", "Lines"), lambda o: o.line_count),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Total"),
                    lambda o: (o.total_minor, o.currency),
                    lambda v: money(*v),
                ),
            ]
        )
        self.invoices: SnapshotTableModel[InvoiceView] = SnapshotTableModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Number"), lambda i: i.number),
                Column(QT_TRANSLATE_NOOP("Columns", "Issued"), lambda i: i.issued_at, local_time),
                Column(QT_TRANSLATE_NOOP("Columns", "Due"), lambda i: i.due_at, local_time),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Amount"),
                    lambda i: (i.amount_minor, i.currency),
                    lambda v: money(*v),
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Status"),
                    lambda i: i.status,
                    label,
                    lambda i: (
                        "#c62828" if i.status in ("open", "overdue") and i.due_at < now() else None
                    ),
                ),
            ]
        )
        self.payments: SnapshotTableModel[PaymentView] = SnapshotTableModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Paid"), lambda p: p.paid_at, local_time),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Amount"),
                    lambda p: (p.amount_minor, p.currency),
                    lambda v: money(*v),
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "Method"), lambda p: p.method, label),
                Column(QT_TRANSLATE_NOOP("Columns", "Reference"), lambda p: p.reference),
            ]
        )
        self.shipments: SnapshotTableModel[ShipmentView] = SnapshotTableModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Carrier"), lambda s: s.carrier),
                Column(QT_TRANSLATE_NOOP("Columns", "Tracking"), lambda s: s.tracking_number),
                Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda s: s.status, label),
                Column(QT_TRANSLATE_NOOP("Columns", "Shipped"), lambda s: s.shipped_at, local_time),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Delivered"), lambda s: s.delivered_at, local_time
                ),
            ]
        )
        self.sr_table = make_table(self.srs)
        self.sr_table.doubleClicked.connect(
            lambda _i: self._open(self.sr_table, self.service_request_opened)
        )
        self.done_sr_table = make_table(self.done_srs)
        self.done_sr_table.doubleClicked.connect(
            lambda _i: self._open(self.done_sr_table, self.service_request_opened)
        )
        self.callback_table = make_table(self.callbacks)
        self.callback_table.doubleClicked.connect(
            lambda _i: self._open(self.callback_table, self.callback_opened)
        )
        self._parts: list[Part] = [
            (
                QT_TRANSLATE_NOOP("RecordView", "Open requests"),
                self.srs,
                lambda r: r.open_service_requests,
            ),
            (
                QT_TRANSLATE_NOOP("RecordView", "Callbacks"),
                self.callbacks,
                lambda r: [c for c in r.callbacks_due if c.status == CallbackStatus.PENDING],
            ),
            (
                QT_TRANSLATE_NOOP("RecordView", "History"),
                self.interactions,
                lambda r: r.recent_interactions,
            ),
            (
                QT_TRANSLATE_NOOP("RecordView", "Done requests"),
                self.done_srs,
                lambda r: r.done_service_requests,
            ),
            (QT_TRANSLATE_NOOP("RecordView", "Contacts"), self.contacts, lambda r: r.contacts),
            (QT_TRANSLATE_NOOP("RecordView", "Orders"), self.orders, lambda r: r.orders),
            (QT_TRANSLATE_NOOP("RecordView", "Invoices"), self.invoices, lambda r: r.invoices),
            (QT_TRANSLATE_NOOP("RecordView", "Payments"), self.payments, lambda r: r.payments),
            (QT_TRANSLATE_NOOP("RecordView", "Shipments"), self.shipments, lambda r: r.shipments),
        ]
        tables = [self.sr_table, self.callback_table, make_table(self.interactions)]
        tables.append(self.done_sr_table)
        tables += [make_table(model) for _name, model, _rows in self._parts[4:]]
        for (name, _model, _rows), table in zip(self._parts, tables, strict=True):
            self.tabs.addTab(table, name)
        #: Tabs not yet filled with the record on screen.
        self._stale: set[int] = set()
        self._fill_rest = QTimer(self)
        self._fill_rest.setSingleShot(True)
        self._fill_rest.setInterval(0)
        self._fill_rest.timeout.connect(self._fill_stale)
        self.tabs.currentChanged.connect(self._fill)
        self._recolour = QTimer(self)
        self._recolour.setInterval(RECOLOUR_MS)
        self._recolour.timeout.connect(self._recolour_all)
        self._recolour.start()
        #: Back to the list of records that share the caller's number (shown by RecordPages).
        self.back_button = QPushButton()
        self.back_button.setObjectName("backToChoice")
        self.back_button.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
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
        elif href == "edit:":
            self.edit_requested.emit()

    def retranslate(self, outcomes: Mapping[str, str]) -> None:
        """Every text in the interface's language (after a switch): the record on screen,
        or the message, is shown again in it."""
        self.outcome_labels.clear()
        self.outcome_labels.update(outcomes)
        self._missed = self.tr("Missed")
        for _name, model, _rows in self._parts:
            model.retitle()
        if self.record is not None:
            self.show_record(self.record)
        else:
            self.clear(self._message)

    def clear(self, message: str | None = None) -> None:
        """No record: ``message`` (or "No customer on screen") where it would be."""
        self.record = None
        self._message = message
        self.header.show_message(message or self.tr("No customer on screen"))
        self._fill_rest.stop()
        self._stale.clear()
        for index, (name, model, _rows) in enumerate(self._parts):
            model.set_rows([])
            self._title(index, self._tab(name, 0))

    def show_record(self, record: Customer360) -> None:
        """The header, the titles with their counts and the tab in view now; the rest next."""
        self.record = record
        self.header.show_record(record)
        for index, (name, _model, rows) in enumerate(self._parts):
            self._title(index, self._tab(name, len(rows(record))))
        self._stale = set(range(len(self._parts)))
        self._fill(self.tabs.currentIndex())
        self._fill_rest.start()

    def _tab(self, name: str, count: int) -> str:
        return self.tr("{tab} ({count})").format(tab=translate("RecordView", name), count=count)

    def _title(self, index: int, text: str) -> None:
        # An unchanged title is left alone: setting it lays the tab bar out again.
        if self.tabs.tabText(index) != text:
            self.tabs.setTabText(index, text)

    def _fill(self, index: int) -> None:
        if index in self._stale and self.record is not None:
            self._stale.discard(index)
            _name, model, rows = self._parts[index]
            model.set_rows(rows(self.record))

    def _fill_stale(self) -> None:
        for index in sorted(self._stale):
            self._fill(index)

    def _recolour_all(self) -> None:
        for _name, model, _rows in self._parts:
            model.recolour()
