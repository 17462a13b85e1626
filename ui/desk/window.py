"""The agent's main window: call panel and log on the left, the caller's record on the right,
callbacks due and open requests always in view, state and sync in the status bar.

The window only composes: each part's behaviour is its own controller (``calls``, ``call_log``,
``state_control``, ``record_pages``, ``work_dialogs``, ``account``, ``menus``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QSystemTrayIcon,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from callcenter.desk.desk import Desk, DeskEvent, RegistrationNews, StateNews
from callcenter.desk.transfer_targets import transfer_targets
from callcenter.knowledge.articles import ArticleView
from callcenter.knowledge.scripts import script_for
from callcenter.platform.directory import (
    dispositions,
    not_ready_reasons,
    people,
    queue_named,
    queues,
    queues_of,
)
from callcenter.platform.records import CallbackView, Customer360, ServiceRequestView
from callcenter.platform.secrets import SecretStore
from callcenter.sync.replicator import SyncStatus
from telephony.events import RegistrationState
from ui.common import i18n
from ui.common.i18n import retranslate_menus
from ui.desk.account import Account
from ui.desk.call_log import CallLogController
from ui.desk.call_panel import CallPanel
from ui.desk.calls import CallController
from ui.desk.headset import Headset
from ui.desk.log_panel import LogPanel
from ui.desk.menus import build_menus
from ui.desk.record_pages import RecordPages
from ui.desk.search_box import SearchBox
from ui.desk.state_control import StateControl
from ui.desk.work_dialogs import WorkDialogs
from ui.desk.work_lists import CallbacksDue, MyRequests
from ui.knowledge.announcements import AnnouncementBanner
from ui.knowledge.article_results import ArticleReader
from ui.knowledge.script_panel import ScriptPanel
from ui.platform.desktop_notices import DesktopNotices
from ui.sync.status import sync_words


class MainWindow(QMainWindow):
    """Presents one Desk; every slot runs on the GUI thread.

    Signals:
        language_changed(): the interface was switched to another language (other windows
            of the desktop follow).
    """

    language_changed = Signal()

    def __init__(
        self,
        desk: Desk,
        shortcuts: dict[str, str],
        *,
        headset: Headset | None = None,
        config_path: Path | None = None,
        secrets: SecretStore | None = None,
        open_supervisor_view: Callable[[], None] | None = None,
        authenticated: bool = True,
        ask_before_dialling: bool = True,
        audio_problem: str | None = None,
        notices: DesktopNotices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``audio_problem``: what is wrong with the sound, in words (``Headset.problem``);
        ``notices``: the desktop's notification service, where there is one."""
        super().__init__(parent)
        self._audio_problem = audio_problem
        self.desk = desk
        self.headset = headset
        ctx = desk.ctx
        assert ctx.actor is not None, "the desk needs a signed-in agent"
        self.actor = ctx.actor
        self.authenticated = authenticated
        me = next((p for p in people(ctx) if p.id == self.actor.user_id), None)
        self._me = me.display_name if me else self.actor.username
        self._registered: RegistrationNews | None = None
        self._synced: SyncStatus | None = None
        #: The category of the request last opened during the call: its script is the call's.
        self._script_category: str | None = None
        #: Whose record fills the script: the pop's, or the one the agent settled on.
        self._script_customer: Customer360 | None = None
        self.resize(1366, 768)

        if notices is not None:
            notices.setParent(self)  # goes with the window, not whenever Python collects it
        self.call_panel = CallPanel()
        self.call_panel.set_directory(lambda: transfer_targets(ctx, self.actor.user_id))
        self.call_panel.queue_names = {q.name: q.display_name for q in queues(ctx)}
        self.log_panel = LogPanel(dispositions(ctx))
        self.pages = RecordPages(ctx, self)
        self.calls = CallController(
            self,
            desk,
            call_panel=self.call_panel,
            log_panel=self.log_panel,
            pages=self.pages,
            headset=headset,
            say=self.say,
            notify=self.notify,
            notices=notices,
            ask_before_dialling=ask_before_dialling,
        )
        self.work = WorkDialogs(self, self.calls, self.pages, self.log_panel, self.say)
        self.call_log = CallLogController(
            self.calls, self.log_panel, self.pages, self.work, self.say
        )
        self.state = StateControl(desk, not_ready_reasons(ctx), self.log_panel, self.say, self)
        self.account = Account(
            self,
            desk,
            secrets=secrets or SecretStore(),
            config_path=config_path,
            headset=headset,
            say=self.say,
        )
        self._build_central()
        self._build_docks()
        self._build_toolbar()
        self._build_status()
        self._retranslate_window()
        handlers = self._handlers()
        if config_path is not None:
            handlers["settings"] = self.account.open_settings
        if open_supervisor_view is not None:
            handlers["supervisor"] = open_supervisor_view
        self.actions_by_name = build_menus(self, handlers, shortcuts)
        self._connect()
        desk.subscribe(self.on_desk_event)
        self.state.show(desk.state.status)
        self.callbacks.refresh()
        self.requests.refresh()
        self.call_log.restore_drafts()

    # Building ------------------------------------------------------------------------------

    def _build_central(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.call_panel)
        left_layout.addWidget(self.log_panel, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.pages.stack)
        splitter.setSizes([430, 936])
        splitter.setChildrenCollapsible(False)
        self.announcements = AnnouncementBanner(self.desk.ctx)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.announcements)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        ctx = self.desk.ctx
        self.callbacks = CallbacksDue(ctx, self.actor.user_id, queues_of(ctx, self.actor.user_id))
        self.requests = MyRequests(ctx, self.actor.user_id)
        self.callbacks_dock = callbacks_dock = QDockWidget(self)
        callbacks_dock.setObjectName("callbacksDock")
        callbacks_dock.setWidget(self.callbacks)
        self.requests_dock = requests_dock = QDockWidget(self)
        requests_dock.setObjectName("requestsDock")
        requests_dock.setWidget(self.requests)
        for dock in (callbacks_dock, requests_dock):
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, callbacks_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, requests_dock)
        self.splitDockWidget(callbacks_dock, requests_dock, Qt.Orientation.Horizontal)
        self.resizeDocks([callbacks_dock], [190], Qt.Orientation.Vertical)
        # The call script beside the record; shown once a call has a script.
        self.script_panel = ScriptPanel()
        self.script_dock = script_dock = QDockWidget(self)
        script_dock.setObjectName("scriptDock")
        script_dock.setWidget(self.script_panel)
        script_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, script_dock)
        self.resizeDocks([script_dock], [280], Qt.Orientation.Horizontal)
        script_dock.hide()

    def _build_toolbar(self) -> None:
        self.dial_box = QLineEdit()
        self.dial_box.setMaximumWidth(200)
        self.dial_box.returnPressed.connect(self._dial_typed)
        self.dial_button = dial_button = QPushButton()
        dial_button.clicked.connect(self._dial_typed)
        self.search_box = SearchBox(self.desk.ctx)
        self.search_box.setMinimumWidth(360)
        self.toolbar = toolbar = QToolBar()
        toolbar.setObjectName("agentToolbar")
        toolbar.setMovable(False)
        self.state_caption = QLabel()
        toolbar.addWidget(self.state_caption)
        toolbar.addWidget(self.state.combo)
        toolbar.addSeparator()
        toolbar.addWidget(self.dial_box)
        toolbar.addWidget(dial_button)
        toolbar.addSeparator()
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)

    def _build_status(self) -> None:
        self.reg_label = QLabel()
        self.sync_label = QLabel()
        self._refused_seen = 0
        for widget in (self.reg_label, self.state.label, self.sync_label):
            self.statusBar().addPermanentWidget(widget)
        self.unauthenticated = QLabel()
        self.unauthenticated.setObjectName("unauthenticatedLabel")
        if not self.authenticated:
            self.statusBar().addPermanentWidget(self.unauthenticated)
        self.audio_label = QLabel("")
        self.audio_label.setObjectName("audioProblem")
        self.show_audio(self._audio_problem)
        self.statusBar().addPermanentWidget(self.audio_label)
        self.tray = QSystemTrayIcon(self)
        self.tray.setIcon(self.windowIcon())
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show()

    def _handlers(self) -> dict[str, Callable[[], object]]:
        """What each named desk action does (menus and shortcuts)."""
        calls, desk = self.calls, self.desk
        return {
            "answer": lambda: calls.act(desk.answer),
            "reject": lambda: calls.act(desk.reject),
            "hangup": lambda: calls.act(desk.hangup),
            "hold": lambda: calls.act(desk.toggle_hold),
            "mute": calls.toggle_mute,
            "transfer": self.call_panel.transfer_button.click,
            "consult": self.call_panel.consult_button.click,
            "complete": self.call_panel.complete_button.click,
            "dial": self.dial_box.setFocus,
            "search": self._focus_search,
            "save_log": lambda: self.call_log.save(False),
            "save_ready": lambda: self.call_log.save(True),
            "extend": self.state.extend,
            "new_request": lambda: self.work.open_service_request(None),
            "callback": self.work.schedule_callback,
            "edit_customer": self.work.edit_customer,
            "manual_log": self.work.open_manual_log,
            "conflicts": self.work.open_conflicts,
            "refused": self.work.open_refused,
            "ready": lambda: self.state.set_state("ready", None),
            "not_ready": self.state.not_ready,
            "offline": self.state.toggle_offline,
            "sign_out": self.account.ask_sign_out,
        }

    def _connect(self) -> None:
        log = self.log_panel
        log.new_request.connect(lambda: self.work.open_service_request(None))
        log.schedule_callback.connect(self.work.schedule_callback)
        record = self.pages.record_view
        record.dial_requested.connect(self.calls.dial_number)
        record.edit_requested.connect(self.work.edit_customer)
        # The script follows a request's category before its dialog opens (and waits).
        for opened in (
            record.service_request_opened,
            self.requests.opened,
            self.pages.request_found,
        ):
            opened.connect(self._script_for_request)
        record.service_request_opened.connect(self.work.open_service_request)
        record.callback_opened.connect(self.work.record_callback_outcome)
        self.callbacks.dial.connect(self.calls.dial_callback)
        self.callbacks.fell_due.connect(self._callback_due)
        self.requests.opened.connect(self.work.open_service_request)
        self.search_box.hit_chosen.connect(self.pages.show_hit)
        self.search_box.article_chosen.connect(self.read_article)
        # The call's script on the loop's next turn after the pop is painted: the pop's
        # latency is measured to the paint, and the ring starts right after it.
        self.calls.pop_painted.connect(
            lambda _call, _ms: QTimer.singleShot(0, self._script_for_call)
        )
        self.pages.customer_chosen.connect(self._script_for_customer)
        self.work.saved.connect(self.refresh)
        self.account.language_chosen.connect(self.apply_language)
        self.call_log.saved.connect(self._log_saved)

    # What the window shows -------------------------------------------------------------------

    def on_desk_event(self, event: DeskEvent) -> None:
        if isinstance(event, RegistrationNews):
            self._registration(event)
        elif isinstance(event, StateNews):
            self.state.show(event.status)
        else:
            self.calls.on_desk_event(event)

    def apply_language(self, language: str, region: str) -> None:
        """Switch the interface's language now (Settings ▸ Desk), the call on screen, the log
        being typed and the record shown staying as they are, only their words changing."""
        i18n.install(language, region)
        self.retranslate()
        self.language_changed.emit()

    def retranslate(self) -> None:
        """Every part of the window in the interface's language; the dictionary's words
        (outcomes, reasons, queues) read again in it."""
        ctx = self.desk.ctx
        self.statusBar().clearMessage()  # a passing message, said in the other language
        self._retranslate_window()
        retranslate_menus(self)
        self.state.retranslate(not_ready_reasons(ctx))
        self.call_panel.queue_names = {q.name: q.display_name for q in queues(ctx)}
        self.call_panel.retranslate()
        self.log_panel.set_dispositions(dispositions(ctx))
        self.log_panel.retranslate()
        self.pages.retranslate()
        self.callbacks.retranslate()
        self.requests.retranslate()
        self.search_box.retranslate()
        self.announcements.retranslate()
        self.script_panel.retranslate()

    def _retranslate_window(self) -> None:
        title = (
            self.tr("Call center — {name}")
            if self.authenticated
            else self.tr("Call center — {name} (not authenticated)")
        )
        self.setWindowTitle(title.format(name=self._me))
        self.callbacks_dock.setWindowTitle(self.tr("Callbacks due"))
        self.requests_dock.setWindowTitle(self.tr("My open requests"))
        self.script_dock.setWindowTitle(self.tr("Call script"))
        self.dial_box.setPlaceholderText(self.tr("Number to dial"))
        self.dial_button.setText(self.tr("Dial"))
        self.toolbar.setWindowTitle(self.tr("Agent"))
        self.state_caption.setText(self.tr(" State "))
        self.unauthenticated.setText(self.tr("Not authenticated"))
        self.unauthenticated.setToolTip(
            self.tr(
                "Embedded mode: the shared store is a file on this computer, so nobody "
                "signed in with a password; anyone at this computer can act as this person."
            )
        )
        if self._registered is None:
            self.reg_label.setText(self.tr("SIP: not registered"))
        else:
            self._registration(self._registered)
        if self._synced is None:
            self.sync_label.setText(self.tr("Shared database: connecting…"))
        else:
            text, tip = sync_words(self._synced)
            self.sync_label.setText(text)
            self.sync_label.setToolTip(tip)

    def _registration(self, news: RegistrationNews) -> None:
        self._registered = news
        text = {
            RegistrationState.REGISTERED: self.tr("SIP: registered"),
            RegistrationState.REGISTERING: self.tr("SIP: registering…"),
            RegistrationState.UNREGISTERED: self.tr("SIP: not registered"),
            RegistrationState.FAILED: self.tr("SIP: failed — {reason}"),
        }[news.state].format(reason=news.reason)
        self.reg_label.setText(text)
        colour = "#c62828" if news.state == RegistrationState.FAILED else ""
        self.reg_label.setStyleSheet(f"color:{colour}" if colour else "")

    def show_sync(self, status: SyncStatus) -> None:
        """Replication state in the status bar; the error in words in its tooltip."""
        if self._synced is None or status.last_success_at != self._synced.last_success_at:
            self.announcements.refresh()  # a sync may have brought one
        self._synced = status
        text, tip = sync_words(status)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(tip)
        if status.refused > self._refused_seen:
            self.notify(
                self.tr("A change was refused"),
                self.tr(
                    "The shared database refused a change from this desk. "
                    "Work ▸ Refused changes says what and why."
                ),
            )
        self._refused_seen = status.refused

    def show_audio(self, problem: str | None) -> None:
        """The sound as the status bar says it (what is missing; why, in the tooltip), and
        nothing when all is well."""
        self.audio_label.setText(re.split("[:：]", problem, maxsplit=1)[0] if problem else "")
        self.audio_label.setToolTip(problem or "")
        self.audio_label.setVisible(bool(problem))

    def say(self, message: str, milliseconds: int) -> None:
        self.statusBar().showMessage(message, milliseconds)

    def notify(self, title: str, text: str) -> None:
        """A desktop notification (the notification service, else the tray where there is
        one); the status bar always."""
        notices = self.calls.notices
        shown = notices is not None and notices.show(
            f"notice:{title}", title, text, timeout_ms=8000
        )
        if not shown and self.tray.isVisible():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        self.say(self.tr("{title}: {text}").format(title=title, text=text), 10_000)

    def _log_saved(self) -> None:
        """A saved call log is news for the open record's history only: the callback it
        answered and a request it touched say so themselves (``work.saved``). Read on the
        loop's next turn, so that a call ringing as the agent clicks Save & Ready pops first
        (a pop reads its own record; the one saved for is then no longer on screen)."""
        shown = self.pages.record_view.record
        if shown is not None:
            QTimer.singleShot(0, lambda: self._reload_if_shown(shown))

    def _reload_if_shown(self, shown: Customer360) -> None:
        if self.pages.record_view.record is shown:
            self.pages.reload()

    def finish_reads(self) -> None:
        """Wait for the work lists' reads still running (before the store is closed)."""
        self.callbacks.rereads.wait()
        self.requests.rereads.wait()

    def refresh(self) -> None:
        """Something was saved: the open record and the work lists read again."""
        self.pages.reload()
        self.callbacks.refresh()
        self.requests.refresh()
        self.announcements.refresh()

    def _script_for_call(self) -> None:
        """A new call: its queue's script for the pop's customer, no request's category yet."""
        pop = self.pages.pop
        self._script_category = None
        self._script_customer = pop.record if pop else None
        self.show_script()

    def _script_for_customer(self, _customer_id: object) -> None:
        """The agent settled who is calling: the same script, filled for them, ticks kept."""
        self._script_customer = self.pages.record_view.record
        self.show_script(keep_ticks=True)

    def _script_for_request(self, request: ServiceRequestView | None) -> None:
        """A request opened during a call: the script for its category, if there is one."""
        if not self.calls.live() or request is None:
            return
        if request.category_code != self._script_category:
            self._script_category = request.category_code
            self.show_script()

    def show_script(self, *, keep_ticks: bool = False) -> None:
        """The most specific script for the call's queue and the request's category, filled
        from the record on screen; the panel hidden when none applies."""
        ctx, pop = self.desk.ctx, self.pages.pop
        queue = queue_named(ctx, pop.caller.queue or pop.caller.dialled_number) if pop else None
        filled = script_for(
            ctx,
            queue_id=queue.id if queue else None,
            category_code=self._script_category,
            customer=self._script_customer,
            agent_name=self._me,
            number=pop.caller.number_raw if pop else None,
        )
        self.script_panel.show_script(filled, keep_ticks=keep_ticks)
        self.script_dock.setVisible(filled is not None)

    def read_article(self, article: ArticleView) -> ArticleReader:
        """An article found from the search box, in a reader beside the window."""
        reader = ArticleReader(article, self)
        reader.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        reader.show()
        return reader

    def _callback_due(self, callback: CallbackView) -> None:
        self.notify(
            self.tr("Callback due"),
            self.tr("{number}: {reason}").format(
                number=callback.phone_number, reason=callback.reason
            ),
        )

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _dial_typed(self) -> None:
        number = self.dial_box.text().strip()
        if number:
            self.calls.dial_number(number, typed=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's API
        """Never leave a call unlogged silently: ask first."""
        self.log_panel.flush_draft()
        if self.desk.unlogged_calls() or (
            self.calls.current is not None and self.log_panel.notes.toPlainText().strip()
        ):
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved call log"),
                self.tr(
                    "A call has not been logged. Your notes are kept as a draft.\nClose anyway?"
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        event.accept()
