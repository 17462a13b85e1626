"""Admin ▸ Audit trail: who did what to which record and when, filtered, paged and exported.

Supervisors and admins only (``Action.READ_AUDIT``; on PostgreSQL the database's grants say
the same, so an agent desk has no one else's entries). Reads and the export run on a worker
thread (``callcenter.administration.audit_trail``); the export is itself audited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from callcenter.administration.audit_trail import (
    PAGE,
    AuditChoices,
    AuditPage,
    AuditRecord,
    audit_entries,
    export_audit_csv,
)
from callcenter.platform.context import ServiceContext
from ui.administration.audit_words import audit_word
from ui.common.collation import sorted_names
from ui.common.form import buddy, button_row, from_qt, select_data, to_qt
from ui.common.formatting import datetime_format, local_time
from ui.common.models import Column, RecordTableModel
from ui.common.tables import make_table, selected_record
from ui.common.workers import Reads

#: How far back the From editor starts.
DAYS_BACK = 7


def _person(record: AuditRecord) -> str:
    return record.person or QCoreApplication.translate("AuditDialog", "the system")


def _columns() -> tuple[Column[AuditRecord], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Time"), lambda r: r.at, local_time),
        Column(QT_TRANSLATE_NOOP("Columns", "Person"), _person),
        Column(QT_TRANSLATE_NOOP("Columns", "Action"), lambda r: r.action, audit_word),
        Column(QT_TRANSLATE_NOOP("Columns", "Record kind"), lambda r: r.entity, audit_word),
        Column(QT_TRANSLATE_NOOP("Columns", "Record"), lambda r: r.record or _short(r.entity_id)),
    )


def _shown(lines: str) -> str:
    """An entry's ``field: value`` lines with times in the reader's zone and format (the
    store keeps them as UTC ISO text)."""

    def line(text: str) -> str:
        field, colon, value = text.partition(": ")
        try:
            at = dt.datetime.fromisoformat(value)
        except ValueError:
            return text
        return f"{field}{colon}{local_time(at)}" if at.tzinfo is not None else text

    return "\n".join(line(text) for text in lines.splitlines())


def _short(value: uuid.UUID | None) -> str:
    return value.hex[:8] if value else ""


class AuditDialog(QDialog):
    """Filters, the matching entries newest first, one entry's before and after, Export….

    Signals (GUI thread):
        loaded(int): a page was read; the number of entries now listed.
        exported(int): the export was written; the number of entries in it.
        failed(str): a read or the export failed, in words (also shown in the dialog).
    """

    loaded = Signal(int)
    exported = Signal(int)
    failed = Signal(str)

    #: Entries read per page (Load more reads the next).
    page_size = PAGE

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Audit trail"))
        self.resize(1000, 640)
        filters = self._filter_boxes()
        split = self._list_and_detail()

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.more_button = QPushButton(self.tr("Load &more"))
        self.more_button.setEnabled(False)
        self.more_button.clicked.connect(self.load_more)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.clicked.connect(self.ask_export)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(button_row(self.more_button, self.export_button, close))

        self._reads_off = Reads("audit-trail", self)
        self._reads_off.failed.connect(self._failed)
        # Counts the reads of the list: only the latest one's pages are shown.
        self._reads = 0
        self._filters: dict[str, Any] = {}
        # Whether the list shown has older entries to load.
        self._more = False
        self.reload()

    def _filter_boxes(self) -> QGridLayout:
        """Person, record kind and id or number, action, from and to, Show."""
        self.person = QComboBox()
        self.kind = QComboBox()
        self.action = QComboBox()
        for combo, everything in (
            (self.person, self.tr("Everyone")),
            (self.kind, self.tr("Any kind")),
            (self.action, self.tr("Any action")),
        ):
            combo.addItem(everything, None)
            combo.activated.connect(self.reload)
        self.record = QLineEdit()
        self.record.setPlaceholderText(self.tr("Id or number"))
        self.record.setClearButtonEnabled(True)
        self.record.returnPressed.connect(self.reload)
        now = self.ctx.clock().astimezone()
        start = (now - dt.timedelta(days=DAYS_BACK)).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        self.use_from, self.start = self._bound(self.tr("&From:"), start, checked=True)
        self.use_to, self.end = self._bound(self.tr("&To:"), now, checked=False)
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.reload)
        filters = QGridLayout()
        filters.addWidget(buddy(self.tr("&Person:"), self.person), 0, 0)
        filters.addWidget(self.person, 0, 1)
        filters.addWidget(buddy(self.tr("&Action:"), self.action), 0, 2)
        filters.addWidget(self.action, 0, 3)
        filters.addWidget(buddy(self.tr("&Record:"), self.kind), 1, 0)
        filters.addWidget(self.kind, 1, 1)
        filters.addWidget(self.record, 1, 2, 1, 2)
        filters.addWidget(self.use_from, 2, 0)
        filters.addWidget(self.start, 2, 1)
        filters.addWidget(self.use_to, 2, 2)
        filters.addWidget(self.end, 2, 3)
        filters.addWidget(self.show_button, 2, 4)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        return filters

    def _list_and_detail(self) -> QSplitter:
        """The entries above, the chosen one's before and after below."""
        self.model: RecordTableModel[AuditRecord] = RecordTableModel(_columns(), self)
        self.table = make_table(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.before, self.after = QPlainTextEdit(), QPlainTextEdit()
        sides = QHBoxLayout()
        for caption, text in ((self.tr("Before"), self.before), (self.tr("After"), self.after)):
            text.setReadOnly(True)
            side = QVBoxLayout()
            side.addWidget(QLabel(caption))
            side.addWidget(text)
            sides.addLayout(side)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.summary)
        detail_layout.addLayout(sides)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        return split

    def _bound(
        self, caption: str, value: dt.datetime, *, checked: bool
    ) -> tuple[QCheckBox, QDateTimeEdit]:
        """A time bound: a box that says whether it applies and its date-time editor."""
        use = QCheckBox(caption)
        use.setChecked(checked)
        editor = QDateTimeEdit(to_qt(value))
        editor.setDisplayFormat(datetime_format())
        editor.setCalendarPopup(True)
        editor.setEnabled(checked)
        use.toggled.connect(editor.setEnabled)
        return use, editor

    def filters(self) -> dict[str, Any]:
        """The filters as chosen, in the service's words."""
        return {
            "person": self.person.currentData(),
            "entity": self.kind.currentData(),
            "entity_id": self.record.text().strip() or None,
            "action": self.action.currentData(),
            "start": from_qt(self.start.dateTime()) if self.use_from.isChecked() else None,
            "end": from_qt(self.end.dateTime()) if self.use_to.isChecked() else None,
        }

    def _run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """``work`` on a worker thread (a large log takes a while), ``then`` its result here."""
        self._reads_off.run(work, then)

    def done(self, result: int) -> None:
        """Closing waits for a read still running (``ui.common.workers``)."""
        self._reads_off.wait()
        super().done(result)

    def reload(self) -> None:
        """Read the first page of the entries matching the filters (and the filter boxes)."""
        self._reads += 1
        read, filters = self._reads, self.filters()
        self._filters = filters
        self.status.setText(self.tr("Reading the audit trail…"))
        self.more_button.setEnabled(False)
        self._run(
            lambda: audit_entries(self.ctx, **filters, limit=self.page_size),
            lambda page: self._show(page, read, append=False),
        )

    def load_more(self) -> None:
        """Read the next page with the filters of the list shown."""
        read, filters, offset = self._reads, self._filters, self.model.rowCount()
        self.more_button.setEnabled(False)
        self.status.setText(self.tr("Reading the audit trail…"))
        self._run(
            lambda: audit_entries(
                self.ctx, **filters, limit=self.page_size, offset=offset, choices=False
            ),
            lambda page: self._show(page, read, append=True),
        )

    def _show(self, page: AuditPage, read: int, *, append: bool) -> None:
        if read != self._reads:
            return  # other filters were chosen meanwhile
        if page.choices is not None:
            self._offer(page.choices)
        shown = [self.model.record(r) for r in range(self.model.rowCount())] if append else []
        self.model.set_rows([*shown, *page.entries])
        count, self._more = self.model.rowCount(), page.more
        if not count:
            self.status.setText(self.tr("No entries match."))
        elif page.more:
            self.status.setText(self.tr("%n entry(s) shown; Load more for older ones.", "", count))
        else:
            self.status.setText(self.tr("%n entry(s) shown.", "", count))
        self.more_button.setEnabled(page.more)
        if not append:
            self._show_detail()
        self.loaded.emit(count)

    def _offer(self, choices: AuditChoices) -> None:
        """Fill the filter boxes, keeping what was chosen."""
        people = sorted_names(choices.people, key=lambda p: p.name)
        for combo, items in (
            (self.person, [(p.name, p.id) for p in people]),
            (self.kind, [(audit_word(e), e) for e in choices.entities]),
            (self.action, [(audit_word(a), a) for a in choices.actions]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            if chosen is not None and not select_data(combo, chosen):
                combo.addItem(audit_word(str(chosen)), chosen)  # chosen, though no longer listed
                combo.setCurrentIndex(combo.count() - 1)
            combo.blockSignals(False)

    def selected(self) -> AuditRecord | None:
        record = selected_record(self.table)
        return record if isinstance(record, AuditRecord) else None

    def _show_detail(self, *_ignored: object) -> None:
        record = self.selected()
        if record is None:
            self.summary.setText(self.tr("Choose an entry to see what it changed."))
            self.before.clear()
            self.after.clear()
            return
        what = " ".join(filter(None, (audit_word(record.entity), record.record)))
        self.summary.setText(
            self.tr("{time}: {person}, {action}, {what} (id {id})").format(
                time=local_time(record.at),
                person=_person(record),
                action=audit_word(record.action),
                what=what,
                id=record.entity_id or "—",
            )
        )
        self.before.setPlainText(_shown(record.before))
        self.after.setPlainText(_shown(record.after))

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit trail"), "audit-trail.csv", self.tr("CSV (*.csv)")
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        """Write every entry the filters match (not only the pages read) to ``path``."""
        filters = self.filters()
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        self._run(
            lambda: export_audit_csv(self.ctx, path, **filters),
            lambda count: self._exported(count, path),
        )

    def _exported(self, count: int, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("Exported %n entry(s) to {path}.", "", count).format(path=path))
        self.exported.emit(count)

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.export_button.setEnabled(True)
        self.more_button.setEnabled(self._more)
        self.failed.emit(message)
