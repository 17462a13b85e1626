"""The supervisor's live view: queues and agents, refreshed every two seconds.

The boards are read from the shared store on a worker thread (the window never waits on the
network); each result arrives through a queued signal and replaces the tables' rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from callcenter.context import ServiceContext
from callcenter.supervision import AgentRow, Boards, QueueRow, boards
from ui.formatting import duration, label
from ui.models import Column, RecordTableModel
from ui.record_view import make_table

REFRESH_MS = 2000
INTERVALS = {"Today": None, "Last hour": 1, "Last 15 minutes": 0.25}
BELOW_TARGET = "#c62828"


def _time(value: dt.timedelta | None) -> str:
    return "" if value is None else duration(value.total_seconds())


def _sl_colour(row: QueueRow) -> str | None:
    if row.service_level is None:
        return None
    return BELOW_TARGET if row.service_level < row.target_percent else "#2e7d32"


QUEUE_COLUMNS: tuple[Column[QueueRow], ...] = (
    Column("Queue", lambda r: r.name),
    Column("Offered", lambda r: r.offered),
    Column("Answered", lambda r: r.answered),
    Column("Abandoned", lambda r: r.abandoned),
    Column("Service level", lambda r: r.service_level, lambda v: f"{v:.0f} %", _sl_colour),
    Column("Target", lambda r: r.target),
    Column("ASA", lambda r: r.asa, _time),
    Column("AHT", lambda r: r.aht, _time),
    Column("Longest wait", lambda r: r.longest_wait, _time),
    Column("Ringing now", lambda r: r.ringing_now),
)

AGENT_COLUMNS: tuple[Column[AgentRow], ...] = (
    Column("Agent", lambda r: r.display_name),
    Column(
        "State", lambda r: r.state, label, lambda r: "#757575" if r.state == "offline" else None
    ),
    Column("Reason", lambda r: r.reason, label),
    Column("In state", lambda r: r.in_state, _time),
    Column("Caller", lambda r: r.call_caller),
    Column("Queue", lambda r: r.call_queue),
    Column("Call time", lambda r: r.call_duration, _time),
    Column("Handled today", lambda r: r.handled_today),
    Column("AHT today", lambda r: r.aht_today, _time),
)


class _Results(QObject):
    """Carries a refresh's outcome from the worker thread to the GUI thread."""

    ready = Signal(object)
    failed = Signal(str)


class SupervisorWindow(QMainWindow):
    """Queue board above the agent board; an interval chooser and CSV export for each.

    Signals:
        refreshed(object): the Boards just shown (GUI thread).
    """

    refreshed = Signal(object)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Supervisor — queues and agents")
        self.resize(1280, 720)
        self.queues: RecordTableModel[QueueRow] = RecordTableModel(QUEUE_COLUMNS, self)
        self.agents: RecordTableModel[AgentRow] = RecordTableModel(AGENT_COLUMNS, self)
        self.interval = QComboBox()
        self.interval.addItems(list(INTERVALS))
        self.interval.currentIndexChanged.connect(self.refresh)
        self.status = QLabel("Loading…")
        self.status.setMinimumWidth(
            self.status.fontMetrics().horizontalAdvance("Updated 00:00:00 ")
        )
        export_queues = QPushButton("Export queues…")
        export_agents = QPushButton("Export agents…")
        export_queues.clicked.connect(lambda: self._ask_export(self.queues, "queues"))
        export_agents.clicked.connect(lambda: self._ask_export(self.agents, "agents"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Queues over:"))
        bar.addWidget(self.interval)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(export_queues)
        bar.addWidget(export_agents)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(make_table(self.queues))
        split.addWidget(make_table(self.agents))
        split.setSizes([260, 460])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(split)
        self.setCentralWidget(central)
        self._results = _Results(self)
        self._results.ready.connect(self._show)
        self._results.failed.connect(self._failed)
        self._busy = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def _window(self, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        hours = INTERVALS[self.interval.currentText()]
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
            self._results.ready.emit(boards(self.ctx, now, start, end))
        except Exception as error:  # any failure (database, network): say it, keep the boards
            self._results.failed.emit((str(error) or type(error).__name__).splitlines()[0])
        finally:
            self._busy.clear()

    def _show(self, result: Boards) -> None:
        self.queues.set_rows(result.queues)
        self.agents.set_rows(result.agents)
        self.status.setText(f"Updated {result.at.astimezone():%H:%M:%S}")
        self.status.setToolTip("")
        self.refreshed.emit(result)

    def _failed(self, message: str) -> None:
        self.status.setText("Shared database not answering — showing the last figures")
        self.status.setToolTip(message)

    def _ask_export(self, model: RecordTableModel[object], name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export", f"{name}.csv", "CSV (*.csv)")
        if path:
            export_csv(model, Path(path))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's API
        self._timer.stop()
        super().closeEvent(event)


def export_csv(model: RecordTableModel[object], path: Path) -> None:
    """The table as shown (same columns, same text), as CSV with a header row."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        columns = range(model.columnCount())
        writer.writerow([model.headerData(c, Qt.Orientation.Horizontal) for c in columns])
        for row in range(model.rowCount()):
            writer.writerow([model.data(model.index(row, c)) for c in columns])
