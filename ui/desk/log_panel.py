"""The call's log: disposition, notes (saved as a draft while typing), wrap-up countdown."""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.platform.directory import Code
from ui.common.collation import sorted_names

DRAFT_PAUSE_MS = 600


class LogPanel(QGroupBox):
    """Where the agent writes what happened on the call.

    Signals (GUI thread):
        draft_changed(str, object): notes and disposition code (or None) after a typing pause.
        save_requested(bool): save the log; True means "Save & Ready".
        extend_requested(): add time to the wrap-up countdown.
        new_request(): open a service request from this call.
        schedule_callback(): schedule a callback from this call.
    """

    draft_changed = Signal(str, object)
    save_requested = Signal(bool)
    extend_requested = Signal()
    new_request = Signal()
    schedule_callback = Signal()

    def __init__(self, dispositions: list[Code], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.disposition = QComboBox()
        self.notes = QPlainTextEdit()
        self.linked = QLabel("")
        self.wrap_up = QLabel("")
        self.wrap_up.setObjectName("wrapUpLabel")
        self.error = QLabel("")
        self.error.setObjectName("logError")
        self.error.setWordWrap(True)
        self.extend = QPushButton()
        self.extend.clicked.connect(self.extend_requested.emit)
        self.sr_button = QPushButton()
        self.sr_button.clicked.connect(self.new_request.emit)
        self.callback_button = QPushButton()
        self.callback_button.clicked.connect(self.schedule_callback.emit)
        self.save = QPushButton()
        self.save.clicked.connect(lambda: self.save_requested.emit(False))
        self.save_ready = QPushButton()
        self.save_ready.setDefault(True)
        self.save_ready.clicked.connect(lambda: self.save_requested.emit(True))
        form = QFormLayout()
        self._outcome = QLabel()
        self._outcome.setBuddy(self.disposition)
        form.addRow(self._outcome, self.disposition)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notes, 1)
        links = QHBoxLayout()
        links.addWidget(self.sr_button)
        links.addWidget(self.callback_button)
        layout.addLayout(links)
        layout.addWidget(self.linked)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addWidget(self.wrap_up, 1)
        bottom.addWidget(self.extend)
        bottom.addWidget(self.save)
        bottom.addWidget(self.save_ready)
        layout.addLayout(bottom)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(DRAFT_PAUSE_MS)
        self._pause.timeout.connect(self.flush_draft)
        self.notes.textChanged.connect(self._pause.start)
        self.disposition.currentIndexChanged.connect(lambda _i: self._pause.start())
        self._remaining: dt.timedelta | None = None
        self.set_dispositions(dispositions)
        self.retranslate()
        self.set_active(False)

    def retranslate(self) -> None:
        """Every text in the interface's language (at start, and when it is switched)."""
        self.setTitle(self.tr("Call log"))
        self.disposition.setItemText(0, self.tr("— choose an outcome —"))
        self.notes.setPlaceholderText(self.tr("What did the customer need? What did you do?"))
        self.extend.setText(self.tr("E&xtend +30 s"))
        self.sr_button.setText(self.tr("New service &request…"))
        self.callback_button.setText(self.tr("Schedule call&back…"))
        self.save.setText(self.tr("&Save"))
        self.save_ready.setText(self.tr("Save && Read&y"))
        self._outcome.setText(self.tr("&Outcome"))
        self.show_wrap_up(self._remaining)

    def set_dispositions(self, dispositions: list[Code]) -> None:
        """The outcomes offered (their words read again after a language switch); the one
        chosen stays chosen, without a new draft."""
        chosen = self.disposition.currentData()
        self.disposition.blockSignals(True)
        self.disposition.clear()
        self.disposition.addItem(self.tr("— choose an outcome —"), None)
        for code in sorted_names(dispositions, key=lambda c: c.label):
            self.disposition.addItem(code.label, code.code)
        self.disposition.setCurrentIndex(max(self.disposition.findData(chosen), 0))
        self.disposition.blockSignals(False)

    def flush_draft(self) -> None:
        """Hand the current text over now (also called before the window closes)."""
        self._pause.stop()
        if self.isEnabled():
            self.draft_changed.emit(self.notes.toPlainText(), self.disposition.currentData())

    def set_active(self, active: bool) -> None:
        self.setEnabled(active)
        if not active:
            self._pause.stop()
            self.notes.blockSignals(True)
            self.notes.clear()
            self.notes.blockSignals(False)
            self.disposition.setCurrentIndex(0)
            self.linked.setText("")
            self.error.setText("")
            self.show_wrap_up(None)

    def load(self, notes: str, disposition_code: str | None) -> None:
        """Show a saved draft (after a restart) without re-saving it."""
        self.notes.blockSignals(True)
        self.notes.setPlainText(notes)
        self.notes.blockSignals(False)
        index = self.disposition.findData(disposition_code)
        self.disposition.setCurrentIndex(max(index, 0))
        self._pause.stop()

    def show_wrap_up(self, remaining: dt.timedelta | None) -> None:
        self._remaining = remaining
        self.extend.setEnabled(remaining is not None)
        if remaining is None:
            self.wrap_up.setText("")
            return
        seconds = math.ceil(remaining.total_seconds())
        self.wrap_up.setText(
            self.tr("Wrap-up: {seconds} s left").format(seconds=seconds)
            if seconds
            else self.tr("Wrap-up time is up: choose Ready")
        )
        self.wrap_up.setStyleSheet("color:#c62828; font-weight:bold" if seconds <= 10 else "")
