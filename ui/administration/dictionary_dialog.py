"""Admin ▸ Data dictionary: dispositions, request categories, not-ready reasons, queues and
products, one tab each, in the application rather than in SQL.

Each tab lists every entry (retired ones too) beside a form for the chosen one. The form is
built from the kind's fields (``FIELDS``) so the five tabs behave alike: New clears it, Save
writes through ``callcenter.administration.dictionary.save_entry`` on the desk's store (and
replicates like any edit), a refusal is shown on the field it names. A queue's tab also holds
its members (``callcenter.administration.people.set_queue_membership``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter.administration.dictionary import KINDS, MAX_LABEL, Entry, entries, save_entry
from callcenter.administration.people import members_of, set_queue_membership
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import people, queues
from callcenter.platform.errors import ServiceError
from db.enums import Priority
from ui.common.collation import sorted_names
from ui.common.form import FieldErrors, button_row, select_data
from ui.common.formatting import label, money
from ui.common.models import Column, RecordTableModel
from ui.common.tables import make_table, select_record, selected_record

CONTEXT = "DictionaryDialog"
#: The tabs, in order: kind -> title.
TABS = {
    "disposition": QT_TRANSLATE_NOOP("DictionaryDialog", "&Dispositions"),
    "category": QT_TRANSLATE_NOOP("DictionaryDialog", "Request &categories"),
    "reason": QT_TRANSLATE_NOOP("DictionaryDialog", "&Not-ready reasons"),
    "queue": QT_TRANSLATE_NOOP("DictionaryDialog", "&Queues"),
    "product": QT_TRANSLATE_NOOP("DictionaryDialog", "&Products"),
}
#: What the code and label are called on each tab.
KEY_TITLES = {
    "queue": (
        QT_TRANSLATE_NOOP("DictionaryDialog", "Name (the queue's SIP header value)"),
        QT_TRANSLATE_NOOP("DictionaryDialog", "Display name"),
    ),
    "product": (
        QT_TRANSLATE_NOOP("DictionaryDialog", "SKU"),
        QT_TRANSLATE_NOOP("DictionaryDialog", "Name"),
    ),
}
DEFAULT_TITLES = (
    QT_TRANSLATE_NOOP("DictionaryDialog", "Code"),
    QT_TRANSLATE_NOOP("DictionaryDialog", "Label"),
)
#: The same titles as table columns.
COLUMN_TITLES = {
    "queue": (
        QT_TRANSLATE_NOOP("Columns", "Name"),
        QT_TRANSLATE_NOOP("Columns", "Display name"),
    ),
    "product": (QT_TRANSLATE_NOOP("Columns", "SKU"), QT_TRANSLATE_NOOP("Columns", "Name")),
}
DEFAULT_COLUMN_TITLES = (
    QT_TRANSLATE_NOOP("Columns", "Code"),
    QT_TRANSLATE_NOOP("Columns", "Label"),
)
#: The wrap-up spin box's value for "the desk's own setting".
DESK_DEFAULT = -1


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP above, in the reader's language."""
    return QCoreApplication.translate(CONTEXT, text)


@dataclass
class FieldEditor:
    """One field's widget, how to show a value in it, and how to read it back."""

    title: str
    widget: QWidget
    show: Callable[[Any], None]
    read: Callable[[], Any]


def _flag(title: str) -> FieldEditor:
    box = QCheckBox()
    return FieldEditor(title, box, lambda v: box.setChecked(bool(v)), box.isChecked)


def _whole(title: str, low: int, high: int, suffix: str = "") -> FieldEditor:
    spin = QSpinBox()
    spin.setRange(low, high)
    if suffix:
        spin.setSuffix(suffix)
    return FieldEditor(title, spin, lambda v: spin.setValue(int(v or 0)), spin.value)


def _wrap_up(title: str) -> FieldEditor:
    spin = QSpinBox()
    spin.setRange(DESK_DEFAULT, 3600)
    spin.setSpecialValueText(
        QCoreApplication.translate("DictionaryDialog", "the desk's own setting")
    )
    spin.setSuffix(QCoreApplication.translate("DictionaryDialog", " s"))

    def read() -> int | None:
        return None if spin.value() == DESK_DEFAULT else spin.value()

    return FieldEditor(
        title, spin, lambda v: spin.setValue(DESK_DEFAULT if v is None else int(v)), read
    )


def _text(title: str, most: int) -> FieldEditor:
    line = QLineEdit()
    line.setMaxLength(most)
    return FieldEditor(title, line, lambda v: line.setText(v or ""), lambda: line.text() or None)


