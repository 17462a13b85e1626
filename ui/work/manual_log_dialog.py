"""Logging a call the softphone never saw (a mobile, a desk phone), so the timeline is whole."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from callcenter.crm.phones import parse
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import dispositions
from callcenter.platform.errors import ServiceError
from callcenter.work.interactions import NewInteraction, log_interaction
from db.enums import Channel, Direction
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
from ui.common.formatting import datetime_format, label

DURATION = re.compile(r"^(\d{1,3}):([0-5]\d)$")


def parse_duration(text: str) -> dt.timedelta | None:
    """``mm:ss`` (minutes may exceed 59) as a timedelta, or None when it is not that."""
    match = DURATION.match(text.strip())
    if match is None:
        return None
    return dt.timedelta(minutes=int(match.group(1)), seconds=int(match.group(2)))


class ManualLogDialog(QDialog):
    """Log one phone call made or taken outside the softphone, as the signed-in agent.

    The call counts as answered at its start; it ends ``duration`` later.

    Signals:
        saved(object): the logged ``InteractionView``; emitted on the GUI thread.
    """

    saved = Signal(object)

    def __init__(
        self,
        ctx: ServiceContext,
        *,
        customer_id: uuid.UUID | None = None,
        customer_name: str | None = None,
        phone_number: str = "",
        direction: Direction = Direction.OUTBOUND,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._customer_id = customer_id
        self.setWindowTitle(self.tr("Log a call manually"))
        general = QLabel()
        self.errors = FieldErrors(general)

        now = ctx.clock().replace(second=0, microsecond=0)
        self.started = QDateTimeEdit(to_qt(now))
        self.started.setCalendarPopup(True)
        self.started.setDisplayFormat(datetime_format())
        self.started.setMaximumDateTime(to_qt(now))
        self.started.setToolTip(self.tr("When the call started, in your local time zone"))
        self.duration = QLineEdit()
        self.duration.setPlaceholderText(self.tr("mm:ss"))
        self.duration.setValidator(
            QRegularExpressionValidator(QRegularExpression(DURATION.pattern), self.duration)
        )
        self.duration.setToolTip(
            self.tr("How long the call lasted: minutes and seconds, e.g. 04:30")
        )
        self.direction = QComboBox()
        for choice in Direction:
            self.direction.addItem(label(choice), choice)
        select_data(self.direction, direction)
        self.customer = QCheckBox(customer_name or self.tr("No customer"))
        self.customer.setChecked(customer_id is not None)
        self.customer.setEnabled(customer_id is not None)
        self.customer.setToolTip(self.tr("Untick to log the call without linking the customer"))
        self.number = QLineEdit(phone_number)
        self.number.setPlaceholderText(self.tr("Optional: the other party's number"))
        self.disposition = QComboBox()
        self.disposition.addItem(self.tr("None"), None)
        for code in sorted_names(dispositions(ctx), key=lambda c: c.label):
            self.disposition.addItem(code.label, code.code)
        self.disposition.setToolTip(self.tr("How the call ended; some outcomes need notes"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What was said and agreed"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget, title, names in (
            (self.tr("Started &at:"), self.started, self.tr("Start"), ("offered_at",)),
            (
                self.tr("Dura&tion:"),
                self.duration,
                self.tr("Duration"),
                ("answered_at", "ended_at"),
            ),
            (
                self.tr("&Direction:"),
                self.direction,
                self.tr("Direction"),
                ("direction", "channel"),
            ),
            (self.tr("&Customer:"), self.customer, self.tr("Customer"), ("customer_id",)),
            (
                self.tr("&Number:"),
                self.number,
                self.tr("Number"),
                ("caller_number", "dialled_number"),
            ),
            (
                self.tr("Dis&position:"),
                self.disposition,
                self.tr("Disposition"),
                ("disposition_code",),
            ),
            (self.tr("N&otes:"), self.notes, self.tr("Notes"), ("notes",)),
        ):
            form.addRow(buddy(text, widget), self.errors.wrap(widget, title, *names))
        self.save_button, self.cancel_button = save_and_cancel(self, self._save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addLayout(button_row(self.save_button, self.cancel_button))
        tab_order(
            self.started,
            self.duration,
            self.direction,
            self.customer,
            self.number,
            self.disposition,
            self.notes,
            self.save_button,
            self.cancel_button,
        )
        self.duration.textChanged.connect(self._update_save)
        self._update_save()
        self.resize(560, 480)
        self.duration.setFocus()

    def _update_save(self) -> None:
        self.save_button.setEnabled(parse_duration(self.duration.text()) is not None)

    def _number(self) -> str | None:
        """The number as E.164 when it is one (so lookups find it), else as typed."""
        text = self.number.text().strip()
        if not text:
            return None
        parsed = parse(text, self._ctx.default_region)
        return parsed.e164 if parsed else text

    def _save(self) -> None:
        length = parse_duration(self.duration.text())
        assert length is not None, "Save is enabled only for a valid duration"
        started = from_qt(self.started.dateTime())
        inbound = self.direction.currentData() == Direction.INBOUND
        number = self._number()
        item = NewInteraction(
            channel=Channel.PHONE,
            direction=self.direction.currentData(),
            offered_at=started,
            answered_at=started,
            ended_at=started + length,
            customer_id=self._customer_id if self.customer.isChecked() else None,
            caller_number=number if inbound else None,
            dialled_number=None if inbound else number,
            disposition_code=self.disposition.currentData(),
            notes=self.notes.toPlainText().strip(),
        )
        try:
            view = log_interaction(self._ctx, item)
        except ServiceError as exc:
            self.errors.show(exc)
            return
        self.saved.emit(view)
        self.accept()
