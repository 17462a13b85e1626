"""Admin ▸ People: who uses the desk, their role, whether they may sign in, their password and
their queues, managed in the application rather than with SQL or the command line.

Everything goes through ``callcenter.administration.people`` on the SHARED store's context
(people are the shared store's, and on PostgreSQL its database roles: nothing here is queued
offline). On PostgreSQL the context is signed in as the admin's own role and the database's
people functions decide; a refusal is shown in words on the field it names, and a shared store
out of reach in a sentence. The calls are small, so they run on the GUI thread. A password is
typed twice, sent hashed, and never shown, kept or logged.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.administration.people import (
    PASSWORD_MIN,
    Account,
    accounts,
    change_role,
    create_person,
    disable_person,
    enable_person,
    keeps_passwords,
    reset_password,
    set_queue_membership,
)
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import QueueInfo, queues
from callcenter.platform.errors import ServiceError, ValidationError
from db.enums import Role
from ui.common.form import FieldErrors, button_row, save_and_cancel, select_data
from ui.common.formatting import label
from ui.common.models import Column, RecordTableModel
from ui.common.tables import make_table, select_record, selected_record

T = TypeVar("T")

COLUMNS: tuple[Column[Account], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda a: a.display_name),
    Column(QT_TRANSLATE_NOOP("Columns", "Username"), lambda a: a.username),
    Column(QT_TRANSLATE_NOOP("Columns", "Role"), lambda a: a.role, label),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Active"),
        lambda a: a.active,
        lambda active: (
            QCoreApplication.translate("PeopleDialog", "active")
            if active
            else QCoreApplication.translate("PeopleDialog", "disabled")
        ),
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Queues"), lambda a: ", ".join(a.queue_names)),
)


def _password_line() -> QLineEdit:
    line = QLineEdit()
    line.setEchoMode(QLineEdit.EchoMode.Password)
    line.setMaxLength(1024)
    return line


def _role_combo() -> QComboBox:
    combo = QComboBox()
    for role in Role:
        combo.addItem(label(role), role.value)
    return combo


class _Form(QDialog):
    """A small modal form whose Save calls a service; a refusal stays on its field."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.general = QLabel()
        self.errors = FieldErrors(self.general)
        self.form = QFormLayout()
        self.save_button, self.cancel_button = save_and_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addLayout(button_row(self.save_button, self.cancel_button))

    def row(self, title: str, widget: QWidget, field: str) -> None:
        self.form.addRow(title, self.errors.wrap(widget, title, field))

    def two_passwords(self, first: QLineEdit, again: QLineEdit) -> str | None:
        """The password typed, when both boxes hold the same one; the error shown if not."""
        if first.text() != again.text():
            self.errors.show(ValidationError("password", self.tr("the two passwords differ")))
            return None
        return first.text()

    def save(self) -> None:
        raise NotImplementedError


