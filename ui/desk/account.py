"""The desk's account: its settings, and signing out (optionally taking the stored passwords
with the person, for a shared computer)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from callcenter.desk.agent_state import AgentState
from callcenter.desk.desk import Desk
from callcenter.platform import config as config_module
from callcenter.platform.config import Config
from callcenter.platform.errors import ValidationError
from callcenter.platform.secrets import SecretStore, SecretsUnavailable, database_key, sip_key
from ui.common import i18n
from ui.desk.calls import Say
from ui.desk.headset import Headset


class Account(QObject):
    """Settings and sign-out for the window's desk (GUI thread)."""

    # The language saved in Settings differs from the one shown: (language, region).
    language_chosen = Signal(str, str)

    def __init__(
        self,
        window: QMainWindow,
        desk: Desk,
        *,
        secrets: SecretStore,
        config_path: Path | None,
        headset: Headset | None,
        say: Say,
    ) -> None:
        super().__init__(window)
        self._window = window
        self.desk = desk
        self.secrets = secrets
        self.config_path = config_path
        self.headset = headset
        self._say = say
        self._language = i18n.setting()

    def open_settings(self) -> None:
        from ui.platform.settings_dialog import SettingsDialog

        assert self.config_path is not None
        outputs, inputs = Headset.output_names(), Headset.input_names()
        dialog = SettingsDialog(
            self.config_path,
            self.secrets,
            audio_devices=outputs,
            input_devices=inputs,
            audio_problem=Headset.problem(outputs, inputs),
            parent=self._window,
        )
        dialog.saved.connect(self._settings_saved)
        dialog.open()

    def _settings_saved(self, config: Config) -> None:
        if config.language != self._language:
            self._language = config.language
            self.language_chosen.emit(config.language, config.default_region)
        if self.headset is not None:
            self.headset.set_output(config.audio.output)
            self.headset.set_input(config.audio.input)
        self._say(
            self.tr(
                "Settings saved; the SIP account, region and database apply from the next start"
            ),
            8000,
        )

    def ask_sign_out(self) -> None:
        """Sign out; on a shared computer the stored passwords can go with the person."""
        box = QMessageBox(self._window)
        box.setWindowTitle(self.tr("Sign out"))
        box.setText(self.tr("Sign out of this desk?"))
        box.setInformativeText(
            self.tr(
                "Forget also removes this desk's stored SIP and database passwords from the OS "
                "keyring; they will be asked for at the next sign-in."
            )
        )
        forget = box.addButton(
            self.tr("Sign out and &forget passwords"), QMessageBox.ButtonRole.AcceptRole
        )
        keep = box.addButton(self.tr("&Sign out"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() in (forget, keep):
            self.sign_out(forget=box.clickedButton() is forget)

    def sign_out(self, *, forget: bool) -> None:
        """Close the desk signed out; with ``forget`` the keyring loses its passwords."""
        if not self._window.close():
            return
        # Mid-call (the close asked first) the state cannot sign out; the desk goes all the same.
        if self.desk.state.status.state != AgentState.OFFLINE:
            with contextlib.suppress(ValidationError):
                self.desk.state.sign_out()
        if forget and self.config_path is not None:
            config = config_module.load(self.config_path)
            keys = [database_key(config.shared_database_url)]
            if config.sip.username:
                keys.append(sip_key(config.sip.username, config.sip.registrar))
            for key in keys:
                try:
                    self.secrets.forget(key)
                except SecretsUnavailable as error:
                    QMessageBox.warning(self._window, self.tr("Sign out"), str(error))
