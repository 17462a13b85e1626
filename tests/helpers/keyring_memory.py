"""An in-memory keyring backend: the OS keyring's behaviour without a desktop session.

The one fake in the secrets tests; the real Secret Service is exercised once, in a child
process under ``dbus-run-session``. ``locked`` makes every call fail as a locked collection
does, so the store's words for that case can be checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
import keyring.errors


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Passwords in a dict keyed by (service, username)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's own is untyped
        self.passwords: dict[tuple[str, str], str] = {}
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        self._check_unlocked()
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check_unlocked()
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check_unlocked()
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(f"no password for {username}")

    def _check_unlocked(self) -> None:
        if self.locked:
            raise keyring.errors.KeyringLocked("the collection is locked")


@contextmanager
def installed(backend: keyring.backend.KeyringBackend) -> Iterator[None]:
    """Make ``backend`` the process's keyring for the block, then put the previous one back."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield
    finally:
        keyring.set_keyring(previous)
