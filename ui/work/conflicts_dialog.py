"""Sync conflicts: what two desks changed at once, and a choice of which value stays."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ServiceError
from callcenter.work.conflicts import ConflictView, open_conflicts, resolve
from ui.common.form import button_row
from ui.common.formatting import local_time
from ui.common.models import RECORD_ROLE, Column, RecordTableModel, SortProxy

COLUMNS: tuple[Column[ConflictView], ...] = (
    Column("Record", lambda c: c.what),
    Column("Field", lambda c: c.field),
    Column("Now", lambda c: f"{c.kept_value}  ({c.kept_by})"),
    Column("Replaced", lambda c: f"{c.lost_value}  ({c.lost_by})"),
    Column("Found", lambda c: c.detected_at, local_time),
)


class ConflictsDialog(QDialog):
    """Lists the open conflicts this person may settle; each is kept or restored.

    Signals:
        settled(): a conflict was settled (the record on screen may have changed).
    """

    settled = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Sync conflicts")
        self.resize(900, 360)
        intro = QLabel(
            "Two desks changed the same field while apart. The later change is in place; "
            "the one it replaced is kept here. Keep what is there, or put the other value back."
        )
        intro.setWordWrap(True)
        self.model: RecordTableModel[ConflictView] = RecordTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(SortProxy(self.model, self))
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.keep_button = QPushButton("&Keep current value")
        self.restore_button = QPushButton("&Restore replaced value")
        close = QPushButton("Close")
        self.keep_button.clicked.connect(lambda: self._settle(restore=False))
        self.restore_button.clicked.connect(lambda: self._settle(restore=True))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(button_row(self.keep_button, self.restore_button, close))
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(open_conflicts(self.ctx))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._enable()

    def selected(self) -> ConflictView | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.keep_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    def _settle(self, *, restore: bool) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        try:
            resolve(self.ctx, conflict.id, restore=restore)
        except ServiceError as error:
            QMessageBox.warning(self, "Sync conflicts", str(error))
        self.reload()
        self.settled.emit()
