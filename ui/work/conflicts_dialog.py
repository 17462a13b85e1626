"""Sync conflicts: what two desks changed at once, and a choice of which value stays."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
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
from ui.common.formatting import label, local_time
from ui.common.i18n import translate
from ui.common.models import RECORD_ROLE, Column, RecordTableModel, SortProxy

# The fields people edit on synced records, as ``open_conflicts`` words them, in the
# ConflictsDialog context; any other field shows as it comes.
FIELDS = {
    "subject": QT_TRANSLATE_NOOP("ConflictsDialog", "subject"),
    "description": QT_TRANSLATE_NOOP("ConflictsDialog", "description"),
    "resolution": QT_TRANSLATE_NOOP("ConflictsDialog", "resolution"),
    "status": QT_TRANSLATE_NOOP("ConflictsDialog", "status"),
    "priority": QT_TRANSLATE_NOOP("ConflictsDialog", "priority"),
    "category code": QT_TRANSLATE_NOOP("ConflictsDialog", "category"),
    "assignee id": QT_TRANSLATE_NOOP("ConflictsDialog", "assignee"),
    "queue id": QT_TRANSLATE_NOOP("ConflictsDialog", "queue"),
    "customer id": QT_TRANSLATE_NOOP("ConflictsDialog", "customer"),
    "satisfaction": QT_TRANSLATE_NOOP("ConflictsDialog", "satisfaction"),
    "name": QT_TRANSLATE_NOOP("ConflictsDialog", "name"),
    "company name": QT_TRANSLATE_NOOP("ConflictsDialog", "company name"),
    "kind": QT_TRANSLATE_NOOP("ConflictsDialog", "kind"),
    "lifecycle stage": QT_TRANSLATE_NOOP("ConflictsDialog", "lifecycle stage"),
    "value tier": QT_TRANSLATE_NOOP("ConflictsDialog", "value tier"),
    "region": QT_TRANSLATE_NOOP("ConflictsDialog", "region"),
    "city": QT_TRANSLATE_NOOP("ConflictsDialog", "city"),
    "industry": QT_TRANSLATE_NOOP("ConflictsDialog", "industry"),
    "tags": QT_TRANSLATE_NOOP("ConflictsDialog", "tags"),
    "notes": QT_TRANSLATE_NOOP("ConflictsDialog", "notes"),
    "phone number": QT_TRANSLATE_NOOP("ConflictsDialog", "phone number"),
    "due from": QT_TRANSLATE_NOOP("ConflictsDialog", "due from"),
    "due until": QT_TRANSLATE_NOOP("ConflictsDialog", "due until"),
    "reason": QT_TRANSLATE_NOOP("ConflictsDialog", "reason"),
}
# Fields holding a stored value (a state, a level, a kind): shown by its label.
LABELLED = frozenset({"status", "priority", "kind", "lifecycle stage", "value tier"})


def _field(field: str) -> str:
    words = FIELDS.get(field)
    return translate("ConflictsDialog", words) if words else field


def _value(conflict: ConflictView, value: str) -> str:
    return label(value) if conflict.field in LABELLED else value


COLUMNS: tuple[Column[ConflictView], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Record"), lambda c: c.what),
    Column(QT_TRANSLATE_NOOP("Columns", "Field"), lambda c: c.field, _field),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Now"), lambda c: f"{_value(c, c.kept_value)}  ({c.kept_by})"
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Replaced"),
        lambda c: f"{_value(c, c.lost_value)}  ({c.lost_by})",
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Found"), lambda c: c.detected_at, local_time),
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
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.resize(900, 360)
        intro = QLabel(
            self.tr(
                "Two desks changed the same field while apart. The later change is in place; "
                "the one it replaced is kept here. Keep what is there, or put the other value "
                "back."
            )
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
        self.keep_button = QPushButton(self.tr("&Keep current value"))
        self.restore_button = QPushButton(self.tr("&Restore replaced value"))
        close = QPushButton(self.tr("Close"))
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
            QMessageBox.warning(self, self.tr("Sync conflicts"), str(error))
        self.reload()
        self.settled.emit()
