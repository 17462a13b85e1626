"""The agent's work from the main window: service requests, callbacks and their outcomes, calls
logged by hand and sync conflicts, each in its dialog, for the record open and the call on
screen.

Each dialog's module is imported when it is first opened, not while the desktop starts.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from callcenter.platform.records import CallbackView, InteractionView, ServiceRequestView
from db.enums import CallbackStatus, SRStatus
from ui.common.formatting import label
from ui.desk.calls import CallController, Say
from ui.desk.log_panel import LogPanel
from ui.desk.record_pages import RecordPages


class WorkDialogs(QObject):
    """Opens the work dialogs over the window and reports what they saved.

    Signals:
        saved(): a request, callback, log or settled conflict was saved (GUI thread); what
            shows it (the record, the work lists) is out of date.
    """

    saved = Signal()

    def __init__(
        self,
        window: QWidget,
        calls: CallController,
        pages: RecordPages,
        log_panel: LogPanel,
        say: Say,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._say = say
        self.calls = calls
        self.desk = calls.desk
        self.pages = pages
        self.log_panel = log_panel
        pages.request_found.connect(self.open_service_request)

    def _customer(self) -> tuple[uuid.UUID | None, str | None]:
        record = self.pages.record_view.record
        return (record.profile.id, record.profile.name) if record else (None, None)

    def open_service_request(self, sr: ServiceRequestView | None) -> None:
        """Open a request to edit it, or (``None``) a new one for the record on screen."""
        from ui.work.service_request_dialog import ServiceRequestDialog

        customer_id, customer_name = self._customer() if sr is None else (None, None)
        dialog = ServiceRequestDialog(
            self.desk.ctx,
            request=sr,
            customer_id=customer_id,
            customer_name=customer_name,
            parent=self._window,
        )
        dialog.saved.connect(self._service_request_saved)
        dialog.open()

    def _service_request_saved(self, sr: ServiceRequestView) -> None:
        self.desk.events.write("sr.saved", id=sr.id, number=sr.number, status=sr.status)
        if self.calls.live():
            self.log_panel.linked.setText(
                self.tr("Service request {number}").format(number=sr.number)
            )
            self.calls.linked_request = sr.id
        if sr.status in (SRStatus.RESOLVED, SRStatus.CLOSED):
            done = self.tr("{number} {status}; it is under Done requests now")
            self._say(done.format(number=sr.number, status=label(sr.status).lower()), 8000)
        else:
            saved = self.tr("{number} saved ({status})")
            self._say(saved.format(number=sr.number, status=label(sr.status).lower()), 5000)
        self.saved.emit()

    def schedule_callback(self) -> None:
        """A callback to the caller on screen, else to the open record's first number."""
        from ui.work.callback_dialog import CallbackDialog

        record = self.pages.record_view.record
        number = ""
        if self.calls.current is not None and self.calls.live():
            caller = self.desk.calls[self.calls.current].caller
            number = caller.number_e164 or caller.number_raw or ""
        elif record is not None and record.profile.phones:
            number = record.profile.phones[0].e164 or record.profile.phones[0].raw
        customer_id, customer_name = self._customer()
        dialog = CallbackDialog(
            self.desk.ctx,
            phone_number=number,
            customer_id=customer_id,
            customer_name=customer_name,
            parent=self._window,
        )
        dialog.saved.connect(self._callback_saved)
        dialog.open()

    def _callback_saved(self, callback: CallbackView) -> None:
        self.desk.events.write("callback.saved", id=callback.id, status=callback.status)
        self.saved.emit()

    def record_callback_outcome(
        self, callback: CallbackView, interaction_id: uuid.UUID | None = None
    ) -> None:
        """Ask how a callback went (after its call is logged, or from the record)."""
        from ui.work.callback_dialog import CallbackOutcomeDialog

        if callback.status != CallbackStatus.PENDING:
            return
        dialog = CallbackOutcomeDialog(
            self.desk.ctx, callback, interaction_id=interaction_id, parent=self._window
        )
        dialog.saved.connect(self._callback_saved)
        dialog.open()

    def edit_customer(self) -> None:
        """The customer on screen: profile, numbers, e-mails, contacts."""
        from ui.crm.customer_dialog import CustomerDialog

        customer_id, _name = self._customer()
        if customer_id is None:
            self._say(self.tr("Open a customer's record first, then edit it."), 5000)
            return
        dialog = CustomerDialog(self.desk.ctx, customer_id, parent=self._window)
        dialog.changed.connect(self._customer_changed)
        dialog.open()

    def _customer_changed(self) -> None:
        self.desk.events.write("customer.saved", id=self._customer()[0])
        self.pages.reload()
        record = self.pages.record_view.record
        if record is not None and self.calls.current is not None:
            call = self.desk.calls.get(self.calls.current)
            if call is not None and call.customer_id == record.profile.id:
                self.calls.call_panel.show_customer(record.profile.name)
        self.saved.emit()

    def open_manual_log(self) -> None:
        from ui.work.manual_log_dialog import ManualLogDialog

        customer_id, customer_name = self._customer()
        dialog = ManualLogDialog(
            self.desk.ctx,
            customer_id=customer_id,
            customer_name=customer_name,
            parent=self._window,
        )
        dialog.saved.connect(self._manual_log_saved)
        dialog.open()

    def _manual_log_saved(self, interaction: InteractionView) -> None:
        self.desk.events.write("interaction.saved", id=interaction.id, manual=True)
        self.saved.emit()

    def open_refused(self) -> None:
        from ui.work.refused_dialog import RefusedDialog

        dialog = RefusedDialog(self.desk.ctx, parent=self._window)
        dialog.changed.connect(self.saved.emit)
        dialog.open()

    def open_conflicts(self) -> None:
        from ui.work.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.desk.ctx, parent=self._window)
        dialog.settled.connect(self.saved.emit)
        dialog.open()
