"""Asking for a password once: from the OS keyring if it has it, else from the agent."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
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
    question = QCoreApplication.translate(
        "PasswordPrompt", "Password for {username} at {registrar}:"
    ).format(username=config.sip.username, registrar=config.sip.registrar)
    title = QCoreApplication.translate("PasswordPrompt", "SIP password")
    return _ask(secrets, key, title, question)


def database_password(config: Config, secrets: SecretStore) -> str | None:
    """The person's own database password for the shared store (their database role), or
    None when declined (a server that trusts the desk's address needs none)."""
    url = split_password(config.shared_database_url)[0]
    question = QCoreApplication.translate(
        "PasswordPrompt", "Your database password for {url}:"
    ).format(url=url)
    title = QCoreApplication.translate("PasswordPrompt", "Database password")
    return _ask(secrets, database_key(config.shared_database_url), title, question)


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
            None,
            QCoreApplication.translate("PasswordPrompt", "Password kept for this session only"),
            QCoreApplication.translate(
                "PasswordPrompt",
                "Passwords cannot be kept in the OS keyring: {reason}. "
                "It will be asked again next time.",
            ).format(reason=exc.reason),
        )
    return password
