"""The service-request editor: open one from a call, or work an existing one to resolution."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.crm.customers import get_profile
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import CategoryCode, Person, categories, people
from callcenter.platform.errors import ConflictError, ServiceError, ValidationError
from callcenter.platform.permissions import is_supervisor
from callcenter.platform.records import ServiceRequestView, SRHistoryView
from callcenter.work.service_requests import (
    OPEN_STATUSES,
    TRANSITIONS,
    NewServiceRequest,
    create_service_request,
    get_service_request,
    update_service_request,
)
from callcenter.work.sla import sla_state
from db.enums import Priority, SRStatus
from ui.common.collation import sorted_names
from ui.common.form import (
    ERROR_COLOUR,
    FieldErrors,
    buddy,
    button_row,
    paint,
    save_and_cancel,
    select_data,
    tab_order,
)
from ui.common.formatting import SLA_COLOURS, label, local_time
from ui.common.i18n import translate
from ui.common.models import Column, RecordTableModel, SortProxy

# A request's fields as the form and its history name them (the ServiceRequestDialog context).
FIELD_TITLES = {
    "subject": QT_TRANSLATE_NOOP("ServiceRequestDialog", "Subject"),
    "category_code": QT_TRANSLATE_NOOP("ServiceRequestDialog", "Category"),
    "priority": QT_TRANSLATE_NOOP("ServiceRequestDialog", "Priority"),
    "status": QT_TRANSLATE_NOOP("ServiceRequestDialog", "Status"),
    "assignee_id": QT_TRANSLATE_NOOP("ServiceRequestDialog", "Assignee"),
    "queue_id": QT_TRANSLATE_NOOP("ServiceRequestDialog", "Queue"),
    "customer_id": QT_TRANSLATE_NOOP("ServiceRequestDialog", "Customer"),
    "description": QT_TRANSLATE_NOOP("ServiceRequestDialog", "Description"),
    "resolution": QT_TRANSLATE_NOOP("ServiceRequestDialog", "Resolution"),
    "satisfaction": QT_TRANSLATE_NOOP("ServiceRequestDialog", "Satisfaction"),
}
SATISFACTION = (
    QT_TRANSLATE_NOOP("ServiceRequestDialog", "very poor"),
    QT_TRANSLATE_NOOP("ServiceRequestDialog", "poor"),
    QT_TRANSLATE_NOOP("ServiceRequestDialog", "fair"),
    QT_TRANSLATE_NOOP("ServiceRequestDialog", "good"),
    QT_TRANSLATE_NOOP("ServiceRequestDialog", "very good"),
)
SUBJECT_MAX = 200


class ServiceRequestDialog(QDialog):
    """Create a service request (from a call: customer prefilled) or edit one.

    Every change goes through the service-request service, which checks the lifecycle and who
    may reassign; its errors are shown on the field they name.

    Signals:
        saved(object): the stored ``ServiceRequestView`` after a create, save, resolve or
            reopen; emitted on the GUI thread.
    """

    saved = Signal(object)

    def __init__(
        self,
        ctx: ServiceContext,
        *,
        request: ServiceRequestView | None = None,
        customer_id: uuid.UUID | None = None,
        customer_name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._view: ServiceRequestView | None = None
        # Offered by name, as the reader sorts (the store orders them by code point).
        self._people: list[Person] = sorted_names(people(ctx), key=lambda p: p.display_name)
        self._names = {p.id: p.display_name for p in self._people}
        self._categories: list[CategoryCode] = sorted_names(categories(ctx), key=lambda c: c.label)
        if request is not None:
            customer_id = request.customer_id
        if customer_id is not None and customer_name is None:
            customer_name = get_profile(ctx, customer_id).name
        self._customer_id = customer_id
        self._build(customer_name)
        if request is None:
            self.setWindowTitle(self.tr("New service request"))
            self._fill_new()
        else:
            self._show(get_service_request(ctx, request.id))
        self._update_save()

    # Layout -------------------------------------------------------------------------------

    def _build(self, customer_name: str | None) -> None:
        self.setMinimumSize(760, 560)
        self.resize(960, 660)
        general = QLabel()
        self.errors = FieldErrors(general)
        layout = QVBoxLayout(self)
        layout.addLayout(self._header(customer_name))
        layout.addLayout(self._fields(), 3)
        layout.addWidget(buddy(self.tr("&History:"), self._history_table()))
        layout.addWidget(self.history, 2)
        layout.addWidget(self._conflict_bar())
        layout.addWidget(general)
        layout.addLayout(self._buttons())
        tab_order(
            self.subject,
            self.category,
            self.priority,
            self.status,
            self.assignee,
            self.satisfaction,
            self.description,
            self.resolution,
            self.history,
            self.reopen_button,
            self.resolve_button,
            self.save_button,
            self.cancel_button,
        )
        self.subject.textChanged.connect(self._update_save)

    def _header(self, customer_name: str | None) -> QVBoxLayout:
        self.number = QLabel()
        heading = self.number.font()
        heading.setPointSizeF(heading.pointSizeF() * 1.3)
        heading.setBold(True)
        self.number.setFont(heading)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.customer = QLabel(customer_name or self.tr("No customer"))
        self.opened = QLabel()
        self.sla_due = QLabel()
        self.sla_due.setToolTip(
            self.tr("When the request must be resolved by, from its category's SLA")
        )
        header = QVBoxLayout()
        header.addWidget(self.number)
        facts = QHBoxLayout()
        facts.setSpacing(6)
        for caption, value in (
            (self.tr("Customer:"), self.customer),
            (self.tr("Opened:"), self.opened),
            (self.tr("SLA due:"), self.sla_due),
        ):
            facts.addWidget(QLabel(caption))
            facts.addWidget(value)
            facts.addSpacing(24)
        facts.addStretch(1)
        header.addLayout(facts)
        return header

    def _fields(self) -> QHBoxLayout:
        self.subject = QLineEdit()
        self.subject.setMaxLength(SUBJECT_MAX)
        self.subject.setPlaceholderText(self.tr("What the customer needs, in a line"))
        self.category = QComboBox()
        self.category.setToolTip(
            self.tr("The category sets the SLA: hours from opening to resolution")
        )
        for cat in self._categories:
            self.category.addItem(
                self.tr("{category} (SLA {hours} h)").format(
                    category=cat.label, hours=cat.sla_hours
                ),
                cat.code,
            )
        self.priority = QComboBox()
        for level in Priority:
            self.priority.addItem(label(level), level)
        self.status = QComboBox()
        self.status.setToolTip(self.tr("Only the states this request may move to next are offered"))
        self.assignee = QComboBox()
        self.assignee.addItem(self.tr("Unassigned"), None)
        for person in self._people:
            self.assignee.addItem(f"{person.display_name} ({label(person.role)})", person.id)
        self.satisfaction = QComboBox()
        self.satisfaction.addItem(self.tr("Not rated"), None)
        for score, words in enumerate(SATISFACTION, start=1):
            self.satisfaction.addItem(
                f"{score} - {translate('ServiceRequestDialog', words)}", score
            )
        self.satisfaction.setToolTip(
            self.tr("How satisfied the customer said they were (optional)")
        )
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.resolution = QPlainTextEdit()
        self.resolution.setTabChangesFocus(True)
        self.resolution.setPlaceholderText(self.tr("What was done; required to resolve"))
        self._widgets: dict[str, QWidget] = {
            "subject": self.subject,
            "category_code": self.category,
            "priority": self.priority,
            "status": self.status,
            "assignee_id": self.assignee,
            "description": self.description,
            "resolution": self.resolution,
            "satisfaction": self.satisfaction,
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget, tuple[str, ...]]] = [
            (self.tr("S&ubject:"), self.subject, ("subject",)),
            (self.tr("Ca&tegory:"), self.category, ("category_code",)),
            (self.tr("&Priority:"), self.priority, ("priority",)),
            (self.tr("St&atus:"), self.status, ("status",)),
            (self.tr("Assi&gnee:"), self.assignee, ("assignee_id", "queue_id")),
            (self.tr("Satisfa&ction:"), self.satisfaction, ("satisfaction",)),
        ]
        for text, widget, names in rows:
            form.addRow(
                buddy(text, widget), self.errors.wrap(widget, _field_title(names[0]), *names)
            )
        texts = QFormLayout()
        for text, widget, name in (
            (self.tr("&Description:"), self.description, "description"),
            (self.tr("R&esolution:"), self.resolution, "resolution"),
        ):
            texts.addRow(buddy(text, widget), self.errors.wrap(widget, _field_title(name), name))
        fields = QHBoxLayout()
        fields.addLayout(form, 1)
        fields.addLayout(texts, 1)
        return fields

    def _history_table(self) -> QTableView:
        self.history_model: RecordTableModel[SRHistoryView] = RecordTableModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "When"), lambda h: h.at, local_time),
                Column(QT_TRANSLATE_NOOP("Columns", "Who"), lambda h: self._person(h.actor_id)),
                Column(QT_TRANSLATE_NOOP("Columns", "Field"), lambda h: h.field, _field_title),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "From"),
                    lambda h: self._value(h.field, h.old_value),
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "To"), lambda h: self._value(h.field, h.new_value)
                ),
            ]
        )
        self.history = QTableView()
        self.history.setModel(SortProxy(self.history_model, self.history))
        self.history.setSortingEnabled(True)
        self.history.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setTabKeyNavigation(False)
        self.history.verticalHeader().hide()
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.history.setMinimumHeight(130)
        return self.history

    def _conflict_bar(self) -> QFrame:
        self.conflict = QFrame()
        self.conflict.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self.conflict)
        self.conflict_text = QLabel()
        self.conflict_text.setWordWrap(True)
        paint(self.conflict_text, ERROR_COLOUR)
        self.reload_button = QPushButton(self.tr("Re&load"))
        self.reload_button.setToolTip(
            self.tr("Load their changes; what you changed here is kept on top")
        )
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self._reload)
        row.addWidget(self.conflict_text, 1)
        row.addWidget(self.reload_button)
        self.conflict.hide()
        return self.conflict

    def _buttons(self) -> QHBoxLayout:
        self.save_button, self.cancel_button = save_and_cancel(self, self._save)
        self.resolve_button = QPushButton(self.tr("&Resolve"))
        self.resolve_button.setToolTip(self.tr("Resolve with the resolution written above"))
        self.resolve_button.clicked.connect(self._resolve)
        self.reopen_button = QPushButton(self.tr("Re&open"))
        self.reopen_button.setToolTip(self.tr("Open the request again; it keeps its history"))
        self.reopen_button.clicked.connect(self._reopen)
        for button in (self.reopen_button, self.resolve_button):
            button.setAutoDefault(False)
        return button_row(
            self.reopen_button, self.resolve_button, self.save_button, self.cancel_button
        )

    # Showing a request ----------------------------------------------------------------------

    def _fill_new(self) -> None:
        self.number.setText(self.tr("New service request"))
        self.opened.setText(self.tr("on save"))
        self.sla_due.setText(self.tr("from the category"))
        self.status.addItem(label(SRStatus.OPEN), SRStatus.OPEN)
        self.status.setEnabled(False)
        self.category.currentIndexChanged.connect(self._category_defaults)
        self._category_defaults()
        select_data(self.assignee, self._ctx.actor_id)
        for widget in (self.resolution, self.satisfaction):
            widget.setEnabled(False)
            widget.setToolTip(self.tr("Available once the request is saved"))
        for button in (self.resolve_button, self.reopen_button):
            button.hide()
        self.history.setEnabled(False)
        self.subject.setFocus()

    def _show(self, view: ServiceRequestView) -> None:
        """Show ``view`` as stored: header, status choices, fields, history."""
        self._view = view
        self.setWindowTitle(self.tr("Service request {number}").format(number=view.number))
        self.number.setText(f"{view.number}  ·  {label(view.status)}")
        self.opened.setText(local_time(view.opened_at))
        state = sla_state(view, self._ctx.clock())
        self.sla_due.setText(f"{local_time(view.sla_due_at)} ({label(state)})")
        self.sla_due.setProperty("sla", state.value)
        paint(self.sla_due, SLA_COLOURS.get(state))
        self.status.clear()
        for status in SRStatus:
            if status == view.status or status in TRANSITIONS[view.status]:
                self.status.addItem(label(status), status)
        self._set_values({name: getattr(view, name) for name in self._widgets})
        taking = view.assignee_id is None and self._ctx.actor_id is not None
        self.assignee.setEnabled(is_supervisor(self._ctx) or taking)
        self.assignee.setToolTip(
            self.tr("Only a supervisor can reassign; anyone can take an unassigned request")
        )
        self.resolve_button.setVisible(view.status in OPEN_STATUSES)
        self.reopen_button.setVisible(view.status in (SRStatus.RESOLVED, SRStatus.CLOSED))
        self.history_model.set_rows(view.history)
        self.history.resizeColumnToContents(0)

    def _set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            widget = self._widgets[name]
            if isinstance(widget, QComboBox):
                if not select_data(widget, value) and name in ("category_code", "assignee_id"):
                    # A retired category or a departed assignee: show it rather than change it.
                    inactive = self.tr("{name} (inactive)").format(
                        name=self._value(name, str(value))
                    )
                    widget.addItem(inactive, value)
                    widget.setCurrentIndex(widget.count() - 1)
            elif isinstance(widget, QLineEdit):
                widget.setText(value or "")
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")

    def _values(self) -> dict[str, Any]:
        return {
            "subject": " ".join(self.subject.text().split()),
            "category_code": self.category.currentData(),
            "priority": self.priority.currentData(),
            "status": self.status.currentData(),
            "assignee_id": self.assignee.currentData(),
            "description": self.description.toPlainText(),
            "resolution": self.resolution.toPlainText().strip() or None,
            "satisfaction": self.satisfaction.currentData(),
        }

    def _changes(self) -> dict[str, Any]:
        """The fields that differ from the request as loaded."""
        assert self._view is not None
        view = self._view
        return {k: v for k, v in self._values().items() if v != getattr(view, k)}

    def _person(self, actor_id: uuid.UUID | None) -> str:
        if actor_id is None:
            return self.tr("System")
        return self._names.get(actor_id, str(actor_id)[:8])

    def _value(self, field: str, value: str | None) -> str:
        """A history value as people read it: names for ids, labels for codes."""
        if value is None:
            return ""
        if field in ("status", "priority"):
            return label(value)
        if field == "assignee_id":
            return self._person(uuid.UUID(value))
        if field == "category_code":
            return next((c.label for c in self._categories if c.code == value), value)
        return value

    # Actions --------------------------------------------------------------------------------

    def _update_save(self) -> None:
        self.save_button.setEnabled(bool(self.subject.text().strip()))

    def _category_defaults(self) -> None:
        """A new request starts with its category's priority (set in the dictionary)."""
        chosen = next((c for c in self._categories if c.code == self.category.currentData()), None)
        default = chosen.default_priority if chosen is not None else None
        select_data(self.priority, default or Priority.NORMAL)

    def _save(self) -> None:
        if self._view is None:
            self._create()
        else:
            self._submit({})

    def _create(self) -> None:
        values = self._values()
        new = NewServiceRequest(
            subject=values["subject"],
            category_code=values["category_code"],
            customer_id=self._customer_id,
            description=values["description"],
            priority=values["priority"],
            assignee_id=values["assignee_id"],
        )
        try:
            view = create_service_request(self._ctx, new)
        except ServiceError as exc:
            self.errors.show(exc)
            return
        self.saved.emit(view)
        self.accept()

    def _resolve(self) -> None:
        if not self.resolution.toPlainText().strip():
            words = self.tr("Resolution is required to resolve a request.")
            self.errors.show(ValidationError("resolution", words))
            return
        self._submit({"status": SRStatus.RESOLVED})

    def _reopen(self) -> None:
        if self._submit({"status": SRStatus.REOPENED}, close=False):
            self.description.setFocus()

    def _submit(self, extra: dict[str, Any], *, close: bool = True) -> bool:
        """Send what changed (plus ``extra``); on success emit ``saved``, else show why."""
        assert self._view is not None
        changes = self._changes() | extra
        try:
            view = update_service_request(self._ctx, self._view.id, self._view.version, **changes)
        except ConflictError as exc:
            self.errors.clear()
            self.conflict_text.setText(
                self.tr("{error} Your changes are still here.").format(error=exc)
            )
            self.conflict.show()
            self.reload_button.setFocus()
            return False
        except ServiceError as exc:
            self.errors.show(exc)
            return False
        self.errors.clear()
        self.saved.emit(view)
        if close:
            self.accept()
        else:
            self._show(view)
        return True

    def _reload(self) -> None:
        """Take the stored request, then put back what the person had changed here."""
        assert self._view is not None
        mine = self._changes()
        try:
            fresh = get_service_request(self._ctx, self._view.id)
        except ServiceError as exc:
            self.errors.show(exc)
            return
        self._show(fresh)
        self._set_values(mine)
        self.conflict.hide()
        self.save_button.setFocus()


def _field_title(field: str) -> str:
    """A field's name, in the interface's language."""
    title = FIELD_TITLES.get(field)
    return translate("ServiceRequestDialog", title) if title else label(field)