def _price(title: str) -> FieldEditor:
    spin = QDoubleSpinBox()
    spin.setRange(0, 10**10)
    spin.setDecimals(2)

    def read() -> int:
        return round(spin.value() * 100)

    return FieldEditor(title, spin, lambda v: spin.setValue((v or 0) / 100), read)


def _choice(title: str, choices: list[tuple[str, Any]]) -> FieldEditor:
    combo = QComboBox()
    combo.addItem(QCoreApplication.translate("DictionaryDialog", "none"), None)
    for words, value in choices:
        combo.addItem(words, value)
    return FieldEditor(title, combo, lambda v: select_data(combo, v), combo.currentData)


def _fields(kind: str, ctx: ServiceContext) -> dict[str, FieldEditor]:
    """The kind's own fields as editors (the code, label, Chinese and active come first)."""
    if kind == "disposition":
        return {
            "requires_notes": _flag(
                QCoreApplication.translate("DictionaryDialog", "Notes required")
            )
        }
    if kind == "category":
        return {
            "sla_hours": _whole(
                QCoreApplication.translate("DictionaryDialog", "SLA"),
                1,
                8760,
                QCoreApplication.translate("DictionaryDialog", " h"),
            ),
            "default_priority": _choice(
                QCoreApplication.translate("DictionaryDialog", "Default priority"),
                [(label(p), p.value) for p in Priority],
            ),
            "default_queue_id": _choice(
                QCoreApplication.translate("DictionaryDialog", "Default queue"),
                [(q.display_name, q.id) for q in queues(ctx)],
            ),
        }
    if kind == "queue":
        return {
            "dialled_number": _text(
                QCoreApplication.translate("DictionaryDialog", "Dialled number"), 32
            ),
            "service_level_seconds": _whole(
                QCoreApplication.translate("DictionaryDialog", "Answered within"),
                1,
                3600,
                QCoreApplication.translate("DictionaryDialog", " s"),
            ),
            "service_level_target_percent": _whole(
                QCoreApplication.translate("DictionaryDialog", "Service-level target"), 1, 100, " %"
            ),
            "wrap_up_seconds": _wrap_up(QCoreApplication.translate("DictionaryDialog", "Wrap-up")),
            "protect_wrap_up": _flag(
                QCoreApplication.translate("DictionaryDialog", "Turn calls away during wrap-up")
            ),
            "outcome_required": _flag(
                QCoreApplication.translate("DictionaryDialog", "A log needs an outcome")
            ),
        }
    if kind == "product":
        return {
            "unit_price_minor": _price(
                QCoreApplication.translate("DictionaryDialog", "Unit price")
            ),
            "currency": _text(QCoreApplication.translate("DictionaryDialog", "Currency"), 3),
        }
    return {}


def _columns(kind: str) -> tuple[Column[Entry], ...]:
    code, words = COLUMN_TITLES.get(kind, DEFAULT_COLUMN_TITLES)
    first: tuple[Column[Entry], ...] = (
        Column(code, lambda e: e.code),
        Column(words, lambda e: e.label),
    )
    if KINDS[kind].labelled:
        first += (
            Column(QT_TRANSLATE_NOOP("Columns", "简体中文"), lambda e: e.labels.get("zh_CN")),
        )
    if kind == "product":
        first += (
            Column(
                QT_TRANSLATE_NOOP("Columns", "Price"),
                lambda e: money(e.fields["unit_price_minor"], e.fields["currency"]),
            ),
        )
    if kind == "category":
        first += (Column(QT_TRANSLATE_NOOP("Columns", "SLA (h)"), lambda e: e.fields["sla_hours"]),)
    if KINDS[kind].retires:
        first += (
            Column(
                QT_TRANSLATE_NOOP("Columns", "Offered"),
                lambda e: e.active,
                lambda v: (
                    QCoreApplication.translate("DictionaryDialog", "yes")
                    if v
                    else QCoreApplication.translate("DictionaryDialog", "retired")
                ),
            ),
        )
    return first


