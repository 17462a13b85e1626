"""The log of the call on screen: drafts kept while the agent types, the save (with the linked
request and the callback it answers), and logs left unsaved by a crash brought back."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from callcenter.desk.desk import CallSession
from callcenter.platform.errors import ValidationError
from callcenter.work import drafts
from callcenter.work.callbacks import get_callback
from ui.common.formatting import local_time
from ui.desk.calls import CallController, Say
from ui.desk.log_panel import LogPanel
from ui.desk.record_pages import RecordPages
from ui.desk.work_dialogs import WorkDialogs


class CallLogController(QObject):
    """Writes the log panel through to the desk. Slots run on the GUI thread.

    Signals:
        saved(): a call log was saved; the open record's history is out of date.
    """

    saved = Signal()

    def __init__(
        self,
        calls: CallController,
        log_panel: LogPanel,
        pages: RecordPages,
        work: WorkDialogs,
        say: Say,
    ) -> None:
        super().__init__(calls)
        self.calls = calls
        self.desk = calls.desk
        self.log_panel = log_panel
        self.pages = pages
        self.work = work
        self._say = say
        log_panel.draft_changed.connect(self._save_draft)
        log_panel.save_requested.connect(self.save)
        calls.view_closed.connect(self.restore_drafts)
        #: The draft last written (call, notes, outcome): the same one again is not written.
        self._written: tuple[str, str, str | None] | None = None

    def _save_draft(self, notes: str, disposition: str | None) -> None:
        current = self.calls.current
        if current is not None and self.calls.live():
            draft = (current, notes, disposition)
            if draft != self._written:
                self.desk.save_draft(current, notes, disposition)
                self._written = draft

    def save(self, and_ready: bool) -> None:
        """Save the log of the call on screen; an ended call's view closes once it is saved."""
        current = self.calls.current
        if current is None:
            return
        self.log_panel.flush_draft()
        session = self.desk.calls.get(current)
        callback_id = session.callback_id if session is not None else None
        try:
            saved = self.desk.save_log(
                current,
                self.log_panel.disposition.currentData(),
                self.log_panel.notes.toPlainText(),
                service_request_id=self.calls.linked_request,
                and_ready=and_ready,
            )
        except ValidationError as exc:
            self.log_panel.error.setText(exc.message if exc.field == "notes" else str(exc))
            return
        self._written = None  # the save dropped the call's draft
        session = self.desk.calls.get(current)
        if session is None or session.ended:
            self.calls.close_view(self.tr("Call log saved"))
        elif callback_id is None:
            self._say(self.tr("Call log saved; the call goes on"), 4000)
        if callback_id is not None:
            self.work.record_callback_outcome(get_callback(self.desk.ctx, callback_id), saved.id)
        self.saved.emit()

    def restore_drafts(self) -> None:
        """A log still to be saved comes back when the window is free: a call set aside when
        the next one rang, else a log typed before a crash or a closed window."""
        if self.calls.current is not None:
            return
        waiting = self.desk.unlogged_calls()
        if waiting:
            session = waiting[0]
            draft = drafts.load_draft(self.desk.ctx, session.call_id)
            message = self.tr("%n call log(s) still to be saved.", "", len(waiting))
            self._show(session, draft, message, 8000)
            return
        recovered = [
            d for d in drafts.unsaved_drafts(self.desk.ctx) if d.key not in self.desk.calls
        ]
        if recovered:
            session = self.desk.recover(recovered[0])
            message = self.tr(
                "Recovered %n unsaved call log(s) from an earlier session.", "", len(recovered)
            )
            self._show(session, recovered[0], message, 15_000)

    def _show(
        self, session: CallSession, draft: drafts.Draft | None, message: str, ms: int
    ) -> None:
        """Put an ended call's log back on screen to be finished."""
        self.calls.current = session.call_id
        if session.customer_id is not None:
            self.pages.open_customer(session.customer_id)
        panel = self.calls.call_panel
        number = session.caller.number_e164 or session.caller.number_raw
        record = session.pop.record if session.pop is not None else None
        title = record.profile.name if record is not None else self.tr("Unsaved call log")
        panel.show_outbound(number or self.tr("unknown number"), title)
        panel.detail.setText(
            self.tr("Call of {time}, kept as a draft; save it to finish.").format(
                time=local_time(session.offered_at)
            )
        )
        panel.set_phase("ended")
        self.log_panel.set_active(True)
        if draft is not None:
            self.log_panel.load(draft.notes, draft.disposition_code)
        self._say(message, ms)
