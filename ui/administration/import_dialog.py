"""Admin ▸ Import customers…: a CSV file checked by a dry run, then imported with progress.

The engine is the command line's (``callcenter.crm.csv_import``, ``docs/csv-import.md``): the
dialog shows the file's columns and what each is read as, runs the import as a dry run (every
chunk written and rolled back) to show what each row would become, and only then imports, on a
worker thread with a progress bar and a Cancel that stops after the chunk being written. A file
refused as a whole says why in the dialog; a row refused is a line of the report, which can be
saved as CSV.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from callcenter.crm.csv_import import (
    HeaderColumn,
    ImportReport,
    RowOutcome,
    import_customers,
    read_header,
)
from callcenter.platform.context import ServiceContext
from callcenter.platform.csv_cells import write_rows
from callcenter.platform.errors import ServiceError
from callcenter.platform.permissions import Action, require
from ui.common.form import buddy, button_row
from ui.common.models import Column, RecordTableModel
from ui.common.tables import make_table

#: bigger files are for ``callcenter import customers``: the report of every row is kept here
MAX_BYTES = 100 * 1024 * 1024
PROGRESS_STEPS = 1000
CONTEXT = "ImportDialog"

_RESULTS = {
    "created": QT_TRANSLATE_NOOP("ImportDialog", "created"),
    "updated": QT_TRANSLATE_NOOP("ImportDialog", "updated"),
    "unchanged": QT_TRANSLATE_NOOP("ImportDialog", "unchanged"),
    "rejected": QT_TRANSLATE_NOOP("ImportDialog", "refused"),
}
_USES = {
    "required": QT_TRANSLATE_NOOP("ImportDialog", "read (required)"),
    "optional": QT_TRANSLATE_NOOP("ImportDialog", "read"),
    "export": QT_TRANSLATE_NOOP("ImportDialog", "passed over (written by the export)"),
    "unknown": QT_TRANSLATE_NOOP("ImportDialog", "ignored: not a column the import knows"),
}


def _words(table: dict[str, str], key: str) -> str:
    return QCoreApplication.translate(CONTEXT, table[key]) if key in table else key


def _header_columns() -> tuple[Column[HeaderColumn], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Column in the file"), lambda c: c.written),
        Column(QT_TRANSLATE_NOOP("Columns", "Read as"), lambda c: c.name),
        Column(QT_TRANSLATE_NOOP("Columns", "Use"), lambda c: c.use, lambda u: _words(_USES, u)),
    )


def _row_columns() -> tuple[Column[RowOutcome], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Line"), lambda r: r.line),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Result"),
            lambda r: r.result,
            lambda r: _words(_RESULTS, r),
            lambda r: "#b00020" if r.result == "rejected" else None,
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Field"), lambda r: r.field),
        Column(QT_TRANSLATE_NOOP("Columns", "Reason"), lambda r: r.reason),
    )


def _reason(error: Exception) -> str:
    """A failure in words, never a traceback: the service's message or the error's first line."""
    if isinstance(error, ServiceError):
        return error.message
    if isinstance(error, OSError):
        what = QCoreApplication.translate(CONTEXT, "%1: cannot be read: %2")
        return what.replace("%1", str(error.filename or "")).replace(
            "%2", str(error.strerror or error)
        )
    return (str(error) or type(error).__name__).splitlines()[0]


class _Worker(QObject):
    """Carries a worker thread's progress, result or failure to the GUI thread."""

    progress = Signal(object, object)
    done = Signal(object, object)
    failed = Signal(str)


