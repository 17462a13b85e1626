"""The supervisor's live view: queues, agents and work lists, refreshed every two seconds.

The boards are read from the shared store on a worker thread (the window never waits on the
network); each result arrives through a queued signal and replaces the tables' rows.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.csv_cells import write_rows
from callcenter.platform.directory import not_ready_reasons, people, queues
from callcenter.platform.errors import ServiceError
from callcenter.platform.records import CallbackView, ServiceRequestView
from callcenter.supervision.boards import AgentRow, Boards, QueueRow, boards
from callcenter.supervision.follow_up import MissedCall, call_back
from callcenter.supervision.held_back import HELD_BACK_S
from callcenter.work.callbacks import reassign_callback
from callcenter.work.service_requests import get_service_request, update_service_request
from callcenter.work.sla import SlaState, sla_state
from ui.common.collation import sorted_names
from ui.common.form import button_row, from_qt, to_qt
from ui.common.formatting import SLA_COLOURS, datetime_format, duration, label, local_time, phone
from ui.common.i18n import translate
from ui.common.models import Column, RecordTableModel
from ui.common.tables import make_table, record_key, select_record, selected_record
from ui.knowledge.announcements import PostAnnouncementDialog, ReceiptsDialog
from ui.supervisor.back_office import BackOffice
from ui.supervisor.changes_dialog import ChangesDialog
from ui.supervisor.charts import SupervisorCharts

REFRESH_MS = 2000
# The intervals the queue board covers (shown translated in the "SupervisorWindow" context):
# hours back from now, None from midnight; the chosen one reads its from / to editors.
CHOSEN = QT_TRANSLATE_NOOP("SupervisorWindow", "Chosen interval")
INTERVALS = {
    QT_TRANSLATE_NOOP("SupervisorWindow", "Today"): None,
    QT_TRANSLATE_NOOP("SupervisorWindow", "Last hour"): 1,
    QT_TRANSLATE_NOOP("SupervisorWindow", "Last 15 minutes"): 0.25,
    CHOSEN: None,
}
MISSED_TAB, OVERDUE_TAB, SLA_TAB = 2, 3, 4
BELOW_TARGET = "#c62828"
HELD_BACK_STYLE = "QLabel { background: #fff3cd; color: #5c4400; padding: 6px; }"


def _time(value: dt.timedelta | None) -> str:
    return "" if value is None else duration(value.total_seconds())


def _sl_colour(row: QueueRow) -> str | None:
    if row.service_level is None:
        return None
    return BELOW_TARGET if row.service_level < row.target_percent else "#2e7d32"


def _queue_name(row: QueueRow) -> str:
    """The queue's name; the board's last line, of every queue (it has no queue), in words."""
    if row.queue_id is None:
        return QCoreApplication.translate("SupervisorWindow", "All queues")
    return row.name


QUEUE_COLUMNS: tuple[Column[QueueRow], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Queue"), _queue_name),
    Column(QT_TRANSLATE_NOOP("Columns", "Offered"), lambda r: r.offered),
    Column(QT_TRANSLATE_NOOP("Columns", "Answered"), lambda r: r.answered),
    Column(QT_TRANSLATE_NOOP("Columns", "Abandoned"), lambda r: r.abandoned),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Service level"),
        lambda r: r.service_level,
        lambda v: f"{v:.0f} %",
        _sl_colour,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Target"), lambda r: r.target),
    Column(QT_TRANSLATE_NOOP("Columns", "ASA"), lambda r: r.asa, _time),
    Column(QT_TRANSLATE_NOOP("Columns", "AHT"), lambda r: r.aht, _time),
    Column(QT_TRANSLATE_NOOP("Columns", "Longest wait"), lambda r: r.longest_wait, _time),
    Column(QT_TRANSLATE_NOOP("Columns", "Ringing now"), lambda r: r.ringing_now),
)

MISSED_COLUMNS: tuple[Column[MissedCall], ...] = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "When"),
        lambda m: m.offered_at,
        lambda v: local_time(v, with_date=False),
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Caller"), lambda m: phone(m.caller_number)),
    Column(QT_TRANSLATE_NOOP("Columns", "Customer"), lambda m: m.customer_name),
    Column(QT_TRANSLATE_NOOP("Columns", "Queue"), lambda m: m.queue_name),
    Column(QT_TRANSLATE_NOOP("Columns", "Rang for"), lambda m: m.waited, _time),
)


def owner_name(
    names: Mapping[uuid.UUID, str], user: uuid.UUID | None, queue: uuid.UUID | None
) -> str:
    """Whose work it is: the person, else the queue, else nobody yet."""
    if user is not None:
        person = names.get(user)
        if person is None:
            return QCoreApplication.translate("SupervisorWindow", "(unknown person)")
        return person
    if queue is not None:
        name = names.get(queue)
        if name is None:
            name = QCoreApplication.translate("SupervisorWindow", "(unknown queue)")
        return QCoreApplication.translate("SupervisorWindow", "Queue: {name}").format(name=name)
    return QCoreApplication.translate("SupervisorWindow", "nobody")


def overdue_columns(names: Mapping[uuid.UUID, str]) -> tuple[Column[CallbackView], ...]:
    """The overdue callbacks, with whose they are and for whom (``names`` is refreshed)."""
    return (
        Column(
            QT_TRANSLATE_NOOP("Columns", "Due by"),
            lambda c: c.due_until,
            local_time,
            lambda _c: BELOW_TARGET,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Owner"),
            lambda c: owner_name(names, c.owner_user_id, c.owner_queue_id),
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Customer"),
            lambda c: names.get(c.customer_id) if c.customer_id else "",
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Number"), lambda c: phone(c.phone_number)),
        Column(QT_TRANSLATE_NOOP("Columns", "Reason"), lambda c: c.reason),
        Column(QT_TRANSLATE_NOOP("Columns", "Tries"), lambda c: c.attempt_count),
    )


def sla_columns(
    names: Mapping[uuid.UUID, str], now: Callable[[], dt.datetime]
) -> tuple[Column[ServiceRequestView], ...]:
    """The SLA watch, with assignee and customer; past due in red, near it in amber."""
    return (
        Column(
            QT_TRANSLATE_NOOP("Columns", "SLA due"),
            lambda r: r.sla_due_at,
            local_time,
            lambda r: SLA_COLOURS.get(sla_state(r, now())),
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Number"), lambda r: r.number),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Assignee"),
            lambda r: owner_name(names, r.assignee_id, r.queue_id),
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Customer"),
            lambda r: names.get(r.customer_id) if r.customer_id else "",
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Subject"), lambda r: r.subject),
        Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: r.status, label),
        Column(QT_TRANSLATE_NOOP("Columns", "Priority"), lambda r: r.priority, label),
    )


def agent_columns(reasons: Mapping[str, str]) -> tuple[Column[AgentRow], ...]:
    """The agent board; a not-ready reason in the dictionary's words (``reasons``, code ->
    words, is refreshed), else as a stored value."""
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Agent"), lambda r: r.display_name),
        Column(
            QT_TRANSLATE_NOOP("Columns", "State"),
            lambda r: r.state,
            label,
            lambda r: "#757575" if r.state == "offline" else None,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Reason"),
            lambda r: r.reason,
            lambda code: reasons.get(code) or label(code),
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "In state"), lambda r: r.in_state, _time),
        Column(QT_TRANSLATE_NOOP("Columns", "Caller"), lambda r: r.call_caller),
        Column(QT_TRANSLATE_NOOP("Columns", "Queue"), lambda r: r.call_queue),
        Column(QT_TRANSLATE_NOOP("Columns", "Call time"), lambda r: r.call_duration, _time),
        Column(QT_TRANSLATE_NOOP("Columns", "Handled today"), lambda r: r.handled_today),
        Column(QT_TRANSLATE_NOOP("Columns", "AHT today"), lambda r: r.aht_today, _time),
    )


class _Results(QObject):
    """Carries a refresh's outcome (the boards, and the not-ready reasons' words) from the
    worker thread to the GUI thread."""

    ready = Signal(object, object)
    failed = Signal(str)


class SupervisorWindow(QMainWindow):
    """Queue board above the agent board; an interval chooser and CSV export for each.

    Signals (GUI thread):
        refreshed(object): the Boards just shown.
        sla_warning(str): a request came near or past its SLA (once per request), in words.
    """

    refreshed = Signal(object)
    sla_warning = Signal(str)

    def __init__(
        self, ctx: ServiceContext, writer: ServiceContext, parent: QWidget | None = None
    ) -> None:
        """``ctx`` reads the shared store (boards); ``writer`` is the desk's own store, where
        call-backs and reassignments are written first, like every other edit."""
        super().__init__(parent)
        self.ctx = ctx
        self.writer = writer
        self.setWindowTitle(self.tr("Supervisor — queues and agents"))
        self.resize(1280, 720)
        # Not-ready reasons' words by code: shown by the agent board (GUI thread), read by the
        # refreshes (one worker at a time) when a code not read before appears.
        self._reasons: dict[str, str] = {}
        self._read_reasons: dict[str, str] = {}
        self._unworded: set[str] = set()
        self.queues: RecordTableModel[QueueRow] = RecordTableModel(QUEUE_COLUMNS, self)
        self.agents: RecordTableModel[AgentRow] = RecordTableModel(
            agent_columns(self._reasons), self
        )
        self.missed: RecordTableModel[MissedCall] = RecordTableModel(MISSED_COLUMNS, self)
        self._names: dict[uuid.UUID, str] = {}
        self.overdue: RecordTableModel[CallbackView] = RecordTableModel(
            overdue_columns(self._names), self
        )
        self.sla: RecordTableModel[ServiceRequestView] = RecordTableModel(
            sla_columns(self._names, ctx.clock), self
        )
        # How long a shared transaction may hold changes back before the window says whose.
        self.held_back_s = HELD_BACK_S
        # Requests already announced as near or past their SLA (announced once each).
        self._warned: set[uuid.UUID] = set()
        bar = self._build_bar()
        self.tabs = self._build_tabs()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(make_table(self.queues))
        split.addWidget(self.tabs)
        split.setSizes([260, 460])
        self.held_back = QLabel()
        self.held_back.setWordWrap(True)
        self.held_back.setStyleSheet(HELD_BACK_STYLE)
        self.held_back.setVisible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.held_back)
        layout.addWidget(split)
        self.setCentralWidget(central)
        self._build_menu()
        self._results = _Results(self)
        self._results.ready.connect(self._show)
        self._results.failed.connect(self._failed)
        self._busy = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def _build_menu(self) -> None:
        """Supervise ▸ Changes by person…, Post announcement…, Announcements and receipts…,
        and the back office (``back_office.py``): its Supervise entries, and Admin for admins."""
        menu = self.menuBar().addMenu(self.tr("&Supervise"))
        self.changes_action = menu.addAction(self.tr("Changes by &person…"))
        self.changes_action.triggered.connect(self.open_changes)
        menu.addSeparator()
        self.announce_action = menu.addAction(self.tr("Post &announcement…"))
        self.announce_action.triggered.connect(self.post_announcement)
        self.receipts_action = menu.addAction(self.tr("Announcements and &receipts…"))
        self.receipts_action.triggered.connect(self.open_receipts)
        self.back_office = BackOffice(self, menu, self.ctx, self.writer)

    def post_announcement(self) -> PostAnnouncementDialog:
        """To every desk or one queue, written on this desk and replicated like any edit."""
        dialog = PostAnnouncementDialog(self.writer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_receipts(self) -> ReceiptsDialog:
        """Who acknowledged an announcement and who not yet; withdrawing one."""
        dialog = ReceiptsDialog(self.writer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_changes(self) -> ChangesDialog:
        """What one person changed since a time, read from the shared store's change log; the
        undo is written on this desk like the other supervisor actions."""
        dialog = ChangesDialog(self.ctx, self.writer, self)
        dialog.show()
        return dialog

    def _build_bar(self) -> QHBoxLayout:
        """The interval chooser (with its from / to editors), the status and the exports."""
        self.interval = QComboBox()
        for interval in INTERVALS:
            self.interval.addItem(translate("SupervisorWindow", interval), interval)
        self.interval.currentIndexChanged.connect(self._interval_changed)
        now = self.ctx.clock()
        self.interval_from = QDateTimeEdit(to_qt(now.replace(hour=0, minute=0, second=0)))
        self.interval_to = QDateTimeEdit(to_qt(now))
        for edit in (self.interval_from, self.interval_to):
            edit.setDisplayFormat(datetime_format())
            edit.setCalendarPopup(True)
            edit.setVisible(False)
            edit.dateTimeChanged.connect(self.refresh)
        self.status = QLabel(self.tr("Loading…"))
        self.status.setMinimumWidth(
            self.status.fontMetrics().horizontalAdvance(
                self.tr("Updated {time}").format(time="00:00:00") + " "
            )
        )
        export_queues = QPushButton(self.tr("Export queues…"))
        export_agents = QPushButton(self.tr("Export this tab…"))
        export_queues.clicked.connect(lambda: self._ask_export(self.queues, "queues"))
        export_agents.clicked.connect(self._export_tab)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Queues over:")))
        bar.addWidget(self.interval)
        bar.addWidget(self.interval_from)
        bar.addWidget(self.interval_to)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(export_queues)
        bar.addWidget(export_agents)
        return bar

    def _build_tabs(self) -> QTabWidget:
        """Agents, then the work lists, each list with the one action it needs."""
        tabs = QTabWidget()
        tabs.addTab(make_table(self.agents), self.tr("Agents"))
        self.charts = SupervisorCharts()
        tabs.addTab(self.charts, self.tr("Charts"))
        self.missed_view = make_table(self.missed)
        self.overdue_view = make_table(self.overdue)
        self.sla_view = make_table(self.sla)
        self.call_back_button = QPushButton(self.tr("&Call back"))
        self.call_back_button.clicked.connect(self.call_back_selected)
        self.reassign_callback_button = QPushButton(self.tr("&Reassign…"))
        self.reassign_callback_button.clicked.connect(lambda: self._ask_reassign(self.overdue_view))
        self.reassign_sr_button = QPushButton(self.tr("R&eassign…"))
        self.reassign_sr_button.clicked.connect(lambda: self._ask_reassign(self.sla_view))
        for view, button in (
            (self.missed_view, self.call_back_button),
            (self.overdue_view, self.reassign_callback_button),
            (self.sla_view, self.reassign_sr_button),
        ):
            page = QWidget()
            column = QVBoxLayout(page)
            column.addWidget(view)
            column.addLayout(button_row(button))
            tabs.addTab(page, "")
        for index, title in self._work_titles().items():
            tabs.setTabText(index, title)
        return tabs

    def _work_titles(self, result: Boards | None = None) -> dict[int, str]:
        """The work lists' tab titles, with how many each holds when it holds any, and how
        many of them it shows when it shows only some (``follow_up.SHOWN``)."""
        titles = {}
        for index, shown, total, title, counted, some in (
            (
                MISSED_TAB,
                len(result.missed) if result else 0,
                result.missed_total if result else 0,
                self.tr("Missed calls"),
                self.tr("Missed calls ({count})"),
                self.tr("Missed calls ({shown} of {count})"),
            ),
            (
                OVERDUE_TAB,
                len(result.overdue) if result else 0,
                len(result.overdue) if result else 0,
                self.tr("Overdue callbacks"),
                self.tr("Overdue callbacks ({count})"),
                self.tr("Overdue callbacks ({count})"),
            ),
            (
                SLA_TAB,
                len(result.sla) if result else 0,
                result.sla_total if result else 0,
                self.tr("SLA watch"),
                self.tr("SLA watch ({count})"),
                self.tr("SLA watch ({shown} of {count})"),
            ),
        ):
            locale = QLocale()
            if shown < total:
                titles[index] = some.format(
                    shown=locale.toString(shown), count=locale.toString(total)
                )
            else:
                titles[index] = counted.format(count=locale.toString(total)) if total else title
        return titles

    def _work_views(self) -> tuple[QTableView, ...]:
        return (self.missed_view, self.overdue_view, self.sla_view)

    def _interval_changed(self) -> None:
        chosen = self.interval.currentData() == CHOSEN
        self.interval_from.setVisible(chosen)
        self.interval_to.setVisible(chosen)
        self.refresh()

    def _window(self, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        if self.interval.currentData() == CHOSEN:
            start, end = (
                from_qt(self.interval_from.dateTime()),
                from_qt(self.interval_to.dateTime()),
            )
            return (start, end) if start <= end else (end, start)
        hours = INTERVALS[self.interval.currentData()]
        if hours is None:
            return now.replace(hour=0, minute=0, second=0, microsecond=0), now
        return now - dt.timedelta(hours=hours), now

    def refresh(self) -> None:
        """Start a refresh on a worker thread unless one is still running."""
        if self._busy.is_set():
            return
        self._busy.set()
        now = self.ctx.clock()
        start, end = self._window(now)
        threading.Thread(
            target=self._load, args=(now, start, end), name="supervisor-refresh", daemon=True
        ).start()

    def _load(self, now: dt.datetime, start: dt.datetime, end: dt.datetime) -> None:
        try:
            found = boards(self.ctx, now, start, end, held_back_s=self.held_back_s)
            codes = {agent.reason for agent in found.agents if agent.reason}
            if codes - self._read_reasons.keys() - self._unworded:
                self._read_reasons = {c.code: c.label for c in not_ready_reasons(self.ctx)}
                self._unworded = codes - self._read_reasons.keys()
            self._results.ready.emit(found, dict(self._read_reasons))
        except Exception as error:  # any failure (database, network): say it, keep the boards
            self._results.failed.emit((str(error) or type(error).__name__).splitlines()[0])
        finally:
            self._busy.clear()

    def _show(self, result: Boards, reasons: dict[str, str]) -> None:
        # The refresh replaces every row: the supervisor's choice in a work list stays chosen.
        chosen = {view: record_key(selected_record(view)) for view in self._work_views()}
        self._names.clear()
        self._names.update(result.names)
        self._reasons.clear()
        self._reasons.update(reasons)
        # The boards by name, as the reader sorts (the store orders them by code point); the
        # total row stays last.
        total_row = [row for row in result.queues if row.queue_id is None]
        named = [row for row in result.queues if row.queue_id is not None]
        self.queues.set_rows([*sorted_names(named, key=lambda r: r.name), *total_row])
        self.agents.set_rows(sorted_names(result.agents, key=lambda r: r.display_name))
        self.missed.set_rows(result.missed)
        self.overdue.set_rows(result.overdue)
        self.sla.set_rows(result.sla)
        for view, key in chosen.items():
            select_record(view, key)
        total = result.queues[-1] if result.queues else None
        self.charts.show_day(result.day, total.target_percent if total else 80)
        self.charts.show_agents(result.agents)
        for index, title in self._work_titles(result).items():
            self.tabs.setTabText(index, title)
        self.status.setText(
            self.tr("Updated {time}").format(time=f"{result.at.astimezone():%H:%M:%S}")
        )
        self.status.setToolTip("")
        self._show_held_back(result)
        self._announce_sla(result)
        self.refreshed.emit(result)

    def _show_held_back(self, result: Boards) -> None:
        """Whose open transaction keeps changes from every desk, until it ends."""
        lines = [
            self.tr(
                "{who}'s transaction (server process {pid}) has been open for {open}: "
                "what it changed reaches no desk until it ends."
            ).format(
                who=held.who,
                pid=held.pid,
                open=duration((result.at - held.since).total_seconds()),
            )
            for held in result.held_back
        ]
        self.held_back.setText("\n".join(lines))
        self.held_back.setVisible(bool(lines))

    def _announce_sla(self, result: Boards) -> None:
        """A request that came near or past its SLA is announced once, not only listed."""
        for request in result.sla:
            state = sla_state(request, result.at)
            if request.id in self._warned or state not in (SlaState.NEAR, SlaState.BREACHED):
                continue
            self._warned.add(request.id)
            if state == SlaState.BREACHED:
                warning = self.tr("{number} “{subject}” was due {time} ({who})")
            else:
                warning = self.tr("{number} “{subject}” is due {time} ({who})")
            self.sla_warning.emit(
                warning.format(
                    number=request.number,
                    subject=request.subject,
                    time=local_time(request.sla_due_at),
                    who=owner_name(result.names, request.assignee_id, request.queue_id),
                )
            )

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("Shared database not answering — showing the last figures"))
        self.status.setToolTip(message)

    def call_back_selected(self) -> None:
        """A callback for the chosen missed call, owned by its queue, due now."""
        missed = selected_record(self.missed_view)
        if not isinstance(missed, MissedCall):
            return
        try:
            call_back(self.writer, missed, self.writer.clock())
        except ServiceError as error:
            QMessageBox.warning(self, self.tr("Call back"), str(error))
            return
        self.statusBar().showMessage(
            self.tr("Callback scheduled for {number}").format(number=phone(missed.caller_number)),
            5000,
        )
        self.refresh()

    def owners(self) -> dict[str, tuple[uuid.UUID | None, uuid.UUID | None, str]]:
        """Who work can go to, by the words offered: each active agent, then each queue, by
        name as the reader sorts (user id, queue id, name)."""
        agent, queue = self.tr("Agent: {name}"), self.tr("Queue: {name}")
        choices: dict[str, tuple[uuid.UUID | None, uuid.UUID | None, str]] = {
            agent.format(name=p.display_name): (p.id, None, p.display_name)
            for p in sorted_names(people(self.writer), key=lambda p: p.display_name)
            if p.role.value in ("agent", "supervisor")
        }
        choices.update(
            {
                queue.format(name=q.display_name): (None, q.id, q.display_name)
                for q in sorted_names(queues(self.writer), key=lambda q: q.display_name)
            }
        )
        return choices

    def _ask_reassign(self, view: QTableView) -> None:
        # The record is taken now: refreshes go on while the question is open.
        record = selected_record(view)
        if record is None:
            self.statusBar().showMessage(
                self.tr("Choose a callback or request in the list first"), 5000
            )
            return
        names = list(self.owners())
        question = self.tr("Give {item} to:").format(item=work_item_name(record))
        choice, ok = QInputDialog.getItem(self, self.tr("Reassign"), question, names, 0, False)
        if ok:
            self.reassign(record, choice)

    def reassign(self, record: object, choice: str) -> None:
        """Give ``record`` (a callback or request) to ``choice`` (a label from ``owners``)."""
        user_id, queue_id, who = self.owners()[choice]
        try:
            if isinstance(record, CallbackView):
                reassign_callback(
                    self.writer,
                    record.id,
                    record.version,
                    owner_user_id=user_id,
                    owner_queue_id=queue_id,
                )
            elif isinstance(record, ServiceRequestView):
                current = get_service_request(self.writer, record.id)
                changes = {"assignee_id": user_id} if user_id else {"queue_id": queue_id}
                update_service_request(self.writer, record.id, current.version, **changes)
            else:
                return
        except ServiceError as error:
            QMessageBox.warning(self, self.tr("Reassign"), str(error))
            return
        self.statusBar().showMessage(
            self.tr("{item} reassigned to {who}").format(item=work_item_name(record), who=who),
            5000,
        )
        self.refresh()

    def tab_table(self) -> tuple[RecordTableModel[object], str] | None:
        """The table on the chosen tab, and a file name for it (charts have none)."""
        tables: dict[int, tuple[RecordTableModel[object], str]] = {
            0: (self.agents, "agents"),
            MISSED_TAB: (self.missed, "missed-calls"),
            OVERDUE_TAB: (self.overdue, "overdue-callbacks"),
            SLA_TAB: (self.sla, "sla-watch"),
        }
        return tables.get(self.tabs.currentIndex())

    def _export_tab(self) -> None:
        chosen = self.tab_table()
        if chosen is None:
            self.statusBar().showMessage(
                self.tr("Charts are not exported; choose a table tab"), 5000
            )
            return
        self._ask_export(*chosen)

    def _ask_export(self, model: RecordTableModel[object], name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export"), f"{name}.csv", self.tr("CSV (*.csv)")
        )
        if path:
            self.export(model, name, Path(path))

    def export(self, model: RecordTableModel[object], name: str, path: Path) -> None:
        """Write the table to ``path`` and note the export in the audit log."""
        export_csv(model, path)
        audit.note(self.writer, "export", name, after={"rows": model.rowCount(), "file": path.name})
        rows = model.rowCount()
        self.statusBar().showMessage(
            self.tr("Exported %n row(s) to {path}", "", rows).format(path=path), 5000
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's API
        self._timer.stop()
        super().closeEvent(event)


def work_item_name(record: object) -> str:
    """How the reassign question and its answer name the item: the request's number and
    subject, or the callback's number and reason."""
    if isinstance(record, ServiceRequestView):
        return f"{record.number} “{record.subject}”"
    if isinstance(record, CallbackView):
        return QCoreApplication.translate(
            "SupervisorWindow", "the callback to {number} ({reason})"
        ).format(number=phone(record.phone_number), reason=record.reason)
    return QCoreApplication.translate("SupervisorWindow", "it")


def export_csv(model: RecordTableModel[object], path: Path) -> None:
    """The table as shown (same columns, same text), as CSV with a header row; a cell that
    would start a spreadsheet formula is written as text (``callcenter.platform.csv_cells``)."""
    columns = range(model.columnCount())
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in columns]
    rows = ([model.data(model.index(r, c)) for c in columns] for r in range(model.rowCount()))
    with path.open("w", newline="", encoding="utf-8") as handle:
        write_rows(handle, [header, *rows])
