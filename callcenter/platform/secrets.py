"""SIP and database passwords in the OS keyring, under the product's service name.

Never in a file: with no usable keyring (no Secret Service on a bare machine, a locked
collection) the store says why in words and can hold a password in memory for this session
only, so the desk asks again next time rather than writing it anywhere. Passwords are never
logged; keys (``sip:ann@pbx.example:5060``, ``db:postgresql://ann@db/cc``) are not secret.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote, urlsplit, urlunsplit

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import keyring.errors

from callcenter.platform.errors import ServiceError

__all__ = [
    "SERVICE",
    "SecretStore",
    "SecretsUnavailable",
    "database_key",
    "sip_key",
    "split_password",
]

SERVICE = "callcenter-desk"
_log = logging.getLogger(__name__)

NO_KEYRING = (
    "no OS keyring is available on this computer (no Secret Service such as GNOME Keyring "
    "or KWallet, macOS Keychain or Windows Credential Locker was found)"
)
NULL_KEYRING = "the keyring is set to the null backend, which stores nothing"
LOCKED = "the OS keyring is locked; unlock it (sign in to the desktop again) and retry"


class SecretsUnavailable(ServiceError):  # noqa: N818 - names the state the desk reports
    """The OS keyring cannot keep a password here; ``reason`` says why in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Passwords cannot be kept in the OS keyring: {reason}.")
        self.reason = reason


def sip_key(username: str, registrar: str) -> str:
    """The keyring key of a SIP account's password: ``sip:<user>@<registrar>``."""
    return f"sip:{username}@{registrar}"


def database_key(url: str) -> str:
    """The keyring key of a database password: ``db:`` and the URL without its password."""
    return f"db:{split_password(url)[0]}"


def split_password(url: str) -> tuple[str, str | None]:
    """``url`` without the password in its user part, and that password (None if none)."""
    parts = urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    if not at or ":" not in userinfo:
        return url, None
    user, _colon, password = userinfo.partition(":")
    netloc = f"{user}@{hostport}" if user else hostport
    return urlunsplit(parts._replace(netloc=netloc)), unquote(password)


class SecretStore:
    """Passwords by key: the OS keyring, or memory for this session when the keyring can't.

    The backend is looked up on each call unless one is given, so a keyring configured after
    start-up (or set by a test) is the one used.
    """

    def __init__(
        self, backend: keyring.backend.KeyringBackend | None = None, service: str = SERVICE
    ) -> None:
        self._backend = backend
        self._service = service
        self._session: dict[str, str] = {}
        self._failure: str | None = None

    @property
    def usable(self) -> bool:
        return self.unavailable_reason is None

    @property
    def unavailable_reason(self) -> str | None:
        """Why the keyring cannot keep passwords, in words; None while it can."""
        backend = self._keyring()
        if isinstance(backend, keyring.backends.fail.Keyring):
            return NO_KEYRING
        if isinstance(backend, keyring.backends.null.Keyring):
            return NULL_KEYRING
        return self._failure

    def get(self, key: str) -> str | None:
        """The password for ``key`` (None when none is stored).

        Raises ``SecretsUnavailable`` when the keyring cannot be read and no password was
        remembered for this session: the caller asks the person for it.
        """
        if key in self._session:
            return self._session[key]
        self._check_backend()
        try:
            password = self._keyring().get_password(self._service, key)
        except keyring.errors.KeyringError as exc:
            raise self._unavailable(exc, key) from exc
        self._failure = None
        return None if password is None else str(password)

    def set(self, key: str, password: str) -> None:
        """Store ``password`` in the OS keyring; ``SecretsUnavailable`` if it cannot."""
        self._check_backend()
        try:
            self._keyring().set_password(self._service, key, password)
        except keyring.errors.KeyringError as exc:
            raise self._unavailable(exc, key) from exc
        self._failure = None
        self._session.pop(key, None)
        _log.info("password for %s stored in the OS keyring", key)

    def remember_for_session(self, key: str, password: str) -> None:
        """Hold ``password`` in this process's memory only; gone when the desk closes."""
        self._session[key] = password
        _log.info("password for %s kept for this session only", key)

    def session_only(self, key: str) -> bool:
        """True when ``key``'s password is held in memory for this session."""
        return key in self._session

    def forget(self, key: str) -> bool:
        """Forget ``key``'s password, in memory and in the keyring; True if one was there.

        An absent keyring holds nothing to forget; one that is locked raises
        ``SecretsUnavailable``, as the stored password would otherwise silently remain.
        """
        forgotten = self._session.pop(key, None) is not None
        backend = self._keyring()
        if isinstance(backend, keyring.backends.fail.Keyring | keyring.backends.null.Keyring):
            return forgotten
        try:
            backend.delete_password(self._service, key)
        except keyring.errors.PasswordDeleteError:
            return forgotten
        except keyring.errors.KeyringError as exc:
            raise self._unavailable(exc, key) from exc
        _log.info("password for %s removed from the OS keyring", key)
        return True

    def _keyring(self) -> keyring.backend.KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def _check_backend(self) -> None:
        reason = self.unavailable_reason
        if reason in (NO_KEYRING, NULL_KEYRING):
            raise SecretsUnavailable(reason)

    def _unavailable(self, exc: keyring.errors.KeyringError, key: str) -> SecretsUnavailable:
        """Words for a keyring failure (the exception text is the backend's, never a value)."""
        if isinstance(exc, keyring.errors.NoKeyringError):
            reason = NO_KEYRING
        elif isinstance(exc, keyring.errors.KeyringLocked):
            reason = LOCKED
        else:
            reason = f"the OS keyring refused ({type(exc).__name__}: {exc})"
        self._failure = reason
        _log.warning("OS keyring unusable for %s: %s", key, reason)
        return SecretsUnavailable(reason)