class ImportDialog(QDialog):
    """Choose a CSV file, check it with a dry run, import it, save the report.

    Signals (GUI thread):
        refused(str): the file cannot be imported at all, in words (also shown in the dialog).
        checked(object): the dry run's ImportReport; the report table holds each row's outcome.
        imported(object): the import's ImportReport (``cancelled`` when stopped).
        failed(str): the dry run or the import failed midway, in words.
    """

    refused = Signal(str)
    checked = Signal(object)
    imported = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        require(ctx, Action.IMPORT_CUSTOMERS)
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.report: ImportReport | None = None
        self.outcomes: list[RowOutcome] = []
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.setWindowTitle(self.tr("Import customers"))
        self.resize(900, 600)
        self._build()
        self._worker = _Worker(self)
        self._worker.progress.connect(self._progressed)
        self._worker.done.connect(lambda then, result: then(result))
        self._worker.failed.connect(self._failed)
        self._set_running(False)

    def _build(self) -> None:
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("a CSV file in UTF-8 (docs/csv-import.md)"))
        self.choose_button = QPushButton(self.tr("&Choose…"))
        self.choose_button.clicked.connect(self.choose)
        pick = QHBoxLayout()
        pick.addWidget(buddy(self.tr("&File:"), self.choose_button))
        pick.addWidget(self.file, 1)
        pick.addWidget(self.choose_button)

        self.header_model: RecordTableModel[HeaderColumn] = RecordTableModel(
            _header_columns(), self
        )
        self.header_table = make_table(self.header_model)
        self.rows_model: RecordTableModel[RowOutcome] = RecordTableModel(_row_columns(), self)
        self.rows_table = make_table(self.rows_model)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.header_table)
        split.addWidget(self.rows_table)
        split.setStretchFactor(1, 3)

        self.status = QLabel(self.tr("Choose a file to check."))
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setValue(0)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button = QPushButton(self.tr("&Save report…"))
        self.save_button.clicked.connect(self.ask_save_report)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addLayout(
            button_row(self.import_button, self.cancel_button, self.save_button, self.close_button)
        )

    # --- choosing and checking ------------------------------------------------------------

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import customers"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if name:
            self.open_file(name)

    def open_file(self, path: str | Path) -> None:
        """Show ``path``'s columns and start its dry run, or say why it cannot be imported."""
        self.path = Path(path)
        self.file.setText(str(self.path))
        self.report, self.outcomes = None, []
        self.rows_model.set_rows([])
        self.header_model.set_rows([])
        self.progress.setValue(0)
        try:
            size = self.path.stat().st_size
            if size > MAX_BYTES:
                self._refuse(
                    self.tr(
                        "The file is %1 MB; the desktop imports files up to %2 MB. "
                        "Use 'callcenter import customers' for this one."
                    )
                    .replace("%1", f"{size / 1024 / 1024:,.0f}")
                    .replace("%2", f"{MAX_BYTES // 1024 // 1024}")
                )
                return
            columns = read_header(self.path)
        except (ServiceError, OSError) as error:
            self._refuse(_reason(error))
            return
        self.header_model.set_rows(list(columns))
        self.dry_run()

    def _refuse(self, reason: str) -> None:
        self.path = None
        self.status.setText(self.tr("This file cannot be imported: %1").replace("%1", reason))
        self._set_running(False)
        self.refused.emit(reason)

    def dry_run(self) -> None:
        """Check every row as the import would, writing nothing."""
        self.status.setText(self.tr("Checking the file (nothing is written)…"))
        self._start(dry_run=True, then=self._checked)

    def _checked(self, result: tuple[ImportReport, list[RowOutcome]]) -> None:
        self._show(*result)
        report = result[0]
        if report.cancelled:
            self.status.setText(self.tr("The check was cancelled."))
        else:
            self.status.setText(
                self.tr("Dry run, nothing written: %1").replace("%1", self.summary(report))
            )
        self.checked.emit(report)

    # --- importing ------------------------------------------------------------------------

    def start_import(self) -> None:
        """Import the checked file for real, on the worker thread."""
        if self.path is None or self.report is None or not self.report.dry_run:
            return
        self.status.setText(self.tr("Importing…"))
        self._start(dry_run=False, then=self._imported)

    def _imported(self, result: tuple[ImportReport, list[RowOutcome]]) -> None:
        self._show(*result)
        report = result[0]
        text = self.summary(report)
        if report.cancelled:
            text = self.tr("Cancelled after the rows below, which are imported: %1").replace(
                "%1", text
            )
        else:
            text = self.tr("Imported: %1").replace("%1", text)
        self.status.setText(text)
        self.imported.emit(report)

    def cancel(self) -> None:
        """Stop the running check or import after the chunk being written."""
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Stopping after the rows being written…"))

    def summary(self, report: ImportReport) -> str:
        """The counts, as labels and numbers (no plural forms to get wrong)."""
        counts = (report.rows, report.created, report.updated, report.unchanged, report.rejected)
        text = self.tr("rows: %1; created: %2, updated: %3, unchanged: %4, refused: %5")
        for n, value in enumerate(counts, start=1):
            text = text.replace(f"%{n}", str(value))
        return text

    # --- the worker -----------------------------------------------------------------------

    def _start(self, *, dry_run: bool, then: Callable[[Any], None]) -> None:
        path = self.path
        if path is None:
            return
        self._cancel.clear()
        self.progress.setValue(0)
        self._set_running(True)
        worker = self._worker
        cancel = self._cancel

        def run() -> None:
            heard: list[RowOutcome] = []
            try:
                report = import_customers(
                    self.ctx,
                    path,
                    progress=worker.progress.emit,
                    dry_run=dry_run,
                    cancel=cancel.is_set,
                    on_row=heard.append,
                )
            except Exception as error:  # any failure (the store, the disk): said in words
                worker.failed.emit(_reason(error))
                return
            heard.sort(key=lambda o: o.line)
            worker.done.emit(then, (report, heard))

        self._thread = threading.Thread(target=run, name="import-customers", daemon=True)
        self._thread.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setValue(PROGRESS_STEPS * done // total if total else PROGRESS_STEPS)

    def _show(self, report: ImportReport, outcomes: list[RowOutcome]) -> None:
        self._thread = None
        self.report, self.outcomes = report, outcomes
        self.rows_model.set_rows(outcomes)
        if not report.cancelled:
            self.progress.setValue(PROGRESS_STEPS)
        self._set_running(False)

    def _failed(self, reason: str) -> None:
        self._thread = None
        self.report = None
        self.status.setText(self.tr("The import stopped: %1").replace("%1", reason))
        self._set_running(False)
        self.failed.emit(reason)

    def running(self) -> bool:
        return self._thread is not None

    def _set_running(self, running: bool) -> None:
        checked = self.report is not None and self.report.dry_run and not self.report.cancelled
        self.choose_button.setEnabled(not running)
        self.import_button.setEnabled(not running and self.path is not None and checked)
        self.cancel_button.setEnabled(running)
        self.save_button.setEnabled(not running and bool(self.outcomes))

    def reject(self) -> None:
        """Closing while a job runs stops it first, so nothing is left half done unseen."""
        thread = self._thread
        if thread is not None:
            self._cancel.set()
            thread.join()
        super().reject()

    # --- the report -----------------------------------------------------------------------

    def ask_save_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), "import-report.csv", self.tr("CSV files (*.csv)")
        )
        if not name:
            return
        try:
            self.save_report(name)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Save report"), _reason(error))

    def save_report(self, path: str | Path) -> None:
        """Write each row's line, result, field and reason as CSV (cells made safe)."""
        header = [
            self.tr("line"),
            self.tr("result"),
            self.tr("field"),
            self.tr("reason"),
        ]
        rows = ([o.line, _words(_RESULTS, o.result), o.field, o.reason] for o in self.outcomes)
        with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
            write_rows(handle, [header])
            write_rows(handle, rows)
