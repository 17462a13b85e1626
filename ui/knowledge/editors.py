"""Admin ▸ Call scripts and Admin ▸ Knowledge articles: the list, and a form to add, edit and
deactivate (nothing is deleted: a script or an article stays for the record)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from callcenter.knowledge.articles import ArticleView, articles, save_article
from callcenter.knowledge.scripts import FIELDS, ScriptStep, ScriptView, save_script, scripts
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import categories, queues
from callcenter.platform.errors import ServiceError
from ui.common.collation import sorted_names
from ui.common.form import FieldErrors, buddy, button_row, select_data
from ui.common.models import Column, RecordTableModel
from ui.common.tables import make_table, select_record, selected_record

TEXT_COLUMN, SENSITIVE_COLUMN = 0, 1


def _active(value: bool) -> str:
    return "✓" if value else ""


class _Editor(QDialog):
    """The list on the left, the chosen record's form on the right, New and Save below.

    Signals (GUI thread):
        saved(object): the record just saved (a ScriptView or an ArticleView).
    """

    saved = Signal(object)

    def _compose(self, model: RecordTableModel[object], form: QWidget) -> None:
        self._model = model
        self.list_view = make_table(model)
        self.list_view.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        self.general = QLabel()
        self.errors = FieldErrors(self.general)
        self.new_button = QPushButton(self.tr("&New"))
        self.new_button.clicked.connect(self.new)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list_view)
        split.addWidget(form)
        split.setSizes([300, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.general)
        layout.addLayout(button_row(self.new_button, self.save_button, close))

    def rows(self) -> Sequence[object]:
        """The records the list shows, read again."""
        raise NotImplementedError

    def reload(self, keep: uuid.UUID | None = None) -> None:
        self._model.set_rows(self.rows())
        if keep is not None:
            select_record(self.list_view, keep)

    def _chosen(self) -> None:
        record = selected_record(self.list_view)
        if record is not None:
            self.edit(record)

    def edit(self, record: Any) -> None:
        raise NotImplementedError

    def new(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError


def _script_columns(category_words: dict[str, str]) -> tuple[Column[ScriptView], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda s: s.name),
        Column(QT_TRANSLATE_NOOP("Columns", "Queue"), lambda s: s.queue_name or ""),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Category"),
            lambda s: category_words.get(s.category_code or "", s.category_code or ""),
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Active"), lambda s: s.active, _active),
    )


class ScriptEditor(_Editor):
    """Call scripts: a name, the queue and request category it is for (or any), and its
    steps, each a text with ``{name}``-style fields and whether it is sensitive."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing: ScriptView | None = None
        self.setWindowTitle(self.tr("Call scripts"))
        self.resize(980, 560)
        words = {c.code: c.label for c in categories(ctx)}
        self.model: RecordTableModel[ScriptView] = RecordTableModel(_script_columns(words), self)
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.queue = QComboBox()
        self.queue.addItem(self.tr("Any queue"), None)
        for q in sorted_names(queues(ctx), key=lambda q: q.display_name):
            self.queue.addItem(q.display_name, q.id)
        self.category = QComboBox()
        self.category.addItem(self.tr("Any category"), None)
        for c in sorted_names(categories(ctx), key=lambda c: c.label):
            self.category.addItem(c.label, c.code)
        self.active = QCheckBox(self.tr("&Active: shown beside the calls it is for"))
        self.steps = QTableWidget(0, 2)
        self.steps.setHorizontalHeaderLabels([self.tr("Step"), self.tr("Sensitive")])
        header = self.steps.horizontalHeader()
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SENSITIVE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.steps.verticalHeader().setVisible(False)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        add = QPushButton(self.tr("Add &step"))
        add.clicked.connect(lambda: self.add_step(ScriptStep("")))
        remove = QPushButton(self.tr("&Remove step"))
        remove.clicked.connect(self._remove_step)
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(add)
        step_buttons.addWidget(remove)
        step_buttons.addStretch(1)
        fields = " ".join(f"{{{f}}}" for f in FIELDS)
        hint = QLabel(self.tr("Fields filled from the record: {fields}").format(fields=fields))
        hint.setWordWrap(True)
        form_box = QWidget()
        form = QFormLayout(form_box)
        self._compose(self.model, form_box)  # type: ignore[arg-type]
        e = self.errors
        form.addRow(buddy(self.tr("&Name"), self.name), e.wrap(self.name, self.tr("Name"), "name"))
        form.addRow(
            buddy(self.tr("&Queue"), self.queue), e.wrap(self.queue, self.tr("Queue"), "queue")
        )
        form.addRow(
            buddy(self.tr("&Category"), self.category),
            e.wrap(self.category, self.tr("Category"), "category"),
        )
        form.addRow("", self.active)
        form.addRow(
            buddy(self.tr("S&teps"), self.steps), e.wrap(self.steps, self.tr("Steps"), "steps")
        )
        form.addRow("", _layout_widget(step_buttons))
        form.addRow("", hint)
        self.reload()
        self.new()

    def rows(self) -> Sequence[ScriptView]:
        return scripts(self.ctx)

    def new(self) -> None:
        self.editing = None
        self.list_view.setCurrentIndex(QModelIndex())
        self.name.clear()
        self.queue.setCurrentIndex(0)
        self.category.setCurrentIndex(0)
        self.active.setChecked(True)
        self.steps.setRowCount(0)
        self.add_step(ScriptStep(""))
        self.errors.clear()
        self.name.setFocus()

    def edit(self, script: ScriptView) -> None:
        self.editing = script
        self.name.setText(script.name)
        select_data(self.queue, script.queue_id)
        if not select_data(self.category, script.category_code):
            self.category.addItem(script.category_code or "", script.category_code)
            select_data(self.category, script.category_code)
        self.active.setChecked(script.active)
        self.steps.setRowCount(0)
        for step in script.steps:
            self.add_step(step)
        self.errors.clear()

    def add_step(self, step: ScriptStep) -> None:
        row = self.steps.rowCount()
        self.steps.insertRow(row)
        self.steps.setItem(row, TEXT_COLUMN, QTableWidgetItem(step.text))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        check.setCheckState(Qt.CheckState.Checked if step.sensitive else Qt.CheckState.Unchecked)
        self.steps.setItem(row, SENSITIVE_COLUMN, check)

    def _remove_step(self) -> None:
        row = self.steps.currentRow()
        if row >= 0:
            self.steps.removeRow(row)

    def typed_steps(self) -> list[ScriptStep]:
        """The steps as typed; empty rows left out (an added row not written in)."""
        typed = []
        for row in range(self.steps.rowCount()):
            text_item = self.steps.item(row, TEXT_COLUMN)
            check = self.steps.item(row, SENSITIVE_COLUMN)
            text = text_item.text().strip() if text_item else ""
            if text:
                sensitive = check is not None and check.checkState() == Qt.CheckState.Checked
                typed.append(ScriptStep(text, sensitive))
        return typed

    def save(self) -> None:
        try:
            saved = save_script(
                self.ctx,
                self.name.text(),
                self.typed_steps(),
                queue_id=self.queue.currentData(),
                category_code=self.category.currentData(),
                active=self.active.isChecked(),
                script_id=self.editing.id if self.editing else None,
            )
        except ServiceError as exc:
            self.errors.show(exc)
            return
        self.errors.clear()
        self.reload(saved.id)
        self.edit(saved)
        self.saved.emit(saved)


