"""Asking for a password once: from the OS keyring if it has it, else from the agent."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from callcenter.config import Config
from callcenter.secrets import SecretStore, SecretsUnavailable, sip_key


def sip_password(config: Config, secrets: SecretStore) -> str | None:
    """The SIP password, or None when the agent declines (the desk then stays unregistered)."""
    key = sip_key(config.sip.username, config.sip.registrar)
    try:
        stored = secrets.get(key)
    except SecretsUnavailable:
        stored = None
    if stored:
        return stored
    password, ok = QInputDialog.getText(
        None,
        "SIP password",
        f"Password for {config.sip.username} at {config.sip.registrar}:",
        QLineEdit.EchoMode.Password,
    )
    if not ok or not password:
        return None
    try:
        secrets.set(key, password)
    except SecretsUnavailable as exc:
        secrets.remember_for_session(key, password)
        QMessageBox.information(
            None, "Password kept for this session only", f"{exc} It will be asked again next time."
        )
    return password
