"""Admin ▸ Export customers…: the customers a few filters choose, written to a CSV file.

The file is the one ``callcenter export customers`` writes (``callcenter.crm.customer_export``,
``docs/csv-import.md``): the import's columns, so it imports back, every cell safe to open in a
spreadsheet. It is written on a worker thread with a progress bar and a Cancel that leaves no
file; the dialog then says how many customers were written.
"""

from __future__ import annotations

import datetime as dt
import threading
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.crm.customer_export import ExportCancelledError, ExportFilters, export_customers
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ServiceError
from callcenter.platform.permissions import Action, require
from db.enums import LifecycleStage, ValueTier
from ui.common.form import buddy, button_row, from_qt, to_qt
from ui.common.formatting import datetime_format, label

PROGRESS_STEPS = 1000


def _choices(enum: type[Enum]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(QCoreApplication.translate("ExportDialog", "Any"), None)
    for member in enum:
        combo.addItem(label(member), member)
    return combo


def _reason(error: Exception) -> str:
    if isinstance(error, ServiceError):
        return error.message
    return (str(error) or type(error).__name__).splitlines()[0]


class _Worker(QObject):
    """Carries the export's progress and its end from the worker thread to the GUI thread."""

    progress = Signal(object, object)
    done = Signal(object)
    cancelled = Signal()
    failed = Signal(str)


class ExportDialog(QDialog):
    """Filters, a file, Export with progress, and the count written.

    Signals (GUI thread):
        exported(int): the file is written; the customers in it.
        failed(str): the export failed or was cancelled, in words (also shown in the dialog).
    """

    exported = Signal(int)
    failed = Signal(str)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        require(ctx, Action.EXPORT_CUSTOMERS)
        super().__init__(parent)
        self.ctx = ctx
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.setWindowTitle(self.tr("Export customers"))
        self.resize(560, 0)
        form = self._form()
        self.progress = QProgressBar()
        self._finish_layout(form)
        self._connect_worker()
        self._set_running(False)

    def _form(self) -> QFormLayout:
        """The filters and the file."""
        self.region = QLineEdit()
        self.region.setPlaceholderText(self.tr("any; a country takes its subdivisions (CN: CN-BJ)"))
        self.value_tier = _choices(ValueTier)
        self.lifecycle_stage = _choices(LifecycleStage)
        self.industry = QLineEdit()
        self.industry.setPlaceholderText(self.tr("any"))
        self.since_on = QCheckBox(self.tr("Changed &since:"))
        now = self.ctx.clock().astimezone()
        self.since = QDateTimeEdit(to_qt(now.replace(hour=0, minute=0, second=0, microsecond=0)))
        self.since.setDisplayFormat(datetime_format())
        self.since.setCalendarPopup(True)
        self.since.setEnabled(False)
        self.since_on.toggled.connect(self.since.setEnabled)
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("the CSV file to write"))
        self.choose_button = QPushButton(self.tr("&Choose…"))
        self.choose_button.clicked.connect(self.choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose_button)

        form = QFormLayout()
        form.addRow(self.tr("&Region:"), self.region)
        form.addRow(self.tr("&Value tier:"), self.value_tier)
        form.addRow(self.tr("&Lifecycle stage:"), self.lifecycle_stage)
        form.addRow(self.tr("&Industry:"), self.industry)
        form.addRow(self.since_on, self.since)
        form.addRow(buddy(self.tr("&File:"), self.file), file_row)
        return form

    def _finish_layout(self, form: QFormLayout) -> None:
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("&Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.clicked.connect(self._cancel.set)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(button_row(self.export_button, self.cancel_button, self.close_button))

    def _connect_worker(self) -> None:
        self._worker = _Worker(self)
        self._worker.progress.connect(self._progressed)
        self._worker.done.connect(self._done)
        self._worker.cancelled.connect(self._cancelled)
        self._worker.failed.connect(self._failed)

    def filters(self) -> ExportFilters:
        since: dt.datetime | None = (
            from_qt(self.since.dateTime()) if self.since_on.isChecked() else None
        )
        return ExportFilters(
            region=self.region.text().strip() or None,
            value_tier=self.value_tier.currentData(),
            lifecycle_stage=self.lifecycle_stage.currentData(),
            industry=self.industry.text().strip() or None,
            updated_since=since,
        )

    def choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export customers"), "customers.csv", self.tr("CSV files (*.csv)")
        )
        if name:
            self.file.setText(name)

    def start(self) -> None:
        """Write the chosen customers to the chosen file on a worker thread."""
        name = self.file.text().strip()
        if not name:
            self.status.setText(self.tr("Choose the file to write first."))
            return
        path, filters = Path(name), self.filters()
        self._cancel.clear()
        self.progress.setValue(0)
        self.status.setText(self.tr("Exporting…"))
        self._set_running(True)
        worker, cancel = self._worker, self._cancel

        def run() -> None:
            try:
                written = export_customers(
                    self.ctx,
                    path,
                    filters=filters,
                    progress=worker.progress.emit,
                    cancel=cancel.is_set,
                )
            except ExportCancelledError:
                worker.cancelled.emit()
            except Exception as error:  # any failure (the store, the disk): said in words
                worker.failed.emit(_reason(error))
            else:
                worker.done.emit(written)

        self._thread = threading.Thread(target=run, name="export-customers", daemon=True)
        self._thread.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setValue(PROGRESS_STEPS * done // total if total else PROGRESS_STEPS)

    def _done(self, written: int) -> None:
        self._thread = None
        self.progress.setValue(PROGRESS_STEPS)
        self.status.setText(
            self.tr("Customers written: %1, to %2")
            .replace("%1", str(written))
            .replace("%2", self.file.text())
        )
        self._set_running(False)
        self.exported.emit(written)

    def _cancelled(self) -> None:
        self._end(self.tr("Cancelled; no file was written."))

    def _failed(self, reason: str) -> None:
        self._end(self.tr("The export failed: %1").replace("%1", reason))

    def _end(self, text: str) -> None:
        self._thread = None
        self.progress.setValue(0)
        self.status.setText(text)
        self._set_running(False)
        self.failed.emit(text)

    def running(self) -> bool:
        return self._thread is not None

    def _set_running(self, running: bool) -> None:
        self.export_button.setEnabled(not running)
        self.choose_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def reject(self) -> None:
        """Closing while the export runs cancels it first (the half file is removed)."""
        thread = self._thread
        if thread is not None:
            self._cancel.set()
            thread.join()
        super().reject()