class NewPersonDialog(_Form):
    """Username, display name, role and (on PostgreSQL) a password typed twice."""

    def __init__(self, shared: ServiceContext, passwords: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.shared, self.passwords = shared, passwords
        self.setWindowTitle(self.tr("New person"))
        self.created: Account | None = None
        self.username = QLineEdit()
        self.username.setMaxLength(63)
        self.username.setPlaceholderText(self.tr("lower case: a-z, 0-9 and _"))
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(200)
        self.role = _role_combo()
        self.password, self.again = _password_line(), _password_line()
        self.row(self.tr("&Username"), self.username, "name")
        self.row(self.tr("&Display name"), self.display_name, "display_name")
        self.row(self.tr("&Role"), self.role, "role")
        if passwords:
            self.password.setPlaceholderText(self.tr("at least %n character(s)", "", PASSWORD_MIN))
            self.row(self.tr("&Password"), self.password, "password")
            self.form.addRow(self.tr("Password &again"), self.again)

    def save(self) -> None:
        password = self.two_passwords(self.password, self.again) if self.passwords else None
        if self.passwords and password is None:
            return
        try:
            self.created = create_person(
                self.shared,
                self.username.text().strip(),
                self.role.currentData(),
                password,
                self.display_name.text() or None,
            )
        except ServiceError as exc:
            self.errors.show(exc)
            return
        self.password.clear()
        self.again.clear()
        self.accept()


class PasswordDialog(_Form):
    """A new password for one person, typed twice."""

    def __init__(self, shared: ServiceContext, person: Account, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.shared, self.person = shared, person
        self.setWindowTitle(self.tr("Reset the password of %1").replace("%1", person.username))
        self.password, self.again = _password_line(), _password_line()
        self.password.setPlaceholderText(self.tr("at least %n character(s)", "", PASSWORD_MIN))
        self.row(self.tr("New &password"), self.password, "password")
        self.form.addRow(self.tr("Password &again"), self.again)

    def save(self) -> None:
        password = self.two_passwords(self.password, self.again)
        if password is None:
            return
        try:
            reset_password(self.shared, self.person.username, password)
        except ServiceError as exc:
            self.errors.show(exc)
            return
        self.password.clear()
        self.again.clear()
        self.accept()


class PeopleDialog(QDialog):
    """Everyone on the shared store and, for the chosen person, their role, whether they may
    sign in, a new password and their queues."""

    def __init__(self, shared: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shared = shared
        self.setWindowTitle(self.tr("People"))
        self.resize(1000, 560)
        self.model: RecordTableModel[Account] = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        self.general = QLabel()
        self.errors = FieldErrors(self.general)
        side = self._person_panel()
        self.new_button = QPushButton(self.tr("&New person…"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.ask_new_person)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addLayout(button_row(self.new_button, close))
        self.passwords = bool(self._attempt(lambda: keeps_passwords(shared)))
        self.password_button.setVisible(self.passwords)
        self.all_queues: list[QueueInfo] = self._attempt(lambda: queues(shared)) or []
        self.reload()

    def _person_panel(self) -> QVBoxLayout:
        """The chosen person's role, sign-in, password and queues, with the messages."""
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.role = _role_combo()
        self.apply_role = QPushButton(self.tr("&Apply"))
        self.apply_role.clicked.connect(self.apply)
        role_row = QHBoxLayout()
        role_row.addWidget(self.role, 1)
        role_row.addWidget(self.apply_role)
        role_box = QWidget()
        role_box.setLayout(role_row)
        role_row.setContentsMargins(0, 0, 0, 0)
        self.disable_button = QPushButton(self.tr("&Disable"))
        self.disable_button.setToolTip(self.tr("Stop them signing in and end their open sessions"))
        self.disable_button.clicked.connect(self.disable)
        self.enable_button = QPushButton(self.tr("&Enable"))
        self.enable_button.clicked.connect(self.enable)
        self.password_button = QPushButton(self.tr("Reset &password…"))
        self.password_button.clicked.connect(self.ask_password)
        self.queue_list = QListWidget()
        self.queue_list.setToolTip(self.tr("Ticked queues' calls and work are offered to them"))
        self.queue_list.itemChanged.connect(self._queue_ticked)
        form = QFormLayout()
        form.addRow(self.heading)
        form.addRow(self.tr("&Role"), self.errors.wrap(role_box, self.tr("Role"), "role"))
        form.addRow("", button_row(self.disable_button, self.enable_button, self.password_button))
        form.addRow(self.tr("&Queues"), self.queue_list)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.general)
        side.addWidget(self.status)
        side.addStretch(1)
        return side

    def _attempt(self, work: Callable[[], T]) -> T | None:
        """``work``'s result; a refusal or a failure shown in words (None then)."""
        try:
            return work()
        except ServiceError as exc:
            self.errors.show(exc)
        except Exception as exc:  # any other failure of the store: a sentence, not a traceback
            self.general.setText((str(exc) or type(exc).__name__).splitlines()[0])
            self.general.show()
        return None

    def chosen(self) -> Account | None:
        record = selected_record(self.table)
        return record if isinstance(record, Account) else None

    def reload(self, keep: uuid.UUID | None = None) -> None:
        self.model.set_rows(self._attempt(lambda: accounts(self.shared)) or [])
        if keep is None or not select_record(self.table, keep):
            self._chosen()

    def _chosen(self) -> None:
        person = self.chosen()
        for widget in (
            self.role,
            self.apply_role,
            self.disable_button,
            self.enable_button,
            self.password_button,
            self.queue_list,
        ):
            widget.setEnabled(person is not None)
        self.queue_list.blockSignals(True)
        self.queue_list.clear()
        if person is None:
            self.heading.setText(self.tr("Choose a person in the list."))
            self.queue_list.blockSignals(False)
            return
        self.heading.setText(f"{person.display_name} ({person.username})")
        select_data(self.role, person.role.value)
        self.disable_button.setEnabled(person.active)
        self.enable_button.setEnabled(not person.active)
        for queue in self.all_queues:
            item = QListWidgetItem(queue.display_name)
            item.setData(Qt.ItemDataRole.UserRole, queue.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            inside = queue.id in person.queues
            item.setCheckState(Qt.CheckState.Checked if inside else Qt.CheckState.Unchecked)
            self.queue_list.addItem(item)
        self.queue_list.blockSignals(False)

    def _done(self, person: Account, words: str) -> None:
        self.errors.clear()
        self.status.setText(words)
        self.reload(keep=person.id)

    def apply(self) -> None:
        person = self.chosen()
        if person is None:
            return
        moved = self._attempt(
            lambda: change_role(self.shared, person.username, self.role.currentData())
        )
        if moved is not None:
            self._done(
                moved,
                self.tr("%1 is now %2.")
                .replace("%1", moved.username)
                .replace("%2", label(moved.role)),
            )

    def disable(self) -> None:
        person = self.chosen()
        if person is None:
            return
        result = self._attempt(lambda: disable_person(self.shared, person.username))
        if result is None:
            return
        words = self.tr("%1 is disabled; %n open session(s) ended.", "", result.sessions_ended)
        words = words.replace("%1", person.username)
        self._done(result.account, f"{words} {result.warning}" if result.warning else words)

    def enable(self) -> None:
        person = self.chosen()
        if person is None:
            return
        enabled = self._attempt(lambda: enable_person(self.shared, person.username))
        if enabled is not None:
            self._done(enabled, self.tr("%1 may sign in again.").replace("%1", person.username))

    def ask_password(self) -> PasswordDialog | None:
        """Open the password form for the chosen person (window-modal; it reports back)."""
        person = self.chosen()
        if person is None:
            return None
        dialog = PasswordDialog(self.shared, person, self)
        dialog.accepted.connect(
            lambda: self._done(
                person, self.tr("%1 has a new password.").replace("%1", person.username)
            )
        )
        dialog.open()
        return dialog

    def ask_new_person(self) -> NewPersonDialog:
        """Open the new person's form (window-modal; the list shows them once saved)."""
        dialog = NewPersonDialog(self.shared, self.passwords, self)
        dialog.accepted.connect(lambda: self._created(dialog.created))
        dialog.open()
        return dialog

    def _created(self, made: Account | None) -> None:
        if made is not None:
            self._done(made, self.tr("%1 was created.").replace("%1", made.username))

    def _queue_ticked(self, item: QListWidgetItem) -> None:
        person = self.chosen()
        if person is None:
            return
        member = item.checkState() == Qt.CheckState.Checked
        queue_id = item.data(Qt.ItemDataRole.UserRole)
        changed = self._attempt(
            lambda: set_queue_membership(self.shared, person.id, queue_id, member)
        )
        if changed is not None:
            self.status.clear()
        self.reload(keep=person.id)  # the ticks (and the list's queues) as the store has them
