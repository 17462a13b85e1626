"""The desk's settings: SIP account, audio devices, region and wrap-up, shared database.

Plain values go to the config file through ``callcenter.platform.config_writer`` (validated
by ``callcenter.platform.config.from_table``, so the dialog and the file obey the same rules);
passwords go to the OS keyring through ``SecretStore``, or stay in memory for this session when
there is no usable keyring. A password is never shown back, only whether one is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import phonenumbers
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter.platform import config_writer
from callcenter.platform.config import from_table
from callcenter.platform.errors import ConfigError, ServiceError, ValidationError
from callcenter.platform.secrets import (
    SecretStore,
    SecretsUnavailable,
    database_key,
    sip_key,
    split_password,
)
from ui.common.collation import sorted_names
from ui.common.form import (
    FieldErrors,
    buddy,
    button_row,
    save_and_cancel,
    select_data,
)
from ui.common.i18n import translate
from ui.platform.regions import english_name, region_name

__all__ = ["SettingsDialog", "region_choices"]

# The config value -> its words in the list (shown translated in the "SettingsDialog" context).
TRANSPORTS = (
    ("udp", "UDP"),
    ("tcp", "TCP"),
    ("tls", QT_TRANSLATE_NOOP("SettingsDialog", "TLS (encrypted signalling)")),
)
NOTICE_COLOUR = "#8a4b00"
REFRESH_PAUSE_MS = 400
_REGISTRAR = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*)(?::(\d{1,5}))?")


def region_choices() -> list[tuple[str, str]]:
    """Every region the number parser knows, as (code, its name), sorted as the reader sorts.

    The name is in the interface's language; an English name has the code after it ("France
    (FR)"), the shorthand English readers type too (a code typed is accepted in any language).
    """
    choices = []
    for code in phonenumbers.SUPPORTED_REGIONS:
        name = region_name(code)
        choices.append((code, f"{name} ({code})" if name == english_name(code) else name))
    return sorted_names(choices, key=lambda choice: choice[1])


class PasswordField(QWidget):
    """A password box, what the keyring holds for the account, and a button to forget it.

    ``key`` gives the keyring key of the account as the fields now read (None while the
    account is incomplete). The typed password is never read back into the box.
    """

    def __init__(self, secrets: SecretStore, key: Callable[[], str | None]) -> None:
        super().__init__()
        self._secrets = secrets
        self._key = key
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.status = QLabel()
        self.forget_button = QPushButton(self.tr("&Forget stored password"))
        self.forget_button.setAutoDefault(False)
        self.forget_button.setToolTip(
            self.tr("Remove this account's password from the OS keyring now")
        )
        self.forget_button.clicked.connect(self.forget)
        self.setFocusProxy(self.edit)
        # Asking the keyring on every keystroke of the account would be wasteful; a pause will do.
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(REFRESH_PAUSE_MS)
        self._pause.timeout.connect(self.refresh)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.forget_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.edit)
        column.addLayout(row)

    def watch(self, *fields: QLineEdit) -> None:
        """Refresh once typing in ``fields`` (the account) pauses."""
        for field in fields:
            field.textChanged.connect(self._pause.start)

    def refresh(self) -> None:
        """Say whether a password is kept for the account as the fields now read."""
        self._pause.stop()
        key = self._key()
        self.forget_button.setEnabled(key is not None)
        self.edit.setPlaceholderText(
            self.tr("Leave empty to keep the stored password")
            if self._secrets.usable
            else self.tr("Used for this session only")
        )
        if key is None:
            self.status.setText("")
        elif self._secrets.session_only(key):
            self.status.setText(self.tr("Kept for this session only"))
        elif not self._secrets.usable:
            self.status.setText(self.tr("None kept: the OS keyring is not available"))
        else:
            try:
                stored = self._secrets.get(key) is not None
            except SecretsUnavailable as exc:
                self.status.setText(self.tr("Unknown: {reason}").format(reason=exc.reason))
                return
            self.status.setText(
                self.tr("Stored in the OS keyring") if stored else self.tr("None stored")
            )

    def forget(self) -> None:
        key = self._key()
        if key is None:
            return
        try:
            forgotten = self._secrets.forget(key)
        except SecretsUnavailable as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(
            self.tr("Stored password forgotten") if forgotten else self.tr("None was stored")
        )

    def take(self) -> str | None:
        """The typed password (None if none), emptying the box."""
        password = self.edit.text()
        self.edit.clear()
        return password or None


class SettingsDialog(QDialog):
    """Edit the config file at ``config_path`` and the passwords it refers to.

    Errors appear under the field they name (a ``ConfigError`` message starts with its key,
    e.g. ``default_region: ...``) and nothing is written until every field is valid.

    Signals:
        saved(object): the new ``callcenter.platform.config.Config`` once the file is written
            and the passwords are kept; emitted on the GUI thread.
    """

    saved = Signal(object)

    def __init__(
        self,
        config_path: Path,
        secrets: SecretStore,
        *,
        audio_devices: list[str] | None = None,
        input_devices: list[str] | None = None,
        audio_problem: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``audio_problem``: what is wrong with the sound in words (shown on the Audio tab)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._path = config_path
        self._secrets = secrets
        self._fields: dict[str, QWidget] = {}
        self._build(audio_devices or [], input_devices or [], audio_problem)
        self._load()

    # Layout -------------------------------------------------------------------------------

    def _build(self, outputs: list[str], inputs: list[str], audio_problem: str | None) -> None:
        self.setMinimumSize(560, 440)
        self.resize(680, 500)
        self.general_error = QLabel()
        self.errors = FieldErrors(self.general_error)
        self.keyring_notice = QLabel()
        self.keyring_notice.setWordWrap(True)
        palette = self.keyring_notice.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(NOTICE_COLOUR))
        self.keyring_notice.setPalette(palette)
        self.keyring_notice.hide()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._sip_tab(), self.tr("SIP &account"))
        self.tabs.addTab(self._audio_tab(outputs, inputs, audio_problem), self.tr("Au&dio"))
        self.tabs.addTab(self._desk_tab(), self.tr("D&esk"))
        self.tabs.addTab(self._database_tab(), self.tr("Shared data&base"))
        self.save_button, self.cancel_button = save_and_cancel(self, self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring_notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(button_row(self.save_button, self.cancel_button))

    def _row(self, form: QFormLayout, text: str, widget: QWidget, title: str, name: str) -> None:
        """A labelled field whose errors (for config key ``name``) show beneath it."""
        form.addRow(buddy(text, widget), self.errors.wrap(widget, title, name))
        self._fields[name] = widget

    def _sip_tab(self) -> QWidget:
        page, form = _form()
        self.registrar = QLineEdit()
        self.registrar.setPlaceholderText(self.tr("pbx.example.com:5060"))
        self.username = QLineEdit()
        self.domain = QLineEdit()
        self.domain.setPlaceholderText(self.tr("The registrar's host when empty"))
        self.transport = QComboBox()
        for value, text in TRANSPORTS:
            self.transport.addItem(translate("SettingsDialog", text), value)
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(self.tr("The name callers and colleagues see"))
        self.sip_password = PasswordField(self._secrets, self._sip_key)
        self._row(
            form, self.tr("&Registrar:"), self.registrar, self.tr("Registrar"), "sip.registrar"
        )
        self._row(form, self.tr("&Username:"), self.username, self.tr("Username"), "sip.username")
        self._row(form, self.tr("Do&main:"), self.domain, self.tr("Domain"), "sip.domain")
        self._row(
            form, self.tr("&Transport:"), self.transport, self.tr("Transport"), "sip.transport"
        )
        self._row(
            form,
            self.tr("Display &name:"),
            self.display_name,
            self.tr("Display name"),
            "sip.display_name",
        )
        self._row(
            form, self.tr("&Password:"), self.sip_password, self.tr("Password"), "sip_password"
        )
        self.sip_password.watch(self.registrar, self.username)
        return page

    def _audio_tab(
        self, outputs: list[str], inputs: list[str], audio_problem: str | None
    ) -> QWidget:
        page, form = _form()
        self.output_device = _device_combo(outputs)
        self.input_device = _device_combo(inputs)
        self.ring_device = _device_combo(outputs)
        self.ring_device.setToolTip(self.tr("Where the ring tone plays, e.g. the PC's speakers"))
        self._row(
            form, self.tr("&Output (calls):"), self.output_device, self.tr("Output"), "audio.output"
        )
        self._row(
            form,
            self.tr("&Input (microphone):"),
            self.input_device,
            self.tr("Input"),
            "audio.input",
        )
        self._row(
            form, self.tr("&Ring on:"), self.ring_device, self.tr("Ring device"), "audio.ring"
        )
        self.audio_problem = QLabel(audio_problem or "")
        self.audio_problem.setObjectName("audioProblem")
        self.audio_problem.setWordWrap(True)
        self.audio_problem.setVisible(bool(audio_problem))
        form.addRow(self.audio_problem)
        return page

    def _desk_tab(self) -> QWidget:
        page, form = _form()
        self.region = QComboBox()
        self.region.setEditable(True)
        self.region.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code, text in region_choices():
            self.region.addItem(text, code)
        completer = QCompleter(self.region.model(), self.region)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.region.setCompleter(completer)
        self.region.setToolTip(
            self.tr("How numbers without a country code are read; type a name or an ISO code")
        )
        self.wrap_up = QSpinBox()
        self.wrap_up.setRange(0, 3600)
        self.wrap_up.setSuffix(self.tr(" s"))
        self.wrap_up.setMaximumWidth(self.wrap_up.fontMetrics().horizontalAdvance("0" * 16))
        self.wrap_up.setToolTip(self.tr("Time after each call to finish the log; 0 for none"))
        self._row(
            form,
            self.tr("Default &region:"),
            self.region,
            self.tr("Default region"),
            "default_region",
        )
        self._row(
            form,
            self.tr("&Wrap-up time:"),
            self.wrap_up,
            self.tr("Wrap-up time"),
            "wrap_up_seconds",
        )
        self.language = QComboBox()
        # Each language in its own words, so whoever reads the other can find theirs.
        self.language.addItem(self.tr("Follow the system"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setToolTip(
            self.tr("The language of the desk's windows; it changes as soon as you save")
        )
        self._row(form, self.tr("&Language:"), self.language, self.tr("Language"), "language")
        return page

    def _database_tab(self) -> QWidget:
        page, form = _form()
        self.database_url = QLineEdit()
        self.database_url.setPlaceholderText(self.tr("Empty: a SQLite file beside the config"))
        self.database_url.setToolTip(
            self.tr("For example {url}, without the password").format(
                url="postgresql+psycopg://ann@db.example.com:5432/callcenter"
            )
        )
        self.database_password = PasswordField(self._secrets, self._database_key)
        self._row(
            form,
            self.tr("Server &URL:"),
            self.database_url,
            self.tr("Server URL"),
            "database.shared_url",
        )
        self._row(
            form,
            self.tr("Pass&word:"),
            self.database_password,
            self.tr("Password"),
            "database_password",
        )
        hint = QLabel(
            self.tr(
                "Leave the URL empty to work on this computer alone. For a shared PostgreSQL "
                "server, sign in as your own database role; the password is kept in the OS "
                "keyring, never in the file."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.database_password.watch(self.database_url)
        return page

    # Loading ------------------------------------------------------------------------------

    def _load(self) -> None:
        """Show the file as written (unset keys stay unset), then any error it already has."""
        try:
            table = config_writer.read_table(self._path)
        except ConfigError as exc:
            self.errors.show(
                ConfigError(
                    self.tr("{error}. Fix or remove the file, then open Settings.").format(
                        error=exc
                    )
                )
            )
            self.save_button.setEnabled(False)
            table = {}
        sip = _table(table, "sip")
        self.registrar.setText(_text(sip, "registrar"))
        self.username.setText(_text(sip, "username"))
        self.domain.setText(_text(sip, "domain"))
        transport = _text(sip, "transport") or "udp"
        if not select_data(self.transport, transport.lower()):
            self.transport.addItem(
                self.tr("{transport} (not supported)").format(transport=transport), transport
            )
            self.transport.setCurrentIndex(self.transport.count() - 1)
        self.display_name.setText(_text(sip, "display_name"))
        audio = _table(table, "audio")
        for combo, key in (
            (self.output_device, "output"),
            (self.input_device, "input"),
            (self.ring_device, "ring"),
        ):
            _select_device(combo, _text(audio, key) or None)
        defaults = from_table({}, self._path)
        region = _text(table, "default_region") or defaults.default_region
        if not select_data(self.region, region.upper()):
            self.region.setEditText(region)
        select_data(self.language, _text(table, "language") or defaults.language)
        wrap_up = table.get("wrap_up_seconds", defaults.wrap_up_seconds)
        self.wrap_up.setValue(wrap_up if isinstance(wrap_up, int) else defaults.wrap_up_seconds)
        url, password = split_password(_text(_table(table, "database"), "shared_url"))
        self.database_url.setText(url)
        if password is not None:
            self.database_password.edit.setText(password)
        self._show_keyring_state()
        self.sip_password.refresh()
        self.database_password.refresh()
        valid = self.save_button.isEnabled() and self._check(
            config_writer.merged(table, {"database": {"shared_url": url or None}})
        )
        if password is not None and valid:
            self._show(
                ValidationError(
                    "database.shared_url",
                    self.tr(
                        "held a password in the file; it was moved to the Password field and "
                        "is kept out of the file when you save"
                    ),
                )
            )

    def _check(self, table: dict[str, Any]) -> bool:
        """Show the first error ``table`` has, as Save would; True when it has none."""
        try:
            from_table(table, self._path)
        except ConfigError as exc:
            self._show(exc)
            return False
        return True

    def _show_keyring_state(self, saved: bool = False) -> None:
        """Whether passwords can be kept; ``saved``: the settings were just written."""
        reason = self._secrets.unavailable_reason
        if reason is None:
            self.keyring_notice.hide()
            return
        if saved:
            notice = self.tr(
                "Settings saved. Passwords cannot be kept in the OS keyring: {reason}. A "
                "password typed here is used for this session only: it is never written to a "
                "file, and the desk asks for it again next time."
            )
        else:
            notice = self.tr(
                "Passwords cannot be kept in the OS keyring: {reason}. A password typed here is "
                "used for this session only: it is never written to a file, and the desk asks "
                "for it again next time."
            )
        self.keyring_notice.setText(notice.format(reason=reason))
        self.keyring_notice.show()

    # Saving -------------------------------------------------------------------------------

    def _sip_key(self) -> str | None:
        username, registrar = self.username.text().strip(), self.registrar.text().strip()
        return sip_key(username, registrar) if username and registrar else None

    def _database_key(self) -> str | None:
        url = self.database_url.text().strip()
        return database_key(url) if url and not url.startswith("sqlite") else None

    def _updates(self) -> dict[str, Any]:
        """The fields as config keys; an empty optional field removes its key."""
        return {
            "default_region": self._region(),
            "wrap_up_seconds": self._wrap_up(),
            # Following the system is the default: no key says it.
            "language": None
            if self.language.currentData() == "system"
            else self.language.currentData(),
            "sip": {
                "registrar": self.registrar.text().strip() or None,
                "username": self.username.text().strip() or None,
                "domain": self.domain.text().strip() or None,
                "transport": self.transport.currentData(),
                "display_name": self.display_name.text().strip() or None,
            },
            "audio": {
                "output": self.output_device.currentData(),
                "input": self.input_device.currentData(),
                "ring": self.ring_device.currentData(),
            },
            "database": {"shared_url": self.database_url.text().strip() or None},
        }

    def _region(self) -> str:
        """The chosen region's code; typed text is matched by list entry, name or code."""
        text = self.region.currentText().strip()
        index = self.region.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.region.itemData(index))
        wanted = text.casefold()
        for i in range(self.region.count()):
            code = str(self.region.itemData(i))
            # The name as listed, or the English one (typed in any interface language).
            names = (self.region.itemText(i).rsplit(" (", 1)[0], english_name(code))
            if wanted in (name.casefold() for name in names):
                return code
        return text.upper()

    def _wrap_up(self) -> int | str:
        """The seconds; text the spin box cannot accept (emptied) goes on for from_table to
        refuse, so the message is the file's own."""
        if self.wrap_up.hasAcceptableInput():
            return self.wrap_up.value()
        return self.wrap_up.cleanText()

    def _check_before_writing(self) -> None:
        """What ``from_table`` cannot know: the registrar's form and where passwords go."""
        registrar = self.registrar.text().strip()
        match = _REGISTRAR.fullmatch(registrar)
        port = match.group(2) if match else None
        if registrar and (match is None or (port is not None and not 0 < int(port) < 65536)):
            raise ValidationError(
                "sip.registrar",
                self.tr("must be host or host:port, such as {example}").format(
                    example="pbx.example.com:5060"
                ),
            )
        if split_password(self.database_url.text().strip())[1] is not None:
            raise ValidationError(
                "database.shared_url",
                self.tr(
                    "must not contain a password; type it in the Password field below, "
                    "which keeps it in the OS keyring"
                ),
            )
        if self.sip_password.edit.text() and self._sip_key() is None:
            raise ValidationError(
                "sip_password",
                self.tr("is kept under the account's username and registrar; enter both"),
            )
        if self.database_password.edit.text() and self._database_key() is None:
            raise ValidationError(
                "database_password",
                self.tr("is only used with a database server URL (PostgreSQL)"),
            )

    def _save(self) -> None:
        self.errors.clear()
        try:
            self._check_before_writing()
            config = config_writer.save(self._path, self._updates())
        except ServiceError as exc:
            self._show(exc)
            return
        except OSError as exc:
            self._show(
                ConfigError(
                    self.tr("{path}: cannot be written: {reason}").format(
                        path=self._path, reason=exc.strerror
                    )
                )
            )
            return
        kept_here = [
            self._keep(field.take(), key)
            for field, key in (
                (self.sip_password, self._sip_key()),
                (self.database_password, self._database_key()),
            )
        ]
        self.saved.emit(config)
        if all(kept_here):
            self.accept()
            return
        # The keyring failed just now (e.g. locked): say so before the dialog goes away.
        self._show_keyring_state(saved=True)
        self.sip_password.refresh()
        self.database_password.refresh()
        self.cancel_button.setText(self.tr("Close"))
        self.save_button.setFocus()

    def _keep(self, password: str | None, key: str | None) -> bool:
        """Store ``password``; False when the keyring failed unannounced and the password is
        kept for this session instead (the dialog then stays open to say so)."""
        if password is None or key is None:
            return True
        announced = not self.keyring_notice.isHidden()
        try:
            self._secrets.set(key, password)
        except SecretsUnavailable:
            self._secrets.remember_for_session(key, password)
            return announced
        return True

    def _show(self, exc: ServiceError) -> None:
        """Put a ``ConfigError`` ("key: message") on the field of that key, on its tab."""
        if isinstance(exc, ConfigError):
            key, colon, message = str(exc).partition(": ")
            if colon and key in self._fields:
                exc = ValidationError(key, message)
        if isinstance(exc, ValidationError) and exc.field in self._fields:
            page: QWidget | None = self._fields[exc.field]
            while page is not None and self.tabs.indexOf(page) < 0:
                page = page.parentWidget()
            if page is not None:
                self.tabs.setCurrentWidget(page)
        self.errors.show(exc)


def _form() -> tuple[QWidget, QFormLayout]:
    page = QWidget()
    form = QFormLayout(page)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return page, form


def _device_combo(names: list[str]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(QCoreApplication.translate("SettingsDialog", "System default"), None)
    for name in names:
        combo.addItem(name, name)
    return combo


def _select_device(combo: QComboBox, name: str | None) -> None:
    """Select ``name``; one not present now (unplugged) is shown as such, not dropped."""
    if not select_data(combo, name):
        combo.addItem(
            QCoreApplication.translate("SettingsDialog", "{name} (not connected)").format(
                name=name
            ),
            name,
        )
        combo.setCurrentIndex(combo.count() - 1)


def _table(table: dict[str, Any], key: str) -> dict[str, Any]:
    value = table.get(key)
    return value if isinstance(value, dict) else {}


def _text(table: dict[str, Any], key: str) -> str:
    value = table.get(key)
    return value if isinstance(value, str) else ""
