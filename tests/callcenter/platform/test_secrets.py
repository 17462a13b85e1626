"""Passwords in the OS keyring: an in-memory backend for the rules, the real Secret Service once,
and the bare machine's fail keyring for the session-only fallback."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest

from callcenter.platform import config_writer
from callcenter.platform.secrets import (
    SERVICE,
    SecretStore,
    SecretsUnavailable,
    database_key,
    sip_key,
    split_password,
)
from tests.helpers.keyring_memory import MemoryKeyring, installed

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "correct horse ✓ battery"


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    with installed(backend):
        yield backend


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """What a machine without a desktop session gives: the fail keyring."""
    with installed(keyring.backends.fail.Keyring()):
        yield


def test_keys_name_the_account_and_never_hold_the_password() -> None:
    assert sip_key("ann", "pbx.example:5060") == "sip:ann@pbx.example:5060"
    url = "postgresql+psycopg://ann:p%40ss@db.example:5432/callcenter"
    assert database_key(url) == "db:postgresql+psycopg://ann@db.example:5432/callcenter"
    assert split_password(url) == ("postgresql+psycopg://ann@db.example:5432/callcenter", "p@ss")
    assert split_password("postgresql://:pw@db/cc") == ("postgresql://db/cc", "pw")
    assert split_password("postgresql://ann@db/cc") == ("postgresql://ann@db/cc", None)
    assert split_password("sqlite:////tmp/a:b@c.db") == ("sqlite:////tmp/a:b@c.db", None)


def test_set_get_forget(memory: MemoryKeyring, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    store = SecretStore()
    key = sip_key("ann", "pbx.example")
    assert store.usable
    assert store.unavailable_reason is None
    assert store.get(key) is None
    store.set(key, PASSWORD)
    assert memory.passwords == {(SERVICE, key): PASSWORD}
    assert store.get(key) == PASSWORD
    assert not store.session_only(key)
    assert store.forget(key) is True
    assert store.get(key) is None
    assert memory.passwords == {}
    assert store.forget(key) is False
    assert PASSWORD not in caplog.text
    assert key in caplog.text


def test_a_new_store_reads_what_another_stored() -> None:
    """The keyring, not the store object, holds the password: the next start finds it."""
    backend = MemoryKeyring()
    SecretStore(backend).set("db:postgresql://ann@db/cc", PASSWORD)
    assert SecretStore(backend).get("db:postgresql://ann@db/cc") == PASSWORD


def test_no_keyring_is_reported_in_words_and_the_session_keeps_the_password(
    no_keyring: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = SecretStore()
    key = sip_key("ann", "pbx.example")
    assert not store.usable
    assert store.unavailable_reason is not None
    assert "no OS keyring is available" in store.unavailable_reason
    with pytest.raises(SecretsUnavailable, match="no OS keyring is available") as caught:
        store.set(key, PASSWORD)
    assert str(caught.value).startswith("Passwords cannot be kept in the OS keyring: no OS")
    with pytest.raises(SecretsUnavailable):
        store.get(key)
    store.remember_for_session(key, PASSWORD)
    assert store.session_only(key)
    assert store.get(key) == PASSWORD
    assert store.forget(key) is True
    assert not store.session_only(key)
    with pytest.raises(SecretsUnavailable):
        store.get(key)
    assert store.forget(key) is False
    assert PASSWORD not in caplog.text


def test_the_session_fallback_never_touches_disk(
    no_keyring: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is written anywhere: run in an empty home and look for any file at all."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    store = SecretStore()
    store.remember_for_session("sip:ann@pbx", PASSWORD)
    assert store.get("sip:ann@pbx") == PASSWORD
    assert list(tmp_path.rglob("*")) == []


def test_a_locked_keyring_is_reported_and_recovers_once_unlocked(memory: MemoryKeyring) -> None:
    store = SecretStore()
    memory.locked = True
    with pytest.raises(SecretsUnavailable, match="locked"):
        store.set("sip:ann@pbx", PASSWORD)
    assert not store.usable
    assert store.unavailable_reason is not None
    assert "locked" in store.unavailable_reason
    with pytest.raises(SecretsUnavailable, match="locked"):
        store.forget("sip:ann@pbx")
    memory.locked = False
    store.set("sip:ann@pbx", PASSWORD)
    assert store.usable
    assert store.get("sip:ann@pbx") == PASSWORD


def test_a_password_stored_for_real_replaces_the_session_copy(memory: MemoryKeyring) -> None:
    store = SecretStore()
    store.remember_for_session("sip:ann@pbx", "typed earlier")
    store.set("sip:ann@pbx", PASSWORD)
    assert not store.session_only("sip:ann@pbx")
    assert store.get("sip:ann@pbx") == PASSWORD


def test_a_saved_config_never_holds_the_password(memory: MemoryKeyring, tmp_path: Path) -> None:
    """The settings' path end to end without widgets: file for the account, keyring for the
    password, and not a byte of the password in the file."""
    path = tmp_path / "callcenter.toml"
    url = "postgresql+psycopg://ann@db.example/callcenter"
    config = config_writer.save(
        path,
        {
            "sip": {"registrar": "pbx.example:5060", "username": "ann"},
            "database": {"shared_url": url},
        },
    )
    store = SecretStore()
    store.set(sip_key(config.sip.username, config.sip.registrar), PASSWORD)
    store.set(database_key(config.shared_database_url), "db-" + PASSWORD)
    text = path.read_text(encoding="utf-8")
    assert "correct horse" not in text
    assert "ann@pbx.example" not in text  # the key lives in the keyring, not the file
    assert store.get("sip:ann@pbx.example:5060") == PASSWORD
    assert store.get(f"db:{url}") == "db-" + PASSWORD


CHILD = textwrap.dedent(
    """
    import keyring
    from callcenter.platform.secrets import SecretStore

    backend = keyring.get_keyring()
    print(type(backend).__module__ + "." + type(backend).__name__)
    store = SecretStore()
    assert store.usable, store.unavailable_reason
    store.set("sip:ann@pbx.example:5060", "s3cret ✓")
    print(SecretStore().get("sip:ann@pbx.example:5060") == "s3cret ✓")
    print(store.forget("sip:ann@pbx.example:5060"))
    print(SecretStore().get("sip:ann@pbx.example:5060"))
    """
)


def test_the_real_secret_service_stores_and_reads_back(tmp_path: Path) -> None:
    """GNOME Keyring in a private D-Bus session, unlocked with a throw-away password; its
    keyring files go to a temporary home, never the user's."""
    missing = [
        tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(tool)
    ]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (Debian: gnome-keyring dbus dbus-x11)")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS"}
    }
    env |= {
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_RUNTIME_DIR": str(tmp_path / "run"),
        "PYTHONIOENCODING": "utf-8",
    }
    (tmp_path / "run").mkdir(mode=0o700)
    script = (
        "printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        'exec "$0" -c "$1"'
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script, sys.executable, CHILD],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "keyring.backends.SecretService.Keyring",
        "True",
        "True",
        "None",
    ]
