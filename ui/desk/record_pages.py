"""The right-hand pane: the caller's record, or a choice among the customers who share the
number, or what to do with an unknown caller; and which customer's record is open."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget

from callcenter.crm import customers
from callcenter.crm.customer360 import load_customer_360
from callcenter.desk.screenpop import PopKind, ScreenPop
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import dispositions, people
from callcenter.platform.errors import ValidationError
from callcenter.platform.records import SearchHit, ServiceRequestView
from callcenter.work.service_requests import get_service_request
from ui.desk.caller_panel import ChooserPanel, UnknownCallerPanel
from ui.desk.record_view import RecordView

PAGE_RECORD, PAGE_CHOOSER, PAGE_UNKNOWN = range(3)


class RecordPages(QObject):
    """Switches the pane between its pages and opens customers' records on it.

    Signals (GUI thread):
        customer_chosen(object): the agent settled who is calling (a customer id, uuid.UUID):
            chosen among several, quick-created, or given the caller's number.
        request_found(object): a ServiceRequestView picked in the search box, to open.
    """

    customer_chosen = Signal(object)
    request_found = Signal(object)

    def __init__(self, ctx: ServiceContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_view = RecordView(
            ctx.clock,
            outcomes={c.code: c.label for c in dispositions(ctx)},
            agents={p.id: p.display_name for p in people(ctx)},
        )
        self.chooser = ChooserPanel(ctx.clock)
        self.unknown = UnknownCallerPanel(ctx)
        self.stack = QStackedWidget()
        for page in (self.record_view, self.chooser, self.unknown):
            self.stack.addWidget(page)
        self.chooser.customer_chosen.connect(self._chosen_from_list)
        self.record_view.back_button.clicked.connect(self.back_to_choice)
        self.unknown.quick_create.connect(self._quick_create)
        self.unknown.attach.connect(self._attach_number)
        self.unknown.chosen.connect(self._chosen)
        self.unknown.without_customer.connect(self._without_customer)
        #: The record pane says "No customer": the call is logged without one.
        self._no_customer = False
        #: The last call's pop (its queue and number choose and fill the call script).
        self.pop: ScreenPop | None = None

    def retranslate(self) -> None:
        """Every page in the interface's language (after a switch), showing what it showed."""
        outcomes = {c.code: c.label for c in dispositions(self.ctx)}
        self.record_view.retranslate(outcomes)
        if self.record_view.record is None and self._no_customer:
            self.record_view.clear(self.tr("No customer"))
        self._no_customer = True
        if self.record_view.back_button.isVisible():
            self._offer_way_back()
        self.chooser.retranslate()
        self.unknown.retranslate()

    def show_pop(self, pop: ScreenPop) -> None:
        self.pop = pop
        self._no_customer = False
        self.record_view.back_button.setVisible(False)
        if pop.kind == PopKind.CUSTOMER and pop.record is not None:
            self.record_view.show_record(pop.record)
            self.stack.setCurrentIndex(PAGE_RECORD)
        elif pop.kind == PopKind.CHOOSE:
            self.chooser.show_pop(pop)
            self.stack.setCurrentIndex(PAGE_CHOOSER)
        else:
            self.unknown.show_pop(pop)
            self.stack.setCurrentIndex(PAGE_UNKNOWN)

    def open_customer(self, customer_id: uuid.UUID) -> None:
        """Another record (found, chosen): the way back to a choice is for its choice only."""
        self.record_view.back_button.setVisible(False)
        self._no_customer = False
        self._show(customer_id)

    def _show(self, customer_id: uuid.UUID) -> None:
        self.record_view.show_record(load_customer_360(self.ctx, customer_id))
        self.stack.setCurrentIndex(PAGE_RECORD)

    def reload(self) -> None:
        """Read the open record again (after something was saved for it)."""
        if self.record_view.record is not None:
            self._show(self.record_view.record.profile.id)

    def show_hit(self, hit: SearchHit) -> None:
        """A search result: its customer's record, and its request to open, if it names one."""
        if hit.customer_id is not None:
            self.open_customer(hit.customer_id)
        if hit.service_request_id is not None:
            request: ServiceRequestView = get_service_request(self.ctx, hit.service_request_id)
            self.request_found.emit(request)

    def _chosen_from_list(self, customer_id: uuid.UUID) -> None:
        """One of several: open it, and offer the way back in case the caller is another."""
        self._chosen(customer_id)
        self._offer_way_back()
        self.record_view.back_button.setVisible(True)

    def _offer_way_back(self) -> None:
        self.record_view.back_button.setText(
            self.tr("◀ Not this one: back to the %n record(s)", "", self.chooser.matches.count())
        )

    def back_to_choice(self) -> None:
        self.record_view.back_button.setVisible(False)
        self.stack.setCurrentIndex(PAGE_CHOOSER)
        self.chooser.matches.setFocus()

    def _chosen(self, customer_id: uuid.UUID) -> None:
        self.open_customer(customer_id)
        self.customer_chosen.emit(customer_id)

    def _quick_create(self, name: str, number: str) -> None:
        try:
            profile = customers.quick_create_from_number(self.ctx, number, name)
        except ValidationError as exc:
            self.unknown.error.setText(str(exc))
            return
        self._chosen(profile.id)

    def _attach_number(self, customer_id: uuid.UUID, number: str) -> None:
        try:
            customers.attach_number(self.ctx, customer_id, number)
        except ValidationError as exc:
            self.unknown.error.setText(str(exc))
            return
        self._chosen(customer_id)

    def _without_customer(self) -> None:
        self.record_view.back_button.setVisible(False)
        self.record_view.clear(self.tr("No customer"))
        self._no_customer = True
        self.stack.setCurrentIndex(PAGE_RECORD)
