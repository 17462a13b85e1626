"""The agent's main window: call panel and log on the left, the caller's record on the right,
callbacks due and open requests always in view, state and sync in the status bar."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from callcenter import config as config_module
from callcenter import customers, drafts
from callcenter.agent_state import AgentState, Status
from callcenter.callbacks import get_callback
from callcenter.config import Config
from callcenter.context import ServiceContext
from callcenter.customer360 import load_customer_360
from callcenter.desk import (
    CallChanged,
    CallFinished,
    CallOffered,
    Desk,
    DeskEvent,
    Problem,
    RegistrationNews,
    StateNews,
)
from callcenter.directory import Code, dispositions, not_ready_reasons, queues_of
from callcenter.errors import ServiceError, ValidationError
from callcenter.records import CallbackView, InteractionView, SearchHit, ServiceRequestView
from callcenter.replicator import SyncStatus
from callcenter.screenpop import PopKind, ScreenPop
from callcenter.secrets import SecretStore, SecretsUnavailable, database_key, sip_key
from db.enums import CallbackStatus
from telephony.events import CallState, RegistrationState
from ui.call_panel import CallPanel
from ui.caller_panel import ChooserPanel, UnknownCallerPanel
from ui.formatting import local_time
from ui.headset import Headset
from ui.log_panel import LogPanel
from ui.record_view import RecordView
from ui.search_box import SearchBox
from ui.shortcuts import DEFAULTS
from ui.supervisor_window import SupervisorWindow
from ui.sync_status import sync_words
from ui.work_lists import CallbacksDue, MyRequests

PAGE_RECORD, PAGE_CHOOSER, PAGE_UNKNOWN = range(3)
EXTEND_SECONDS = 30
STATE_TEXT = {
    AgentState.OFFLINE: "Offline",
    AgentState.READY: "Ready",
    AgentState.NOT_READY: "Not ready",
    AgentState.RINGING: "Ringing",
    AgentState.ON_CALL: "On call",
    AgentState.WRAP_UP: "Wrap-up",
}


class MainWindow(QMainWindow):
    """Presents one Desk; every slot runs on the GUI thread.

    Signals:
        pop_painted(str, float): a screen pop for call id was painted, latency in ms.
    """

    pop_painted = Signal(str, float)

    def __init__(
        self,
        desk: Desk,
        shortcuts: dict[str, str],
        *,
        headset: Headset | None = None,
        config_path: Path | None = None,
        secrets: SecretStore | None = None,
        supervise: Callable[[], ServiceContext] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._supervise = supervise
        self.supervisor_window: SupervisorWindow | None = None
        self.desk = desk
        self.headset = headset
        self.config_path = config_path
        self.secrets = secrets or SecretStore()
        ctx = desk.ctx
        assert ctx.actor is not None, "the desk needs a signed-in agent"
        self.actor = ctx.actor
        self.current_call: str | None = None
        self.linked_request: uuid.UUID | None = None
        self.setWindowTitle(f"Call center — {ctx.actor.username}")
        self.resize(1366, 768)
        self.reasons: list[Code] = not_ready_reasons(ctx)

        self._build_central()
        self._build_docks()
        self._build_toolbar()
        self._build_status()
        self.actions_by_name = self._build_actions(shortcuts)
        self._connect()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        desk.subscribe(self.on_desk_event)
        self._show_state(desk.state.status)
        self.callbacks.refresh()
        self.requests.refresh()
        self._restore_drafts()

    # Building ------------------------------------------------------------------------------

    def _build_central(self) -> None:
        ctx = self.desk.ctx
        self.call_panel = CallPanel()
        self.log_panel = LogPanel(dispositions(ctx))
        self.record_view = RecordView(ctx.clock)
        self.chooser = ChooserPanel()
        self.unknown = UnknownCallerPanel(ctx)
        self.stack = QStackedWidget()
        for page in (self.record_view, self.chooser, self.unknown):
            self.stack.addWidget(page)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.call_panel)
        left_layout.addWidget(self.log_panel, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setSizes([430, 936])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

    def _build_docks(self) -> None:
        ctx = self.desk.ctx
        self.callbacks = CallbacksDue(ctx, self.actor.user_id, queues_of(ctx, self.actor.user_id))
        self.requests = MyRequests(ctx, self.actor.user_id)
        callbacks_dock = QDockWidget("Callbacks due", self)
        callbacks_dock.setObjectName("callbacksDock")
        callbacks_dock.setWidget(self.callbacks)
        requests_dock = QDockWidget("My open requests", self)
        requests_dock.setObjectName("requestsDock")
        requests_dock.setWidget(self.requests)
        for dock in (callbacks_dock, requests_dock):
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, callbacks_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, requests_dock)
        self.splitDockWidget(callbacks_dock, requests_dock, Qt.Orientation.Horizontal)
        self.resizeDocks([callbacks_dock], [190], Qt.Orientation.Vertical)

    def _build_toolbar(self) -> None:
        ctx = self.desk.ctx
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("stateCombo")
        self.state_combo.setMinimumWidth(180)
        self.state_combo.addItem("Ready", ("ready", None))
        self.state_combo.addItem("Not ready", ("not_ready", None))
        for reason in self.reasons:
            self.state_combo.addItem(f"Not ready — {reason.label}", ("not_ready", reason.code))
        self.state_combo.activated.connect(self._state_chosen)
        self.dial_box = QLineEdit()
        self.dial_box.setPlaceholderText("Number to dial")
        self.dial_box.setMaximumWidth(200)
        self.dial_box.returnPressed.connect(self._dial_typed)
        dial_button = QPushButton("Dial")
        dial_button.clicked.connect(self._dial_typed)
        self.search_box = SearchBox(ctx)
        self.search_box.setMinimumWidth(360)
        self.search_box.hit_chosen.connect(self._search_hit)
        toolbar = QToolBar("Agent")
        toolbar.setObjectName("agentToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" State "))
        toolbar.addWidget(self.state_combo)
        toolbar.addSeparator()
        toolbar.addWidget(self.dial_box)
        toolbar.addWidget(dial_button)
        toolbar.addSeparator()
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)

    def _build_status(self) -> None:
        self.reg_label = QLabel("SIP: not registered")
        self.state_label = QLabel()
        self.sync_label = QLabel("Shared database: connecting…")
        for widget in (self.reg_label, self.state_label, self.sync_label):
            self.statusBar().addPermanentWidget(widget)
        self.tray = QSystemTrayIcon(self)
        self.tray.setIcon(self.windowIcon())
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show()

    def show_sync(self, status: SyncStatus) -> None:
        """Replication state in the status bar; the error in words in its tooltip."""
        text, tip = sync_words(status)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(tip)

    def _build_actions(self, shortcuts: dict[str, str]) -> dict[str, QAction]:
        handlers = {
            "answer": lambda: self._call_action(self.desk.answer),
            "reject": lambda: self._call_action(self.desk.reject),
            "hangup": lambda: self._call_action(self.desk.hangup),
            "hold": lambda: self._call_action(self.desk.toggle_hold),
            "mute": self._toggle_mute,
            "transfer": self.call_panel.transfer_button.click,
            "dial": self.dial_box.setFocus,
            "search": self._focus_search,
            "save_log": lambda: self._save_log(False),
            "save_ready": lambda: self._save_log(True),
            "extend": self._extend,
            "new_request": lambda: self.open_service_request(None),
            "callback": self.schedule_callback,
            "manual_log": self.open_manual_log,
            "conflicts": self.open_conflicts,
            "ready": lambda: self._set_state("ready", None),
            "not_ready": lambda: self._set_state(
                "not_ready", self.reasons[0].code if self.reasons else None
            ),
            "offline": self._toggle_offline,
            "sign_out": self.ask_sign_out,
        }
        menus = {
            "&Call": ("answer", "reject", "hangup", "hold", "mute", "transfer", "dial"),
            "&Work": (
                "save_log",
                "save_ready",
                "extend",
                "new_request",
                "callback",
                "manual_log",
                "conflicts",
            ),
            "&Agent": ("ready", "not_ready", "offline", "search", "sign_out"),
        }
        actions: dict[str, QAction] = {}
        for title, names in menus.items():
            menu = self.menuBar().addMenu(title)
            for name in names:
                action = QAction(DEFAULTS[name][1], self)
                action.setShortcut(QKeySequence(shortcuts[name]))
                action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
                action.triggered.connect(handlers[name])
                menu.addAction(action)
                actions[name] = action
        if self.config_path is not None:
            settings = QAction("&Settings…", self)
            settings.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
            settings.triggered.connect(self.open_settings)
            self.menuBar().addMenu("&Tools").addAction(settings)
        if self._supervise is not None:
            watch = QAction("&Supervisor view", self)
            watch.setShortcut(QKeySequence("Ctrl+Shift+V"))
            watch.triggered.connect(self.open_supervisor_view)
            self.menuBar().addMenu("&Supervise").addAction(watch)
        help_menu = self.menuBar().addMenu("&Help")
        keys = QAction("&Keyboard shortcuts", self)
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        return actions

    def _connect(self) -> None:
        panel = self.call_panel
        panel.answer.connect(lambda: self._call_action(self.desk.answer))
        panel.reject.connect(lambda: self._call_action(self.desk.reject))
        panel.hangup.connect(lambda: self._call_action(self.desk.hangup))
        panel.hold.connect(lambda: self._call_action(self.desk.toggle_hold))
        panel.mute.connect(self._toggle_mute)
        panel.dtmf.connect(lambda d: self._call_action(lambda c: self.desk.send_dtmf(c, d)))
        panel.transfer.connect(
            lambda t: self._call_action(lambda c: self.desk.blind_transfer(c, t))
        )
        panel.consult.connect(lambda t: self._call_action(lambda c: self._consult(c, t)))
        panel.complete_transfer.connect(lambda: self._call_action(self.desk.complete_transfer))
        log = self.log_panel
        log.draft_changed.connect(self._save_draft)
        log.save_requested.connect(self._save_log)
        log.extend_requested.connect(self._extend)
        log.new_request.connect(lambda: self.open_service_request(None))
        log.schedule_callback.connect(self.schedule_callback)
        self.chooser.customer_chosen.connect(self._customer_chosen)
        self.unknown.quick_create.connect(self._quick_create)
        self.unknown.attach.connect(self._attach_number)
        self.unknown.without_customer.connect(lambda: self.record_view.clear("No customer"))
        self.unknown.without_customer.connect(lambda: self.stack.setCurrentIndex(PAGE_RECORD))
        self.record_view.dial_requested.connect(self.dial_number)
        self.record_view.service_request_opened.connect(self.open_service_request)
        self.record_view.callback_opened.connect(self.record_callback_outcome)
        self.callbacks.dial.connect(self.dial_callback)
        self.callbacks.fell_due.connect(self._callback_due)
        self.requests.opened.connect(self.open_service_request)

    # Desk events ---------------------------------------------------------------------------

    def on_desk_event(self, event: DeskEvent) -> None:
        if isinstance(event, CallOffered):
            self._offered(event.call_id, event.pop)
        elif isinstance(event, CallChanged):
            self._changed(event)
        elif isinstance(event, CallFinished):
            self._finished(event)
        elif isinstance(event, RegistrationNews):
            self._registration(event)
        elif isinstance(event, StateNews):
            self._show_state(event.status)
        elif isinstance(event, Problem):
            self.statusBar().showMessage(event.message, 10_000)

    def _offered(self, call_id: str, pop: ScreenPop) -> None:
        if self.current_call is not None and self.current_call != call_id:
            self.notify("Call waiting", "Another call is ringing.")
            return
        self.current_call = call_id
        self.show_pop(pop)
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
        self.raise_()
        self.activateWindow()
        who = pop.record.profile.name if pop.record else (pop.caller.number_raw or "Withheld")
        self.notify("Incoming call", f"{who} — {pop.caller.queue or ''}".strip(" —"))

    def _paint_now(self) -> None:
        """Put what the pop changed on screen now, as it will stay: the layouts its new texts
        asked for, then one paint of what changed (not of every widget in the panes).

        Cheap because the panes' sizes do not depend on what they show: the header and the
        caller keep their height, and no rich-text label wraps (asking a wrapping one its
        height for a width lays its document out again, at every level of the layout).
        """
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.UpdateRequest)

    def show_pop(self, pop: ScreenPop) -> None:
        if pop.kind == PopKind.CUSTOMER and pop.record is not None:
            self.record_view.show_record(pop.record)
            self.stack.setCurrentIndex(PAGE_RECORD)
        elif pop.kind == PopKind.CHOOSE:
            self.chooser.show_pop(pop)
            self.stack.setCurrentIndex(PAGE_CHOOSER)
        else:
            self.unknown.show_pop(pop)
            self.stack.setCurrentIndex(PAGE_UNKNOWN)

    def _consult(self, call_id: str, target: str) -> None:
        self.desk.consult(call_id, target)
        self.call_panel.consult_button.setEnabled(False)
        self.statusBar().showMessage(f"Caller on hold; calling {target}…", 8000)

    def _is_consultation(self, call_id: str) -> bool:
        session = self.desk.calls.get(call_id)
        return session is not None and session.consult_for == self.current_call

    def _changed(self, event: CallChanged) -> None:
        if self._is_consultation(event.call_id):
            if event.state == CallState.CONFIRMED:
                self.call_panel.complete_button.setEnabled(True)
                self.statusBar().showMessage("Colleague answered: complete the transfer", 8000)
            return
        if event.call_id != self.current_call:
            return
        if event.state in (CallState.CONFIRMED, CallState.HELD, CallState.REMOTE_HELD):
            if self.headset is not None and not self.headset.active:
                self.headset.stop_ring()
                self.headset.start()
            self.call_panel.set_phase("talking")
            self.call_panel.buttons["hold"].setChecked(event.state == CallState.HELD)
        elif event.state in (CallState.CALLING, CallState.EARLY) and (
            self.call_panel.phase == "dialling"
        ):
            self.call_panel.detail.setText("Ringing at the far end…")

    def _finished(self, event: CallFinished) -> None:
        if event.call_id != self.current_call:
            if self.current_call is not None and self.call_panel.phase == "talking":
                self.call_panel.complete_button.setEnabled(False)
                self.call_panel.consult_button.setEnabled(True)
            return
        if self.headset is not None:
            self.headset.stop_ring()
            self.headset.stop()
        self.call_panel.set_phase("ended")
        self.call_panel.detail.setText(f"Call ended: {event.reason}")
        if not event.needs_log:
            self._end_call_view("Missed call recorded")
        else:
            self.log_panel.notes.setFocus()

    def _end_call_view(self, message: str) -> None:
        self.current_call = None
        self.linked_request = None
        self.log_panel.set_active(False)
        self.call_panel.set_phase("idle")
        self.statusBar().showMessage(message, 5000)

    def _registration(self, news: RegistrationNews) -> None:
        text = {
            RegistrationState.REGISTERED: "SIP: registered",
            RegistrationState.REGISTERING: "SIP: registering…",
            RegistrationState.UNREGISTERED: "SIP: not registered",
            RegistrationState.FAILED: f"SIP: failed — {news.reason}",
        }[news.state]
        self.reg_label.setText(text)
        colour = "#c62828" if news.state == RegistrationState.FAILED else ""
        self.reg_label.setStyleSheet(f"color:{colour}" if colour else "")

    def _show_state(self, status: Status) -> None:
        text = STATE_TEXT[status.state]
        if status.reason and status.state == AgentState.NOT_READY:
            reason = next((r.label for r in self.reasons if r.code == status.reason), status.reason)
            text += f" — {reason}"
        if status.after_call is not None:
            text += f" (then {STATE_TEXT[status.after_call].lower()})"
        self.state_label.setText(f"Agent: {text}")
        if status.state in (AgentState.READY, AgentState.NOT_READY):
            # During a call the combo keeps the availability the agent chose.
            wanted = (
                ("ready", None)
                if status.state == AgentState.READY
                else (
                    "not_ready",
                    status.reason,
                )
            )
            index = self.state_combo.findData(wanted)
            if index < 0:
                index = self.state_combo.findData(("not_ready", None))
            self.state_combo.setCurrentIndex(index)
        self.log_panel.show_wrap_up(self.desk.state.wrap_up_remaining())

    def _tick(self) -> None:
        self.desk.state.tick()
        self.log_panel.show_wrap_up(self.desk.state.wrap_up_remaining())

    # Agent actions ---------------------------------------------------------------------------

    def _call_action(self, action: object) -> None:
        if self.current_call is None:
            self.statusBar().showMessage("There is no call.", 3000)
            return
        try:
            action(self.current_call)  # type: ignore[operator]
        except ServiceError as exc:
            self.statusBar().showMessage(str(exc), 8000)

    def _toggle_mute(self) -> None:
        if self.current_call is None:
            return
        try:
            muted = self.desk.toggle_mute(self.current_call)
        except ServiceError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.call_panel.buttons["mute"].setChecked(muted)

    def _state_chosen(self, index: int) -> None:
        kind, reason = self.state_combo.itemData(index)
        self._set_state(kind, reason)

    def _set_state(self, kind: str, reason: str | None) -> None:
        try:
            if kind == "ready":
                self.desk.state.set_ready()
            elif reason is None:
                self.statusBar().showMessage("Choose why you are not ready.", 4000)
                self._show_state(self.desk.state.status)
            else:
                self.desk.state.set_not_ready(reason)
        except ValidationError as exc:
            self.statusBar().showMessage(exc.message, 6000)
            self._show_state(self.desk.state.status)

    def _toggle_offline(self) -> None:
        """Offline takes no calls (the desk turns them away); back online is Not ready."""
        try:
            if self.desk.state.status.state == AgentState.OFFLINE:
                self.desk.state.sign_in()
            else:
                self.desk.state.sign_out()
        except ValidationError as exc:
            self.statusBar().showMessage(exc.message, 6000)

    def _extend(self) -> None:
        try:
            self.desk.state.extend_wrap_up(EXTEND_SECONDS)
        except ValidationError as exc:
            self.statusBar().showMessage(exc.message, 4000)

    def _save_draft(self, notes: str, disposition: str | None) -> None:
        if self.current_call is not None and self.current_call in self.desk.calls:
            self.desk.save_draft(self.current_call, notes, disposition)

    def _save_log(self, and_ready: bool) -> None:
        if self.current_call is None:
            return
        self.log_panel.flush_draft()
        session = self.desk.calls.get(self.current_call)
        callback_id = session.callback_id if session is not None else None
        try:
            saved = self.desk.save_log(
                self.current_call,
                self.log_panel.disposition.currentData(),
                self.log_panel.notes.toPlainText(),
                service_request_id=self.linked_request,
                and_ready=and_ready,
            )
        except ValidationError as exc:
            self.log_panel.error.setText(exc.message if exc.field == "notes" else str(exc))
            return
        session = self.desk.calls.get(self.current_call)
        if session is None or session.ended:
            self._end_call_view("Call log saved")
            self._restore_drafts()
        if callback_id is not None:
            self.record_callback_outcome(get_callback(self.desk.ctx, callback_id), saved.id)
        else:
            self.statusBar().showMessage("Call log saved; the call goes on", 4000)
        self._refresh_record()

    def _customer_chosen(self, customer_id: uuid.UUID) -> None:
        if self.current_call is not None and self.current_call in self.desk.calls:
            self.desk.choose_customer(self.current_call, customer_id)
        self.open_customer(customer_id)

    def _quick_create(self, name: str, number: str) -> None:
        try:
            profile = customers.quick_create_from_number(self.desk.ctx, number, name)
        except ValidationError as exc:
            self.unknown.error.setText(str(exc))
            return
        self._customer_chosen(profile.id)

    def _attach_number(self, customer_id: uuid.UUID, number: str) -> None:
        try:
            customers.attach_number(self.desk.ctx, customer_id, number)
        except ValidationError as exc:
            self.unknown.error.setText(str(exc))
            return
        self._customer_chosen(customer_id)

    def open_customer(self, customer_id: uuid.UUID) -> None:
        self.record_view.show_record(load_customer_360(self.desk.ctx, customer_id))
        self.stack.setCurrentIndex(PAGE_RECORD)

    def _refresh_record(self) -> None:
        if self.record_view.record is not None:
            self.open_customer(self.record_view.record.profile.id)
        self.callbacks.refresh()
        self.requests.refresh()

    def _search_hit(self, hit: SearchHit) -> None:
        if hit.customer_id is not None:
            self.open_customer(hit.customer_id)
        if hit.service_request_id is not None:
            from callcenter.service_requests import get_service_request

            self.open_service_request(get_service_request(self.desk.ctx, hit.service_request_id))

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _dial_typed(self) -> None:
        number = self.dial_box.text().strip()
        if number:
            self.dial_number(number)

    def dial_number(
        self,
        number: str,
        customer_id: uuid.UUID | None = None,
        callback_id: uuid.UUID | None = None,
    ) -> None:
        """Click-to-dial from anywhere: the record, the callback list, the dial box."""
        if self.current_call is not None:
            self.statusBar().showMessage("Finish the current call first.", 5000)
            return
        if customer_id is None and self.record_view.record is not None:
            customer_id = self.record_view.record.profile.id
        try:
            call_id = self.desk.dial(number, customer_id, callback_id)
        except ServiceError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.current_call = call_id
        name = self.record_view.record.profile.name if self.record_view.record else None
        self.call_panel.show_outbound(number, name)
        self.call_panel.set_phase("dialling")
        self.log_panel.set_active(True)

    def dial_callback(self, callback: CallbackView) -> None:
        if callback.customer_id is not None:
            self.open_customer(callback.customer_id)
        self.dial_number(callback.phone_number, callback.customer_id, callback.id)

    def _callback_due(self, callback: CallbackView) -> None:
        self.notify("Callback due", f"{callback.phone_number}: {callback.reason}")

    def notify(self, title: str, text: str) -> None:
        """A desktop notification where the desktop has a tray; the status bar always."""
        if self.tray.isVisible():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        self.statusBar().showMessage(f"{title}: {text}", 10_000)

    def open_service_request(self, sr: ServiceRequestView | None) -> None:
        from ui.dialogs.service_request_dialog import ServiceRequestDialog

        record = self.record_view.record
        dialog = ServiceRequestDialog(
            self.desk.ctx,
            request=sr,
            customer_id=record.profile.id if record and sr is None else None,
            customer_name=record.profile.name if record and sr is None else None,
            parent=self,
        )
        dialog.saved.connect(self._service_request_saved)
        dialog.open()

    def _service_request_saved(self, sr: ServiceRequestView) -> None:
        self.desk.events.write("sr.saved", id=sr.id, number=sr.number, status=sr.status)
        if self.current_call is not None and self.current_call in self.desk.calls:
            self.log_panel.linked.setText(f"Service request {sr.number}")
            self.linked_request = sr.id
        self._refresh_record()

    def schedule_callback(self) -> None:
        from ui.dialogs.callback_dialog import CallbackDialog

        record = self.record_view.record
        number = ""
        if self.current_call is not None and self.current_call in self.desk.calls:
            caller = self.desk.calls[self.current_call].caller
            number = caller.number_e164 or caller.number_raw or ""
        elif record is not None and record.profile.phones:
            number = record.profile.phones[0].e164 or record.profile.phones[0].raw
        dialog = CallbackDialog(
            self.desk.ctx,
            phone_number=number,
            customer_id=record.profile.id if record else None,
            customer_name=record.profile.name if record else None,
            parent=self,
        )
        dialog.saved.connect(self._callback_saved)
        dialog.open()

    def _callback_saved(self, callback: CallbackView) -> None:
        self.desk.events.write("callback.saved", id=callback.id, status=callback.status)
        self._refresh_record()

    def record_callback_outcome(
        self, callback: CallbackView, interaction_id: uuid.UUID | None = None
    ) -> None:
        """Ask how a callback went (after its call is logged, or from the record)."""
        from ui.dialogs.callback_dialog import CallbackOutcomeDialog

        if callback.status != CallbackStatus.PENDING:
            return
        dialog = CallbackOutcomeDialog(
            self.desk.ctx, callback, interaction_id=interaction_id, parent=self
        )
        dialog.saved.connect(self._callback_saved)
        dialog.open()

    def open_manual_log(self) -> None:
        from ui.dialogs.manual_log_dialog import ManualLogDialog

        record = self.record_view.record
        dialog = ManualLogDialog(
            self.desk.ctx,
            customer_id=record.profile.id if record else None,
            customer_name=record.profile.name if record else None,
            parent=self,
        )
        dialog.saved.connect(self._manual_log_saved)
        dialog.open()

    def open_supervisor_view(self) -> None:
        """Queues and agents, live, from the shared store (supervisors only)."""
        if self._supervise is None:
            return
        if self.supervisor_window is None:
            self.supervisor_window = SupervisorWindow(self._supervise(), self.desk.ctx)
        self.supervisor_window.show()
        self.supervisor_window.raise_()

    def open_conflicts(self) -> None:
        from ui.dialogs.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.desk.ctx, parent=self)
        dialog.settled.connect(self._refresh_record)
        dialog.open()

    def _manual_log_saved(self, interaction: InteractionView) -> None:
        self.desk.events.write("interaction.saved", id=interaction.id, manual=True)
        self._refresh_record()

    def open_settings(self) -> None:
        from ui.dialogs.settings_dialog import SettingsDialog

        assert self.config_path is not None
        dialog = SettingsDialog(
            self.config_path,
            self.secrets,
            audio_devices=Headset.output_names(),
            input_devices=Headset.input_names(),
            parent=self,
        )
        dialog.saved.connect(self._settings_saved)
        dialog.open()

    def _settings_saved(self, config: Config) -> None:
        if self.headset is not None:
            self.headset.set_output(config.audio.output)
            self.headset.set_input(config.audio.input)
        self.statusBar().showMessage(
            "Settings saved; the SIP account, region and database apply from the next start", 8000
        )

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td>{action.text()}</td><td><b>{action.shortcut().toString()}</b></td></tr>"
            for action in self.actions_by_name.values()
        )
        QMessageBox.information(
            self,
            "Keyboard shortcuts",
            f"<table cellpadding=3>{rows}</table><p>Change them under [shortcuts] in the "
            'config file, e.g. <code>answer = "F5"</code>.</p>',
        )

    def _restore_drafts(self) -> None:
        """Logs typed before a crash or a closed window come back, one at a time, to be saved."""
        if self.current_call is not None:
            return
        waiting = drafts.unsaved_drafts(self.desk.ctx)
        if not waiting:
            return
        draft = waiting[0]
        session = self.desk.recover(draft)
        self.current_call = session.call_id
        if draft.customer_id is not None:
            self.open_customer(draft.customer_id)
        self.call_panel.show_outbound(draft.caller_number or "unknown number", "Unsaved call log")
        self.call_panel.detail.setText(
            f"Call of {local_time(draft.started_at)}, kept as a draft; save it to finish."
        )
        self.call_panel.set_phase("ended")
        self.log_panel.set_active(True)
        self.log_panel.load(draft.notes, draft.disposition_code)
        self.statusBar().showMessage(
            f"Recovered {len(waiting)} unsaved call log(s) from an earlier session.", 15_000
        )

    def ask_sign_out(self) -> None:
        """Sign out; on a shared computer the stored passwords can go with the person."""
        box = QMessageBox(self)
        box.setWindowTitle("Sign out")
        box.setText("Sign out of this desk?")
        box.setInformativeText(
            "Forget also removes this desk's stored SIP and database passwords from the OS "
            "keyring; they will be asked for at the next sign-in."
        )
        forget = box.addButton("Sign out and &forget passwords", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("&Sign out", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() in (forget, keep):
            self.sign_out(forget=box.clickedButton() is forget)

    def sign_out(self, *, forget: bool) -> None:
        """Close the desk signed out; with ``forget`` the keyring loses its passwords."""
        if not self.close():
            return
        # Mid-call (the close asked first) the state cannot sign out; the desk goes all the same.
        if self.desk.state.status.state != AgentState.OFFLINE:
            with contextlib.suppress(ValidationError):
                self.desk.state.sign_out()
        if forget and self.config_path is not None:
            config = config_module.load(self.config_path)
            keys = [database_key(config.shared_database_url)]
            if config.sip.username:
                keys.append(sip_key(config.sip.username, config.sip.registrar))
            for key in keys:
                try:
                    self.secrets.forget(key)
                except SecretsUnavailable as error:
                    QMessageBox.warning(self, "Sign out", str(error))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's API
        """Never leave a call unlogged silently: ask first."""
        self.log_panel.flush_draft()
        if self.desk.unlogged_calls() or (
            self.current_call is not None and self.log_panel.notes.toPlainText().strip()
        ):
            answer = QMessageBox.question(
                self,
                "Unsaved call log",
                "A call has not been logged. Your notes are kept as a draft.\nClose anyway?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        event.accept()
