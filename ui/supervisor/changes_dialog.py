"""Supervise ▸ Changes by person: what one person changed since a time, and undoing it.

The list and the undo's plan are read from the shared store's change log on a worker thread;
the undo itself is written on this desk's store in one transaction and pushed like any other
edit (``callcenter.supervision.changes``). The confirmation says how many rows change and
which columns are left because someone else changed them later.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import people
from callcenter.supervision.changes import (
    DELETE,
    INSERT,
    FieldChange,
    UndoPlan,
    changes_by,
    plan_undo,
    undo,
)
from ui.common.collation import sorted_names
from ui.common.form import buddy, button_row, from_qt, to_qt
from ui.common.formatting import datetime_format, local_time
from ui.common.models import Column, RecordTableModel
from ui.common.tables import make_table
from ui.common.workers import Reads

# Skipped columns named in the confirmation; the rest are counted.
SKIPS_SHOWN = 10


def _change(line: FieldChange) -> str:
    if line.op == INSERT:
        return QCoreApplication.translate("ChangesDialog", "added")
    if line.op == DELETE:
        return QCoreApplication.translate("ChangesDialog", "removed")
    return f"{line.old} → {line.new}"


def _columns() -> tuple[Column[FieldChange], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Time"), lambda c: c.changed_at, local_time),
        Column(QT_TRANSLATE_NOOP("Columns", "Record"), lambda c: c.record),
        Column(QT_TRANSLATE_NOOP("Columns", "Field"), lambda c: c.field),
        Column(QT_TRANSLATE_NOOP("Columns", "Old → new"), _change),
    )


class ChangesDialog(QDialog):
    """A person, a since-time, their changes, and Undo these changes.

    Signals (GUI thread):
        loaded(int): the list was read; the number of lines.
        planned(object): the undo's UndoPlan was read, before the confirmation.
        undone(int): the undo was written; the rows it changed.
        failed(str): a read or the undo failed, in words (also shown in the dialog).
    """

    loaded = Signal(int)
    planned = Signal(object)
    undone = Signal(int)
    failed = Signal(str)

    def __init__(
        self, shared: ServiceContext, writer: ServiceContext, parent: QWidget | None = None
    ) -> None:
        """``shared`` reads the change log; ``writer`` is the desk's store the undo goes to."""
        super().__init__(parent)
        self.shared, self.writer = shared, writer
        self.setWindowTitle(self.tr("Changes by person"))
        self.resize(960, 480)
        self.person = QComboBox()
        for person in sorted_names(people(writer), key=lambda p: p.display_name):
            self.person.addItem(person.display_name, person.id)
        now = writer.clock().astimezone()
        self.since = QDateTimeEdit(to_qt(now.replace(hour=0, minute=0, second=0, microsecond=0)))
        self.since.setDisplayFormat(datetime_format())
        self.since.setCalendarPopup(True)
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.clicked.connect(self.reload)
        self.person.currentIndexChanged.connect(self.reload)
        pick = QHBoxLayout()
        pick.addWidget(buddy(self.tr("&Person:"), self.person))
        pick.addWidget(self.person, 1)
        pick.addWidget(buddy(self.tr("&Since:"), self.since))
        pick.addWidget(self.since)
        pick.addWidget(self.show_button)
        self.model: RecordTableModel[FieldChange] = RecordTableModel(_columns(), self)
        self.table = make_table(self.model)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Undo these changes…"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.ask_undo)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addLayout(button_row(self.undo_button, close))
        self._reads_off = Reads("changes-by-person", self)
        self._reads_off.failed.connect(self._failed)
        # Counts the reads of the list: only the latest one's result is shown.
        self._reads = 0
        self.reload()

    def chosen(self) -> tuple[uuid.UUID | None, dt.datetime]:
        return self.person.currentData(), from_qt(self.since.dateTime())

    def _run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """``work`` on a worker thread (it reads the shared store), ``then`` its result here."""
        self._reads_off.run(work, then)

    def done(self, result: int) -> None:
        """Closing waits for a read still running (``ui.common.workers``)."""
        self._reads_off.wait()
        super().done(result)

    def reload(self) -> None:
        """Read the chosen person's changes since the chosen time."""
        person, since = self.chosen()
        if person is None:
            return
        self._reads += 1
        read = self._reads
        self.status.setText(self.tr("Reading the change log…"))
        self.undo_button.setEnabled(False)
        self._run(lambda: changes_by(self.shared, person, since), lambda r: self._show(r, read))

    def _show(self, lines: list[FieldChange], read: int) -> None:
        if read != self._reads:
            return  # another person or time was chosen meanwhile
        self.model.set_rows(lines)
        rows = len({(c.table_name, c.row_id) for c in lines})
        self.status.setText(
            self.tr("%n record(s) changed", "", rows) if lines else self.tr("No changes.")
        )
        self.undo_button.setEnabled(bool(lines))
        self.loaded.emit(len(lines))

    def ask_undo(self) -> None:
        """Read what the undo would do now, then ask before writing it."""
        person, since = self.chosen()
        if person is None:
            return
        self.undo_button.setEnabled(False)
        self.status.setText(self.tr("Working out the undo…"))
        self._run(lambda: plan_undo(self.shared, person, since), self._confirm)

    def confirmation(self, plan: UndoPlan) -> str:
        """The question the supervisor answers: how many rows, what is left and why."""
        if plan.restores:
            text = self.tr(
                "Put back %n record(s) as they were before %1 changed them?",
                "",
                len(plan.restores),
            ).replace("%1", self.person.currentText())
        else:
            text = self.tr("Nothing to put back.")
        if plan.skipped:
            lines = [
                f"• {' '.join(filter(None, (s.record, s.field)))}: {s.reason}" for s in plan.skipped
            ]
            more = len(lines) - SKIPS_SHOWN
            text += "\n\n" + self.tr("Left as they are:") + "\n" + "\n".join(lines[:SKIPS_SHOWN])
            if more > 0:
                text += "\n" + self.tr("… and %n more", "", more)
        return text

    def _confirm(self, plan: UndoPlan) -> None:
        self.planned.emit(plan)
        if not plan.restores:
            QMessageBox.information(self, self.tr("Undo these changes"), self.confirmation(plan))
            self.status.setText(self.tr("Nothing to undo: someone else changed it all since."))
            self.undo_button.setEnabled(True)
            return
        answer = QMessageBox.question(self, self.tr("Undo these changes"), self.confirmation(plan))
        if answer != QMessageBox.StandardButton.Yes:
            self.status.setText(self.tr("Nothing was undone."))
            self.undo_button.setEnabled(True)
            return
        self._run(lambda: undo(self.shared, self.writer, plan), self._undone)

    def _undone(self, rows: int) -> None:
        self.status.setText(
            self.tr("%n record(s) put back; every desk gets them at its next sync.", "", rows)
        )
        self.undo_button.setEnabled(True)
        self.undone.emit(rows)

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.undo_button.setEnabled(self.model.rowCount() > 0)
        self.failed.emit(message)