class KindPage(QWidget):
    """One tab: the entries of a kind and the form for the chosen one."""

    def __init__(self, kind: str, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.ctx = kind, ctx
        self.model: RecordTableModel[Entry] = RecordTableModel(_columns(kind), self)
        self.table = make_table(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        self.general = QLabel()
        self.errors = FieldErrors(self.general)
        self.code = QLineEdit()
        self.code.setMaxLength(64)
        self.label = QLineEdit()
        self.label.setMaxLength(MAX_LABEL)
        self.chinese = QLineEdit()
        self.chinese.setMaxLength(MAX_LABEL)
        self.active = QCheckBox(QCoreApplication.translate("DictionaryDialog", "Offered to agents"))
        self.editors = _fields(kind, ctx)
        code_title, label_title = KEY_TITLES.get(kind, DEFAULT_TITLES)
        form = QFormLayout()
        form.addRow(_tr(code_title), self.errors.wrap(self.code, _tr(code_title), "code"))
        form.addRow(_tr(label_title), self.errors.wrap(self.label, _tr(label_title), "label"))
        if KINDS[kind].labelled:
            form.addRow(
                QCoreApplication.translate("DictionaryDialog", "In 简体中文"),
                self.errors.wrap(
                    self.chinese,
                    QCoreApplication.translate("DictionaryDialog", "In 简体中文"),
                    "labels",
                ),
            )
        for name, editor in self.editors.items():
            form.addRow(editor.title, self.errors.wrap(editor.widget, editor.title, name))
        if KINDS[kind].retires:
            form.addRow("", self.errors.wrap(self.active, self.active.text(), "active"))
        self.members = QListWidget() if kind == "queue" else None
        if self.members is not None:
            self.members.setToolTip(
                QCoreApplication.translate(
                    "DictionaryDialog", "Ticked people take this queue's calls and work"
                )
            )
            self.members.itemChanged.connect(self._member_changed)
            form.addRow(QCoreApplication.translate("DictionaryDialog", "Members"), self.members)
        self.new_button = QPushButton(QCoreApplication.translate("DictionaryDialog", "&New"))
        self.new_button.clicked.connect(self.clear)
        self.save_button = QPushButton(QCoreApplication.translate("DictionaryDialog", "&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.general)
        side.addStretch(1)
        side.addLayout(button_row(self.new_button, self.save_button))
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(side, 2)
        self.reload()
        self.clear()

    def reload(self, keep: uuid.UUID | None = None) -> None:
        self.model.set_rows(entries(self.ctx, self.kind))
        if keep is not None:
            select_record(self.table, keep)

    def clear(self) -> None:
        """A blank form for a new entry (the kind's defaults)."""
        self.table.clearSelection()
        self.errors.clear()
        self.code.setReadOnly(False)
        for line in (self.code, self.label, self.chinese):
            line.clear()
        self.active.setChecked(True)
        for name, editor in self.editors.items():
            editor.show(KINDS[self.kind].fields[name][0])
        self._show_members(None)
        self.code.setFocus()

    def _chosen(self) -> None:
        entry = selected_record(self.table)
        if not isinstance(entry, Entry):
            return
        self.errors.clear()
        self.code.setText(entry.code)
        self.code.setReadOnly(True)
        self.label.setText(entry.label)
        self.chinese.setText(entry.labels.get("zh_CN", ""))
        self.active.setChecked(entry.active)
        for name, editor in self.editors.items():
            value = entry.fields[name]
            editor.show(value.value if isinstance(value, Priority) else value)
        self._show_members(entry)

    def values(self) -> dict[str, Any]:
        return {name: editor.read() for name, editor in self.editors.items()}

    def save(self) -> Entry | None:
        spec = KINDS[self.kind]
        extra: dict[str, Any] = {}
        if spec.labelled:
            extra["labels"] = {"zh_CN": self.chinese.text()}
        if spec.retires:
            extra["active"] = self.active.isChecked()
        try:
            entry = save_entry(
                self.ctx, self.kind, self.code.text(), self.label.text(), **extra, **self.values()
            )
        except ServiceError as exc:
            self.errors.show(exc)
            return None
        self.errors.clear()
        self.reload(keep=entry.id)
        self.code.setReadOnly(True)
        return entry

    def _show_members(self, entry: Entry | None) -> None:
        if self.members is None:
            return
        self.members.blockSignals(True)
        self.members.clear()
        self.members.setEnabled(entry is not None)
        if entry is not None:
            inside = set(members_of(self.ctx, entry.id))
            for person in sorted_names(people(self.ctx), key=lambda p: p.display_name):
                item = QListWidgetItem(f"{person.display_name} ({person.username})")
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = person.id in inside
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.members.addItem(item)
        self.members.blockSignals(False)

    def _member_changed(self, item: QListWidgetItem) -> None:
        entry = selected_record(self.table)
        if not isinstance(entry, Entry):
            return
        member = item.checkState() == Qt.CheckState.Checked
        try:
            set_queue_membership(self.ctx, item.data(Qt.ItemDataRole.UserRole), entry.id, member)
        except ServiceError as exc:
            self.errors.show(exc)
            self._show_members(entry)


class DictionaryDialog(QDialog):
    """The data dictionary's five tabs; changes are written on ``ctx`` (the desk's store)."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Data dictionary"))
        self.resize(1100, 620)
        self.tabs = QTabWidget()
        self.pages = {kind: KindPage(kind, ctx, self) for kind in TABS}
        for kind, page in self.pages.items():
            self.tabs.addTab(page, _tr(TABS[kind]))
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(button_row(close))
