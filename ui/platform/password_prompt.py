"""Asking for a password once: from the OS keyring if it has it, else from the agent."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from callcenter.platform.config import Config
from callcenter.platform.secrets import (
    SecretStore,
    SecretsUnavailable,
    database_key,
    sip_key,
    split_password,
)


def sip_password(config: Config, secrets: SecretStore) -> str | None:
    """The SIP password, or None when the agent declines (the desk then stays unregistered)."""
    key = sip_key(config.sip.username, config.sip.registrar)
    question = f"Password for {config.sip.username} at {config.sip.registrar}:"
    return _ask(secrets, key, "SIP password", question)


def database_password(config: Config, secrets: SecretStore) -> str | None:
    """The person's own database password for the shared store (their database role), or
    None when declined (a server that trusts the desk's address needs none)."""
    url = split_password(config.shared_database_url)[0]
    question = f"Your database password for {url}:"
    return _ask(secrets, database_key(config.shared_database_url), "Database password", question)


def _ask(secrets: SecretStore, key: str, title: str, question: str) -> str | None:
    try:
        stored = secrets.get(key)
    except SecretsUnavailable:
        stored = None
    if stored:
        return stored
    password, ok = QInputDialog.getText(None, title, question, QLineEdit.EchoMode.Password)
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
