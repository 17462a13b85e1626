"""Form helpers every dialog shares: errors shown on the field a service names, labels
with mnemonics, tab order, the Save / Cancel pair, and datetime conversion for Qt editors."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.platform.errors import ServiceError, ValidationError

ERROR_COLOUR = "#c62828"


class FieldErrors:
    """Shows a ``ValidationError`` under the field it names and moves the focus there.

    Nothing the person typed is touched: the dialog stays open with its fields as they were. An
    error naming no registered field goes to the dialog's general message line.
    """

    def __init__(self, general: QLabel) -> None:
        self._general = general
        self._fields: dict[str, tuple[str, QWidget, QLabel]] = {}
        paint(general, ERROR_COLOUR)
        general.setWordWrap(True)
        general.hide()

    def wrap(self, widget: QWidget, title: str, *names: str) -> QWidget:
        """``widget`` with a hidden error line beneath it, for the service field ``names``."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setWordWrap(True)
        paint(error, ERROR_COLOUR)
        error.hide()
        column.addWidget(error)
        for name in names:
            self._fields[name] = (title, widget, error)
        return box

    def show(self, exc: ServiceError) -> None:
        self.clear()
        if isinstance(exc, ValidationError) and exc.field in self._fields:
            title, widget, error = self._fields[exc.field]
            error.setText(_sentence(title, exc))
            error.show()
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._general.setText(str(exc))
        self._general.show()

    def clear(self) -> None:
        self._general.hide()
        for _title, _widget, error in self._fields.values():
            error.hide()

    def text(self, name: str) -> str:
        """The error shown on the field ``name`` ("" when none is)."""
        _title, _widget, error = self._fields[name]
        return "" if error.isHidden() else error.text()


def _sentence(title: str, exc: ValidationError) -> str:
    """``is required`` under "Subject" reads "Subject is required" (decided on the English
    template: the words are the reader's language)."""
    message = exc.message
    if exc.code.split(" ", 1)[0] in {"is", "are", "must", "needs", "has"}:
        return QCoreApplication.translate("Form", "{field} {message}.").format(
            field=title.replace("&", ""), message=message
        )
    return message[:1].upper() + message[1:]


def paint(widget: QWidget, colour: str | None) -> None:
    """Set the text colour through the palette (a style sheet would hide it from tests)."""
    palette = widget.palette()
    if colour is None:
        palette = QPalette()
    else:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)


def buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose mnemonic moves the focus to ``widget``."""
    caption = QLabel(text)
    caption.setBuddy(widget)
    return caption


def tab_order(*widgets: QWidget) -> None:
    """Tab visits ``widgets`` in the order given."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def save_and_cancel(dialog: QDialog, save: Callable[[], None]) -> tuple[QPushButton, QPushButton]:
    """Save is the default button (Enter, only while enabled); Cancel rejects, as Esc does."""
    ok = QPushButton(QCoreApplication.translate("Form", "&Save"))
    ok.setDefault(True)
    ok.clicked.connect(save)
    cancel = QPushButton(QCoreApplication.translate("Form", "Cancel"))
    cancel.setAutoDefault(False)
    cancel.setToolTip(QCoreApplication.translate("Form", "Close without saving (Esc)"))
    cancel.clicked.connect(dialog.reject)
    return ok, cancel


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons at the right edge, in the order given."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def select_data(combo: QComboBox, value: Any) -> bool:
    """Select the item whose data equals ``value`` (Python equality, so UUIDs match)."""
    for i in range(combo.count()):
        if combo.itemData(i) == value:
            combo.setCurrentIndex(i)
            return True
    return False


def to_qt(value: dt.datetime) -> QDateTime:
    """An aware datetime as a Qt date-time in local time (through the instant, so no zone
    is guessed)."""
    return QDateTime.fromMSecsSinceEpoch(round(value.timestamp() * 1000))


def from_qt(value: QDateTime) -> dt.datetime:
    """What a date-time editor shows, as an aware UTC datetime for the services."""
    return dt.datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000, tz=dt.UTC)
