"""Promising a call back (from a call or a record) and recording how an attempt went."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.crm.customers import get_profile
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import people, queues, queues_of
from callcenter.platform.errors import ServiceError
from callcenter.platform.records import CallbackView
from callcenter.work.callbacks import MAX_ATTEMPTS, NewCallback, record_attempt, schedule_callback
from db.enums import CallbackOutcome
from ui.common.collation import sorted_names
from ui.common.form import (
    FieldErrors,
    buddy,
    button_row,
    from_qt,
    save_and_cancel,
    select_data,
    tab_order,
    to_qt,
)
from ui.common.formatting import datetime_format, label, local_time
from ui.common.i18n import translate

WINDOW_MINUTES = (15, 30, 60, 120)
DEFAULT_WINDOW = 30
AFTERNOON = dt.time(14, 0)
MORNING = dt.time(9, 0)


def _local_at(day: dt.date, at: dt.time) -> dt.datetime:
    """``at`` o'clock on ``day`` in the agent's zone, with that day's own UTC offset."""
    return dt.datetime.combine(day, at).astimezone()


def in_an_hour(now: dt.datetime) -> dt.datetime:
    return (now + dt.timedelta(hours=1)).astimezone().replace(second=0, microsecond=0)


def this_afternoon(now: dt.datetime) -> dt.datetime | None:
    """14:00 today, or None once it has passed."""
    target = _local_at(now.astimezone().date(), AFTERNOON)
    return target if target > now else None


def tomorrow_morning(now: dt.datetime) -> dt.datetime:
    return _local_at(now.astimezone().date() + dt.timedelta(days=1), MORNING)


def next_monday(now: dt.datetime) -> dt.datetime:
    """09:00 on the coming Monday (a week ahead when today is Monday)."""
    today = now.astimezone().date()
    return _local_at(today + dt.timedelta(days=7 - today.weekday()), MORNING)


# (key, button text, when) for the quick choices, in the order they are offered; the texts
# are in the WhenPicker context.
QUICK_CHOICES: tuple[tuple[str, str, Callable[[dt.datetime], dt.datetime | None]], ...] = (
    ("hour", QT_TRANSLATE_NOOP("WhenPicker", "In 1 &hour"), in_an_hour),
    ("afternoon", QT_TRANSLATE_NOOP("WhenPicker", "This &afternoon 14:00"), this_afternoon),
    ("tomorrow", QT_TRANSLATE_NOOP("WhenPicker", "&Tomorrow 09:00"), tomorrow_morning),
    ("monday", QT_TRANSLATE_NOOP("WhenPicker", "Ne&xt Monday 09:00"), next_monday),
)


