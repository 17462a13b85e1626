"""Always-visible work: callbacks due and overdue, and the agent's open service requests.

Both lists are read off the GUI thread: at a million customers an agent's 2,000 due callbacks
take about 50 ms to read and 1,600 open requests about 80 ms, and a call that rang meanwhile
waited that long for its pop (every 30 s, and after every request or callback saved).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from callcenter.platform.context import ServiceContext
from callcenter.platform.records import CallbackView, ServiceRequestView
from callcenter.work.callbacks import due_callbacks
from callcenter.work.service_requests import open_requests_for
from callcenter.work.sla import sla_state
from ui.common.formatting import SLA_COLOURS, label, local_time, phone
from ui.common.models import Column, RecordTableModel
from ui.common.tables import make_table, selected_record
from ui.common.workers import Reads

REFRESH_MS = 30_000

log = logging.getLogger(__name__)
R = TypeVar("R")


class Rereads(QObject, Generic[R]):
    """One read of a list at a time, off the GUI thread; asked again while one runs, it reads
    once more after it (so what was saved meanwhile shows). A failed read keeps the rows shown.

    Signals (GUI thread):
        shown(): the rows of a read were handed to ``show``.
    """

    shown = Signal()

    def __init__(
        self,
        name: str,
        read: Callable[[], Sequence[R]],
        show: Callable[[Sequence[R]], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._reads = Reads(name, self)
        self._reads.failed.connect(self._failed)
        self._name = name
        self._read = read
        self._show = show
        self._running = False
        self._again = False

    def start(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self._reads.run(self._read, self._done)

    def wait(self) -> None:
        """Until the read running (if any) has finished (before the store is closed)."""
        self._reads.wait()

    def _done(self, rows: Sequence[R]) -> None:
        try:
            self._show(rows)
            self.shown.emit()
        finally:
            self._next()  # whatever showing did, the next refresh is not held back

    def _failed(self, error: str) -> None:
        log.warning("reading %s failed: %s", self._name, error)
        self._next()

    def _next(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.start()


class CallbacksDue(QWidget):
    """Pending callbacks owned by the agent or their queues, due within the hour or overdue.

    Signals (GUI thread):
        dial(object): a CallbackView to call now (double-click).
        fell_due(object): a CallbackView whose window just opened (once each).
    """

    dial = Signal(object)
    fell_due = Signal(object)

    def __init__(
        self,
        ctx: ServiceContext,
        user_id: uuid.UUID,
        queue_ids: tuple[uuid.UUID, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._user_id = user_id
        self._queue_ids = queue_ids
        self._announced: set[uuid.UUID] = set()
        now: Callable[[], dt.datetime] = ctx.clock
        self.model: RecordTableModel[CallbackView] = RecordTableModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Due"),
                    lambda c: c.due_from,
                    lambda v: local_time(v, with_date=v.date() != now().date()),
                    lambda c: "#c62828" if c.due_until < now() else None,
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "Number"), lambda c: phone(c.phone_number)),
                Column(QT_TRANSLATE_NOOP("Columns", "Reason"), lambda c: c.reason),
                Column(QT_TRANSLATE_NOOP("Columns", "Tries"), lambda c: c.attempt_count),
            ]
        )
        self.table: QTableView = make_table(self.model)  # type: ignore[arg-type]
        self.table.doubleClicked.connect(self._dial_selected)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.rereads: Rereads[CallbackView] = Rereads(
            "callbacks-due",
            lambda: due_callbacks(self._ctx, self._user_id, self._queue_ids),
            self._show,
            self,
        )
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def retranslate(self) -> None:
        self.model.retitle()
        self._summarise()
        self.refresh()

    def refresh(self) -> None:
        """Read the list again (its rows arrive on a later turn of the event loop)."""
        self.rereads.start()

    def _show(self, rows: Sequence[CallbackView]) -> None:
        self.model.set_rows(rows)
        self._summarise()
        now = self._ctx.clock()
        for callback in rows:
            if callback.due_from <= now and callback.id not in self._announced:
                self._announced.add(callback.id)
                self.fell_due.emit(callback)

    def _summarise(self) -> None:
        """How many are due and overdue, in the interface's language."""
        now = self._ctx.clock()
        rows = [self.model.record(row) for row in range(self.model.rowCount())]
        overdue = sum(1 for c in rows if c.due_until < now)
        due = self.tr("%n due", "", len(rows))
        self.summary.setText(
            self.tr("{due}, %n overdue", "", overdue).format(due=due) if overdue else due
        )

    def _dial_selected(self) -> None:
        record = selected_record(self.table)
        if record is not None:
            self.dial.emit(record)


class MyRequests(QWidget):
    """The agent's open service requests, soonest SLA first.

    Signals: opened(object): a ServiceRequestView double-clicked.
    """

    opened = Signal(object)

    def __init__(
        self, ctx: ServiceContext, user_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._user_id = user_id
        now = ctx.clock
        self.model: RecordTableModel[ServiceRequestView] = RecordTableModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Number"), lambda s: s.number),
                Column(QT_TRANSLATE_NOOP("Columns", "Subject"), lambda s: s.subject),
                Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda s: s.status, label),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "SLA due"),
                    lambda s: s.sla_due_at,
                    local_time,
                    lambda s: SLA_COLOURS.get(sla_state(s, now())),
                ),
            ]
        )
        self.table = make_table(self.model)  # type: ignore[arg-type]
        self.table.doubleClicked.connect(self._open)
        self.rereads: Rereads[ServiceRequestView] = Rereads(
            "my-requests",
            lambda: open_requests_for(self._ctx, self._user_id),
            self.model.set_rows,
            self,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.table)

    def retranslate(self) -> None:
        self.model.retitle()

    def refresh(self) -> None:
        """Read the list again (its rows arrive on a later turn of the event loop)."""
        self.rereads.start()

    def _open(self) -> None:
        record = selected_record(self.table)
        if record is not None:
            self.opened.emit(record)
