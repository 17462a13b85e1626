"""Refused changes: what the shared database would not take from this desk, and why.

The desk already shows the shared store's values again; here the agent sees what they had
done, the database's reason, and sends it again (once the reason is gone) or lets it go.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ServiceError
from callcenter.work.refusals import RefusedChange, discard, refused_changes, retry
from ui.common.form import button_row
from ui.common.formatting import local_time
from ui.common.models import RECORD_ROLE, Column, RecordTableModel
from ui.common.tables import make_table


def _columns() -> tuple[Column[RefusedChange], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Made"), lambda c: c.made_at, local_time),
        Column(QT_TRANSLATE_NOOP("Columns", "What"), lambda c: "\n".join(c.what)),
        Column(QT_TRANSLATE_NOOP("Columns", "Reason"), lambda c: c.reason),
        Column(QT_TRANSLATE_NOOP("Columns", "Refused"), lambda c: c.refused_at, local_time),
    )


class RefusedDialog(QDialog):
    """Lists the desk's refused changes; each is sent again or discarded.

    Signals:
        changed(): a refused change was retried or discarded.
    """

    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Refused changes"))
        self.resize(960, 380)
        intro = QLabel(
            self.tr(
                "The shared database refused these changes, each as a whole. This desk shows "
                "the records as everyone else sees them again. Send a change again once the "
                "reason is gone, or discard it."
            )
        )
        intro.setWordWrap(True)
        self.model: RecordTableModel[RefusedChange] = RecordTableModel(_columns(), self)
        self.table = make_table(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(False)
        for text_column in (1, 2):  # what and why take the room; the times fit their text
            self.table.horizontalHeader().setSectionResizeMode(
                text_column, QHeaderView.ResizeMode.Stretch
            )
        self.empty = QLabel(self.tr("Nothing was refused."))
        self.retry_button = QPushButton(self.tr("&Send again"))
        self.discard_button = QPushButton(self.tr("&Discard"))
        close = QPushButton(self.tr("Close"))
        self.retry_button.clicked.connect(lambda: self._act(again=True))
        self.discard_button.clicked.connect(lambda: self._act(again=False))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(button_row(self.retry_button, self.discard_button, close))
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(refused_changes(self.ctx))
        if self.model.rowCount():
            self.table.selectRow(0)
        self.empty.setVisible(not self.model.rowCount())
        self._enable()

    def selected(self) -> RefusedChange | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.retry_button.setEnabled(chosen)
        self.discard_button.setEnabled(chosen)

    def _act(self, *, again: bool) -> None:
        change = self.selected()
        if change is None:
            return
        if not again:
            answer = QMessageBox.question(
                self,
                self.tr("Discard the change"),
                self.tr("Discard this change for good? It never reached the shared database."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            (retry if again else discard)(self.ctx, change.key)
        except ServiceError as error:
            QMessageBox.warning(self, self.tr("Refused changes"), str(error))
        self.reload()
        self.changed.emit()