class WhenPicker(QWidget):
    """A local date-time editor with one-click choices agents promise most often.

    The choices are worked out from the service clock when clicked, so a dialog left open for
    an hour still means "in an hour" from the click.
    """

    def __init__(self, clock: Callable[[], dt.datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        now = clock()
        self.edit = QDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(datetime_format())
        self.edit.setMinimumDateTime(to_qt(now.replace(second=0, microsecond=0)))
        self.edit.setToolTip(self.tr("Date and time in your local time zone"))
        self.quick: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for key, text, when in QUICK_CHOICES:
            button = QPushButton(translate("WhenPicker", text))
            button.setAutoDefault(False)
            target = when(now)
            button.setEnabled(target is not None)
            button.setToolTip(
                local_time(target) if target else self.tr("That time has passed today")
            )
            button.clicked.connect(lambda _=False, when=when: self._choose(when))
            buttons.addWidget(button)
            self.quick[key] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addLayout(buttons)
        self.setFocusProxy(self.edit)
        self.set_value(in_an_hour(now))

    def _choose(self, when: Callable[[dt.datetime], dt.datetime | None]) -> None:
        target = when(self._clock())
        if target is not None:
            self.set_value(target)

    def set_value(self, value: dt.datetime) -> None:
        self.edit.setDateTime(to_qt(value))

    def value(self) -> dt.datetime:
        """The chosen moment, aware, in UTC."""
        return from_qt(self.edit.dateTime())

    def widgets(self) -> list[QWidget]:
        """Its focusable parts in tab order."""
        return [self.edit, *self.quick.values()]


def window_lengths() -> QComboBox:
    combo = QComboBox()
    for minutes in WINDOW_MINUTES:
        combo.addItem(
            QCoreApplication.translate("CallbackDialog", "{minutes} min").format(minutes=minutes),
            minutes,
        )
    select_data(combo, DEFAULT_WINDOW)
    combo.setToolTip(
        QCoreApplication.translate(
            "CallbackDialog", "How long after the start the call back still keeps the promise"
        )
    )
    return combo


def _window(picker: WhenPicker, length: QComboBox) -> tuple[dt.datetime, dt.datetime]:
    start = picker.value()
    return start, start + dt.timedelta(minutes=int(length.currentData()))


class CallbackDialog(QDialog):
    """Schedule a callback owned by the agent or by one of their queues.

    Signals:
        saved(object): the scheduled ``CallbackView``; emitted on the GUI thread.
    """

    saved = Signal(object)

    def __init__(
        self,
        ctx: ServiceContext,
        *,
        phone_number: str = "",
        customer_id: uuid.UUID | None = None,
        customer_name: str | None = None,
        service_request_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._customer_id = customer_id
        self._service_request_id = service_request_id
        self.setWindowTitle(self.tr("Schedule a callback"))
        general = QLabel()
        self.errors = FieldErrors(general)

        self.number = QLineEdit(phone_number)
        self.number.setPlaceholderText(self.tr("The number to call"))
        if customer_id is not None and customer_name is None:
            customer_name = get_profile(ctx, customer_id).name
        self.customer = QCheckBox(customer_name or self.tr("No customer"))
        self.customer.setChecked(customer_id is not None)
        self.customer.setEnabled(customer_id is not None)
        self.customer.setToolTip(
            self.tr("Untick to schedule the callback without linking the customer")
        )
        self.when = WhenPicker(ctx.clock)
        self.length = window_lengths()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("What the customer is waiting to hear about"))
        owner = self._owner_row()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget, field, title, names in (
            (self.tr("&Number:"), self.number, self.number, self.tr("Number"), ("phone_number",)),
            (
                self.tr("C&ustomer:"),
                self.customer,
                self.customer,
                self.tr("Customer"),
                ("customer_id",),
            ),
            (self.tr("&When:"), self.when.edit, self.when, self.tr("Time"), ("due_from",)),
            (
                self.tr("Window &length:"),
                self.length,
                self.length,
                self.tr("Window"),
                ("due_until",),
            ),
            (self.tr("&Reason:"), self.reason, self.reason, self.tr("Reason"), ("reason",)),
            (
                self.tr("Owner:"),
                self.mine,
                owner,
                self.tr("Owner"),
                ("owner", "owner_user_id", "owner_queue_id"),
            ),
        ):
            form.addRow(buddy(text, widget), self.errors.wrap(field, title, *names))
        self.save_button, self.cancel_button = save_and_cancel(self, self._save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(general)
        layout.addLayout(button_row(self.save_button, self.cancel_button))
        tab_order(
            self.number,
            self.customer,
            *self.when.widgets(),
            self.length,
            self.reason,
            self.mine,
            self.by_queue,
            self.queue,
            self.save_button,
            self.cancel_button,
        )
        for edit in (self.number, self.reason):
            edit.textChanged.connect(self._update_save)
        self._update_save()
        self.resize(620, self.sizeHint().height())
        (self.reason if phone_number else self.number).setFocus()

    def _owner_row(self) -> QWidget:
        actor = self._ctx.actor
        if actor is not None:
            name = next(
                (p.display_name for p in people(self._ctx) if p.id == actor.user_id),
                actor.username,
            )
            self.mine = QRadioButton(self.tr("&Me ({name})").format(name=name))
        else:
            self.mine = QRadioButton(self.tr("&Me"))
        self.mine.setEnabled(actor is not None)
        self.by_queue = QRadioButton(self.tr("My &queue:"))
        self.queue = QComboBox()
        choices = sorted_names(queues(self._ctx), key=lambda q: q.display_name)
        if actor is not None:
            member_of = set(queues_of(self._ctx, actor.user_id))
            choices = [q for q in choices if q.id in member_of] or choices
        for queue in choices:
            self.queue.addItem(queue.display_name, queue.id)
        self.queue.setToolTip(self.tr("Anyone in the queue may make the call"))
        self.by_queue.setEnabled(bool(choices))
        group = QButtonGroup(self)
        group.addButton(self.mine)
        group.addButton(self.by_queue)
        (self.mine if actor is not None else self.by_queue).setChecked(True)
        self.queue.setEnabled(self.by_queue.isChecked())
        self.by_queue.toggled.connect(self.queue.setEnabled)
        self.by_queue.toggled.connect(self._update_save)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.mine)
        line.addSpacing(16)
        line.addWidget(self.by_queue)
        line.addWidget(self.queue, 1)
        return row

    def _update_save(self) -> None:
        owned = self.mine.isChecked() or self.queue.currentData() is not None
        filled = bool(self.number.text().strip() and self.reason.text().strip())
        self.save_button.setEnabled(filled and owned)

    def _save(self) -> None:
        due_from, due_until = _window(self.when, self.length)
        by_queue = self.by_queue.isChecked()
        new = NewCallback(
            phone_number=self.number.text(),
            due_from=due_from,
            due_until=due_until,
            reason=self.reason.text(),
            customer_id=self._customer_id if self.customer.isChecked() else None,
            owner_user_id=None if by_queue else self._ctx.actor_id,
            owner_queue_id=self.queue.currentData() if by_queue else None,
            service_request_id=self._service_request_id,
        )
        try:
            view = schedule_callback(self._ctx, new)
        except ServiceError as exc:
            self.errors.show(exc)
            return
        self.saved.emit(view)
        self.accept()


# The outcome choices' button texts, in the CallbackOutcomeDialog context.
OUTCOME_TEXT = {
    CallbackOutcome.REACHED: QT_TRANSLATE_NOOP("CallbackOutcomeDialog", "&Reached"),
    CallbackOutcome.NO_ANSWER: QT_TRANSLATE_NOOP("CallbackOutcomeDialog", "&No answer"),
    CallbackOutcome.WRONG_NUMBER: QT_TRANSLATE_NOOP("CallbackOutcomeDialog", "&Wrong number"),
    CallbackOutcome.RESCHEDULED: QT_TRANSLATE_NOOP("CallbackOutcomeDialog", "R&escheduled"),
}


class CallbackOutcomeDialog(QDialog):
    """Record one attempt at a callback; the service moves it on (done, failed, new time).

    Signals:
        saved(object): the updated ``CallbackView`` with its attempts; emitted on the GUI
            thread.
    """

    saved = Signal(object)

    def __init__(
        self,
        ctx: ServiceContext,
        callback: CallbackView,
        *,
        interaction_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._callback = callback
        self._interaction_id = interaction_id
        self.setWindowTitle(self.tr("Callback to {number}").format(number=callback.phone_number))
        general = QLabel()
        self.errors = FieldErrors(general)

        due = self.tr("Due {start} to {end} · attempts so far {count} of {most}").format(
            start=local_time(callback.due_from),
            end=local_time(callback.due_until, False),
            count=callback.attempt_count,
            most=MAX_ATTEMPTS,
        )
        summary = QLabel(
            f"<b>{escape(callback.phone_number)}</b> · {escape(callback.reason)}<br>{escape(due)}"
        )
        summary.setWordWrap(True)
        self.outcomes = QButtonGroup(self)
        self.outcome_buttons: dict[CallbackOutcome, QRadioButton] = {}
        choices = QHBoxLayout()
        for outcome, text in OUTCOME_TEXT.items():
            button = QRadioButton(translate("CallbackOutcomeDialog", text))
            button.setToolTip(label(outcome))
            self.outcomes.addButton(button)
            self.outcome_buttons[outcome] = button
            choices.addWidget(button)
        choices.addStretch(1)
        self.when = WhenPicker(ctx.clock)
        self.when.set_value(tomorrow_morning(ctx.clock()))
        self.length = window_lengths()
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Optional: what happened"))
        for widget in (self.when, self.length):
            widget.setEnabled(False)
        rescheduled = self.outcome_buttons[CallbackOutcome.RESCHEDULED]
        rescheduled.toggled.connect(self.when.setEnabled)
        rescheduled.toggled.connect(self.length.setEnabled)
        self.outcomes.buttonToggled.connect(self._update_save)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(
            self.tr("Outcome:"), self.errors.wrap(_row(choices), self.tr("Outcome"), "status")
        )
        form.addRow(
            buddy(self.tr("New t&ime:"), self.when.edit),
            self.errors.wrap(self.when, self.tr("New time"), "reschedule", "due_from"),
        )
        form.addRow(
            buddy(self.tr("Window &length:"), self.length),
            self.errors.wrap(self.length, self.tr("Window"), "due_until"),
        )
        form.addRow(
            buddy(self.tr("N&otes:"), self.notes),
            self.errors.wrap(self.notes, self.tr("Notes"), "notes"),
        )
        self.save_button, self.cancel_button = save_and_cancel(self, self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addLayout(button_row(self.save_button, self.cancel_button))
        tab_order(
            *self.outcome_buttons.values(),
            *self.when.widgets(),
            self.length,
            self.notes,
            self.save_button,
            self.cancel_button,
        )
        self._update_save()
        self.resize(620, self.sizeHint().height())

    def _outcome(self) -> CallbackOutcome | None:
        for outcome, button in self.outcome_buttons.items():
            if button.isChecked():
                return outcome
        return None

    def _update_save(self) -> None:
        self.save_button.setEnabled(self._outcome() is not None)

    def _save(self) -> None:
        outcome = self._outcome()
        assert outcome is not None, "Save is enabled only once an outcome is chosen"
        reschedule = None
        if outcome == CallbackOutcome.RESCHEDULED:
            reschedule = _window(self.when, self.length)
        try:
            view = record_attempt(
                self._ctx,
                self._callback.id,
                outcome,
                interaction_id=self._interaction_id,
                notes=self.notes.text().strip(),
                reschedule=reschedule,
            )
        except ServiceError as exc:
            self.errors.show(exc)
            return
        self.saved.emit(view)
        self.accept()


def _row(layout: QHBoxLayout) -> QWidget:
    holder = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder
