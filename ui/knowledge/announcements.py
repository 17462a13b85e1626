"""Announcements on the desks: the banner an agent's window shows until each one is
acknowledged, the supervisor's Post announcement dialog, and who has read one (receipts)."""

from __future__ import annotations

import datetime as dt
import uuid
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from callcenter.knowledge.announcements import (
    AnnouncementView,
    Receipt,
    Receipts,
    acknowledge,
    pending_announcements,
    post_announcement,
    posted_announcements,
    receipts,
    withdraw_announcement,
)
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import queues
from callcenter.platform.errors import ServiceError
from ui.common.collation import sorted_names
from ui.common.form import FieldErrors, buddy, button_row, from_qt, save_and_cancel, to_qt
from ui.common.formatting import datetime_format, local_time
from ui.common.models import Column, RecordTableModel
from ui.common.tables import make_table, selected_record

#: How often the banner reads what is pending (announcements arrive by replication).
REFRESH_MS = 30_000
BANNER_STYLE = "#announcementBanner { background: #e8f0fe; border-bottom: 1px solid #9ab; }"


class AnnouncementBanner(QFrame):
    """The pending announcements across the top of the agent's window, each with its
    Acknowledge button; hidden when nothing is pending. Reads the desk's own store every
    ``REFRESH_MS`` and whenever ``refresh`` is called (a sync brought rows).

    Signals (GUI thread):
        acknowledged(object): the announcement id (uuid.UUID) the agent just acknowledged.
    """

    acknowledged = Signal(object)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("announcementBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.pending: list[AnnouncementView] = []
        #: One line per pending announcement: it, its words, its Acknowledge button.
        self.rows: list[tuple[AnnouncementView, QLabel, QPushButton]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self.error = QLabel()
        self.error.hide()
        self._layout.addWidget(self.error)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.setVisible(False)
        self.refresh()

    def refresh(self) -> None:
        """Read what is pending again; rows are rebuilt only when it changed."""
        pending = pending_announcements(self.ctx)
        if [a.id for a in pending] == [a.id for a in self.pending]:
            return
        self.pending = pending
        for _a, label, _button in self.rows:
            label.parentWidget().deleteLater()
        self.rows = []
        for announcement in pending:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            button = QPushButton()
            button.clicked.connect(lambda _c=False, a=announcement.id: self.acknowledge(a))
            line.addWidget(label, 1)
            line.addWidget(button)
            self._layout.addWidget(row)
            self.rows.append((announcement, label, button))
        self.retranslate()
        self.setVisible(bool(pending))

    def acknowledge(self, announcement_id: uuid.UUID) -> None:
        try:
            acknowledge(self.ctx, announcement_id)
        except ServiceError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.refresh()
        self.acknowledged.emit(announcement_id)

    def retranslate(self) -> None:
        for announcement, label, button in self.rows:
            label.setText(self._words(announcement))
            button.setText(self.tr("Acknowledge"))

    def _words(self, announcement: AnnouncementView) -> str:
        """Title, text, and who posted it when to whom: rich text, every part escaped."""
        whom = (
            self.tr("to {queue}").format(queue=announcement.queue_name)
            if announcement.queue_name
            else self.tr("to every desk")
        )
        by = self.tr("{who}, {when}, {whom}").format(
            who=announcement.posted_by_name or self.tr("a supervisor"),
            when=local_time(announcement.posted_at),
            whom=whom,
        )
        body = escape(announcement.body).replace("\n", "<br>")
        return f"<b>{escape(announcement.title)}</b> — {body} <i>({escape(by)})</i>"


class PostAnnouncementDialog(QDialog):
    """Supervise ▸ Post announcement: a title, the text, every desk or one queue, and until
    when. Written on the supervisor's own desk store and replicated to every desk.

    Signals (GUI thread):
        posted(object): the AnnouncementView just posted.
    """

    posted = Signal(object)

    def __init__(self, writer: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writer = writer
        self.setWindowTitle(self.tr("Post announcement"))
        self.resize(520, 360)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.body = QPlainTextEdit()
        self.queue = QComboBox()
        self.queue.addItem(self.tr("Every desk"), None)
        for q in sorted_names(queues(writer), key=lambda q: q.display_name):
            self.queue.addItem(q.display_name, q.id)
        self.expires = QCheckBox(self.tr("&Until"))
        self.until = QDateTimeEdit(to_qt(writer.clock() + dt.timedelta(hours=8)))
        self.until.setDisplayFormat(datetime_format())
        self.until.setCalendarPopup(True)
        self.until.setEnabled(False)
        self.expires.toggled.connect(self.until.setEnabled)
        general = QLabel()
        self.errors = FieldErrors(general)
        form = QFormLayout()
        form.addRow(
            buddy(self.tr("&Title"), self.title),
            self.errors.wrap(self.title, self.tr("Title"), "title"),
        )
        form.addRow(
            buddy(self.tr("&Text"), self.body), self.errors.wrap(self.body, self.tr("Text"), "body")
        )
        form.addRow(
            buddy(self.tr("&To"), self.queue), self.errors.wrap(self.queue, self.tr("To"), "queue")
        )
        expiry = QHBoxLayout()
        expiry.addWidget(self.expires)
        expiry.addWidget(self.until, 1)
        holder = QWidget()
        holder.setLayout(expiry)
        form.addRow("", self.errors.wrap(holder, self.tr("Until"), "expires_at"))
        self.post_button, cancel = save_and_cancel(self, self.post)
        self.post_button.setText(self.tr("&Post"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addLayout(button_row(self.post_button, cancel))

    def post(self) -> AnnouncementView | None:
        try:
            posted = post_announcement(
                self.writer,
                self.title.text(),
                self.body.toPlainText(),
                queue_id=self.queue.currentData(),
                expires_at=from_qt(self.until.dateTime()) if self.expires.isChecked() else None,
            )
        except ServiceError as exc:
            self.errors.show(exc)
            return None
        self.posted.emit(posted)
        self.accept()
        return posted


def _announcement_columns() -> tuple[Column[AnnouncementView], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Posted"), lambda a: a.posted_at, local_time),
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda a: a.title),
        Column(QT_TRANSLATE_NOOP("Columns", "Queue"), lambda a: a.queue_name or ""),
        Column(QT_TRANSLATE_NOOP("Columns", "Shown"), lambda a: "✓" if a.active else ""),
    )


def _receipt_columns() -> tuple[Column[Receipt], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("Columns", "Person"), lambda r: r.name),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Acknowledged"),
            lambda r: r.acked_at,
            lambda at: local_time(at) if at else "",
        ),
    )


class ReceiptsDialog(QDialog):
    """Announcements posted, and for the one chosen who acknowledged it when and who has
    not yet; Withdraw takes it off every desk. Read from the supervisor's desk store, where
    the acknowledgements arrive by replication."""

    def __init__(self, writer: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writer = writer
        self.setWindowTitle(self.tr("Announcements and who read them"))
        self.resize(760, 480)
        self.announcements: RecordTableModel[AnnouncementView] = RecordTableModel(
            _announcement_columns(), self
        )
        self.acknowledged: RecordTableModel[Receipt] = RecordTableModel(_receipt_columns(), self)
        self.waiting: RecordTableModel[Receipt] = RecordTableModel(_receipt_columns(), self)
        self.list_view = make_table(self.announcements)
        self.list_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_chosen())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        receipts_split = QSplitter()
        for caption, model in (
            (self.tr("Acknowledged"), self.acknowledged),
            (self.tr("Not yet"), self.waiting),
        ):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(QLabel(caption))
            column.addWidget(make_table(model))
            receipts_split.addWidget(box)
        self.withdraw_button = QPushButton(self.tr("&Withdraw"))
        self.withdraw_button.clicked.connect(self.withdraw)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        self.error = QLabel()
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(receipts_split, 1)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.withdraw_button, close))
        self.reload()

    def reload(self) -> None:
        self.announcements.set_rows(posted_announcements(self.writer))
        if self.announcements.rowCount():
            self.list_view.selectRow(0)
        self.show_chosen()

    def chosen(self) -> AnnouncementView | None:
        record = selected_record(self.list_view)
        return record if isinstance(record, AnnouncementView) else None

    def show_chosen(self) -> Receipts | None:
        announcement = self.chosen()
        self.withdraw_button.setEnabled(announcement is not None and announcement.active)
        if announcement is None:
            self.acknowledged.set_rows([])
            self.waiting.set_rows([])
            self.summary.setText("")
            return None
        seen = receipts(self.writer, announcement.id)
        self.acknowledged.set_rows(list(seen.acknowledged))
        self.waiting.set_rows(list(seen.waiting))
        self.summary.setText(
            self.tr("{done} of {all} acknowledged").format(
                done=len(seen.acknowledged), all=len(seen.acknowledged) + len(seen.waiting)
            )
        )
        return seen

    def withdraw(self) -> None:
        announcement = self.chosen()
        if announcement is None:
            return
        try:
            withdraw_announcement(self.writer, announcement.id)
        except ServiceError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.reload()