def _article_columns() -> tuple[Column[ArticleView], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda a: a.title),
        Column(QT_TRANSLATE_NOOP("Columns", "Tags"), lambda a: ", ".join(a.tags)),
        Column(QT_TRANSLATE_NOOP("Columns", "Active"), lambda a: a.active, _active),
    )


class ArticleEditor(_Editor):
    """Knowledge articles: a title, tags, the text; an inactive one is not found by search."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing: ArticleView | None = None
        self.setWindowTitle(self.tr("Knowledge articles"))
        self.resize(980, 560)
        self.model: RecordTableModel[ArticleView] = RecordTableModel(_article_columns(), self)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("billing, refund"))
        self.body = QPlainTextEdit()
        self.active = QCheckBox(self.tr("&Active: found from the search box"))
        form_box = QWidget()
        form = QFormLayout(form_box)
        self._compose(self.model, form_box)  # type: ignore[arg-type]
        e = self.errors
        form.addRow(
            buddy(self.tr("&Title"), self.title), e.wrap(self.title, self.tr("Title"), "title")
        )
        form.addRow(buddy(self.tr("Ta&gs"), self.tags), e.wrap(self.tags, self.tr("Tags"), "tags"))
        form.addRow("", self.active)
        form.addRow(buddy(self.tr("Te&xt"), self.body), e.wrap(self.body, self.tr("Text"), "body"))
        self.reload()
        self.new()

    def rows(self) -> Sequence[ArticleView]:
        return articles(self.ctx)

    def new(self) -> None:
        self.editing = None
        self.list_view.setCurrentIndex(QModelIndex())
        for editor in (self.title, self.tags):
            editor.clear()
        self.body.clear()
        self.active.setChecked(True)
        self.errors.clear()
        self.title.setFocus()

    def edit(self, article: ArticleView) -> None:
        self.editing = article
        self.title.setText(article.title)
        self.tags.setText(", ".join(article.tags))
        self.body.setPlainText(article.body)
        self.active.setChecked(article.active)
        self.errors.clear()

    def save(self) -> None:
        try:
            saved = save_article(
                self.ctx,
                self.title.text(),
                self.body.toPlainText(),
                self.tags.text(),
                active=self.active.isChecked(),
                article_id=self.editing.id if self.editing else None,
            )
        except ServiceError as exc:
            self.errors.show(exc)
            return
        self.errors.clear()
        self.reload(saved.id)
        self.edit(saved)
        self.saved.emit(saved)


def _layout_widget(layout: QHBoxLayout) -> QWidget:
    holder = QWidget()
    holder.setLayout(layout)
    holder.layout().setContentsMargins(0, 0, 0, 0)
    return holder
