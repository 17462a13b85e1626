"""The call on screen: which call the window shows, what the desk's call events do to the call
panel, the headset and the log panel, and the agent's call controls and click-to-dial."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from callcenter.desk.desk import (
    CallChanged,
    CallFinished,
    CallOffered,
    Desk,
    DeskEvent,
    Problem,
    TransferNews,
)
from callcenter.desk.screenpop import ScreenPop
from callcenter.platform.errors import ServiceError
from callcenter.platform.records import CallbackView
from telephony.events import CallState
from ui.common.i18n import translate
from ui.desk.call_panel import CallPanel
from ui.desk.headset import Headset
from ui.desk.log_panel import LogPanel
from ui.desk.record_pages import RecordPages
from ui.platform.desktop_notices import DesktopNotices

#: Shows a message in the window's status bar for so many milliseconds.
Say = Callable[[str, int], None]
#: A desktop notification: title, text.
Notify = Callable[[str, str], None]
#: How long a transfer may go unconfirmed before the agent is told.
TRANSFER_CONFIRM_MS = 15_000
#: The ring notice's buttons; "default" is a click on the notice (servers that draw no
#: button for it still answer on a click). Marked for the "CallController" context.
RING_ACTIONS = (
    ("default", QT_TRANSLATE_NOOP("CallController", "Answer")),
    ("answer", QT_TRANSLATE_NOOP("CallController", "Answer")),
    ("reject", QT_TRANSLATE_NOOP("CallController", "Reject")),
)


class CallController(QObject):
    """Keeps the call the window shows (``current``) and the request linked to its log.

    One call is on screen at a time; the desk may hold more (a consultation, a call ringing
    while another is logged). Slots run on the GUI thread.

    Signals:
        pop_painted(str, float): a screen pop for call id was painted, latency in ms.
        view_closed(): the call on screen is done with (logged, or missed): the window is free
            for a log still to be saved.
    """

    pop_painted = Signal(str, float)
    view_closed = Signal()

    def __init__(
        self,
        window: QMainWindow,
        desk: Desk,
        *,
        call_panel: CallPanel,
        log_panel: LogPanel,
        pages: RecordPages,
        headset: Headset | None,
        say: Say,
        notify: Notify,
        notices: DesktopNotices | None = None,
        ask_before_dialling: bool = True,
    ) -> None:
        super().__init__(window)
        self._window = window
        self.desk = desk
        self.call_panel = call_panel
        self.log_panel = log_panel
        self.pages = pages
        self.headset = headset
        self._say = say
        self._notify = notify
        self.notices = notices
        if notices is not None:
            notices.action.connect(self._notice_action)
        self.ask_before_dialling = ask_before_dialling
        #: A transfer asked for and not settled yet says so when this runs out.
        self._transfer_watch = QTimer(self)
        self._transfer_watch.setSingleShot(True)
        self._transfer_watch.setInterval(TRANSFER_CONFIRM_MS)
        self._transfer_watch.timeout.connect(self._transfer_unconfirmed)
        self._transfer_call: str | None = None
        #: The call the window shows, by the desk's call handle.
        self.current: str | None = None
        #: A service request saved during this call, linked to its log when it is saved.
        self.linked_request: uuid.UUID | None = None
        self._connect_panel()
        pages.customer_chosen.connect(self._customer_chosen)

    def _connect_panel(self) -> None:
        panel = self.call_panel
        panel.answer.connect(lambda: self.act(self.desk.answer))
        panel.reject.connect(lambda: self.act(self.desk.reject))
        panel.hangup.connect(lambda: self.act(self.desk.hangup))
        panel.hold.connect(lambda: self.act(self.desk.toggle_hold))
        panel.mute.connect(self.toggle_mute)
        panel.dtmf.connect(lambda d: self.act(lambda c: self.desk.send_dtmf(c, d)))
        panel.transfer.connect(lambda t: self.act(lambda c: self.desk.blind_transfer(c, t)))
        panel.consult.connect(lambda t: self.act(lambda c: self._consult(c, t)))
        panel.complete_transfer.connect(lambda: self.act(self.desk.complete_transfer))

    def live(self) -> bool:
        """Whether the call on screen is one the desk still holds (not a recovered log gone)."""
        return self.current is not None and self.current in self.desk.calls

    # Desk events ---------------------------------------------------------------------------

    def on_desk_event(self, event: DeskEvent) -> None:
        if isinstance(event, CallOffered):
            self._offered(event.call_id, event.pop)
        elif isinstance(event, CallChanged):
            self._changed(event)
        elif isinstance(event, CallFinished):
            self._finished(event)
        elif isinstance(event, TransferNews):
            self._transfer_news(event)
        elif isinstance(event, Problem):
            self._say(event.message, 10_000)

    def _offered(self, call_id: str, pop: ScreenPop) -> None:
        if self.current is not None and self.current != call_id:
            self._set_aside()
        self.current = call_id
        self.pages.show_pop(pop)
        self.call_panel.show_offer(pop)
        self.call_panel.set_phase("ringing")
        self._paint_now()
        latency = self.desk.pop_shown(call_id)
        self.pop_painted.emit(call_id, latency)
        # Then what is not read in the first milliseconds: the ring (opening the audio sink
        # takes longer than painting) and the log panel, painted on the next turn of the loop.
        if self.headset is not None:
            self.headset.play_ring()
        self.log_panel.set_active(True)
        self._window.raise_()
        self._window.activateWindow()
        who = pop.record.profile.name if pop.record else pop.caller.number_raw
        who = who or self.tr("Withheld number")
        queue = pop.caller.queue and self.call_panel.queue_names.get(
            pop.caller.queue, pop.caller.queue
        )
        text = self.tr("{caller} — {queue}").format(caller=who, queue=queue) if queue else who
        title = self.tr("Incoming call")
        actions = tuple((key, translate("CallController", words)) for key, words in RING_ACTIONS)
        # Where the desktop has a notification service, the notice itself answers or rejects
        # (the window may be behind another); the tray or the status bar otherwise.
        if self.notices is not None and self.notices.show(
            f"call:{call_id}", title, text, actions, critical=True, timeout_ms=0
        ):
            self._say(self.tr("Incoming call: {caller}").format(caller=text), 10_000)
        else:
            self._notify(title, text)

    def _notice_action(self, key: str, action: str) -> None:
        """Answer or Reject pressed in the ring notice: for the call still ringing only."""
        call_id = key.removeprefix("call:")
        if call_id != self.current or self.call_panel.phase != "ringing":
            return
        self._window.raise_()
        self._window.activateWindow()
        self.act(self.desk.reject if action == "reject" else self.desk.answer)

    def _end_notice(self, call_id: str) -> None:
        if self.notices is not None:
            self.notices.close(f"call:{call_id}")

    def _transfer_news(self, news: TransferNews) -> None:
        """A transfer's progress on the call panel; one never settled is said to be so."""
        if news.call_id != self.current:
            return
        self.call_panel.detail.setText(news.words)
        self._say(news.words, 8000)
        if news.final:
            self._transfer_watch.stop()
        elif not self._transfer_watch.isActive():
            self._transfer_call = news.call_id
            self._transfer_watch.start()

    def _transfer_unconfirmed(self) -> None:
        call = self.desk.calls.get(self._transfer_call or "")
        if call is None or call.ended or self._transfer_call != self.current:
            return
        words = self.tr("The transfer was not confirmed; the caller is still with you")
        self.call_panel.detail.setText(words)
        self._say(words, 10_000)

    def _set_aside(self) -> None:
        """A call rings while the last one's log is open (wrap-up, or a log recovered after a
        crash): that log is written to its draft and the window turns to the new call. The desk
        only lets a call ring when no other is up, so what is set aside has ended; its log comes
        back to be finished once the new call is done with (``CallLogController``)."""
        self.log_panel.flush_draft()
        self.log_panel.set_active(False)
        self.linked_request = None

    def _paint_now(self) -> None:
        """Put what the pop changed on screen now, as it will stay: the layouts its new texts
        asked for, then one paint of what changed (not of every widget in the panes).

        Cheap because the panes' sizes do not depend on what they show: the header and the
        caller keep their height, and no rich-text label wraps (asking a wrapping one its
        height for a width lays its document out again, at every level of the layout).
        """
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.sendPostedEvents(self._window, QEvent.Type.UpdateRequest)

    def _consult(self, call_id: str, target: str) -> None:
        self.desk.consult(call_id, target)
        self.call_panel.consult_button.setEnabled(False)
        self._say(self.tr("Caller on hold; calling {target}…").format(target=target), 8000)

    def _is_consultation(self, call_id: str) -> bool:
        session = self.desk.calls.get(call_id)
        return session is not None and session.consult_for == self.current

    def _changed(self, event: CallChanged) -> None:
        if event.state in (CallState.CONFIRMED, CallState.DISCONNECTED):
            self._end_notice(event.call_id)
        if self._is_consultation(event.call_id):
            if event.state == CallState.CONFIRMED:
                self.call_panel.complete_button.setEnabled(True)
                self._say(self.tr("Colleague answered: complete the transfer"), 8000)
            return
        if event.call_id != self.current:
            return
        if event.state in (CallState.CONFIRMED, CallState.HELD, CallState.REMOTE_HELD):
            if self.headset is not None and not self.headset.active:
                self.headset.stop_ring()
                self.headset.start()
            self.call_panel.set_phase("talking")
            self.call_panel.show_hold(event.state == CallState.HELD)
        elif event.state in (CallState.CALLING, CallState.EARLY) and (
            self.call_panel.phase == "dialling"
        ):
            self.call_panel.detail.setText(self.tr("Ringing at the far end…"))

    def _finished(self, event: CallFinished) -> None:
        self._end_notice(event.call_id)
        if event.call_id != self.current:
            if self.current is not None and self.call_panel.phase == "talking":
                self.call_panel.complete_button.setEnabled(False)
                self.call_panel.consult_button.setEnabled(True)
            return
        if self.headset is not None:
            self.headset.stop_ring()
            self.headset.stop()
        self.call_panel.set_phase("ended")
        self.call_panel.detail.setText(event.words)
        self.call_panel.detail.setToolTip(f"SIP {event.code} {event.reason}".strip())
        if not event.needs_log:
            self.close_view(self.tr("Missed call recorded"))
        else:
            self.log_panel.notes.setFocus()

    def close_view(self, message: str) -> None:
        """The call on screen is done with: the panels go idle and the window is free."""
        self.current = None
        self.linked_request = None
        self.log_panel.set_active(False)
        self.call_panel.set_phase("idle")
        self._say(message, 5000)
        self.view_closed.emit()

    # Agent actions -------------------------------------------------------------------------

    def act(self, action: Callable[[str], object]) -> None:
        """Apply a call control to the call on screen, saying why when there is none."""
        if self.current is None:
            self._say(self.tr("There is no call."), 3000)
            return
        try:
            action(self.current)
        except ServiceError as exc:
            self._say(str(exc), 8000)

    def toggle_mute(self) -> None:
        if self.current is None:
            return
        try:
            muted = self.desk.toggle_mute(self.current)
        except ServiceError as exc:
            self._say(str(exc), 8000)
            return
        self.call_panel.buttons["mute"].setChecked(muted)

    def _customer_chosen(self, customer_id: uuid.UUID) -> None:
        """The agent settled who is calling: the call is theirs, and the panel says so."""
        if self.current is not None and self.live():
            self.desk.choose_customer(self.current, customer_id)
            record = self.pages.record_view.record
            if record is not None and record.profile.id == customer_id:
                self.call_panel.show_customer(record.profile.name)

    def dial_number(
        self,
        number: str,
        customer_id: uuid.UUID | None = None,
        callback_id: uuid.UUID | None = None,
        *,
        typed: bool = False,
    ) -> None:
        """Click-to-dial from anywhere: the record, the callback list, the dial box. A click
        asks first (unless ``ask_before_dialling`` is off); a number typed and sent does not."""
        if self.current is not None:
            self._say(self.tr("Finish the current call first."), 5000)
            return
        record = self.pages.record_view.record
        if customer_id is None and record is not None:
            customer_id = record.profile.id
        if self.ask_before_dialling and not typed:
            question = (
                self.tr("Call {number} ({name})?").format(number=number, name=record.profile.name)
                if record is not None
                else self.tr("Call {number}?").format(number=number)
            )
            answer = QMessageBox.question(self._window, self.tr("Call"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            call_id = self.desk.dial(number, customer_id, callback_id)
        except ServiceError as exc:
            self._say(str(exc), 8000)
            return
        self.current = call_id
        self.call_panel.show_outbound(number, record.profile.name if record else None)
        self.call_panel.set_phase("dialling")
        self.log_panel.set_active(True)

    def dial_callback(self, callback: CallbackView) -> None:
        if callback.customer_id is not None:
            self.pages.open_customer(callback.customer_id)
        self.dial_number(callback.phone_number, callback.customer_id, callback.id)
