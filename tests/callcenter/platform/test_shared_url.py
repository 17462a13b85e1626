"""The shared store is reached as the configured person, with the password the keyring holds."""

from __future__ import annotations

from pathlib import Path

from callcenter.desk.softphone import sip_settings
from callcenter.platform.config import from_table
from callcenter.platform.secrets import SecretStore, database_key
from callcenter.sync.stores import shared_url
from tests.helpers.keyring_memory import MemoryKeyring, installed

URL = "postgresql+psycopg://ann@db.example.com:5432/callcenter"


def test_the_password_comes_from_the_keyring_and_never_shows(tmp_path: Path) -> None:
    config = from_table({"database": {"shared_url": URL}}, tmp_path / "callcenter.toml")
    with installed(MemoryKeyring()):
        secrets = SecretStore()
        assert shared_url(config, secrets).password is None
        secrets.set(database_key(URL), "s3cret ümlaut")
        url = shared_url(config, secrets)
    assert (url.username, url.password) == ("ann", "s3cret ümlaut")
    assert "s3cret" not in str(url) and "s3cret" not in repr(url)


def test_an_embedded_store_needs_no_password(tmp_path: Path) -> None:
    config = from_table({}, tmp_path / "callcenter.toml")
    with installed(MemoryKeyring()):
        assert shared_url(config, SecretStore()).password is None


def test_the_wait_header_is_configurable(tmp_path: Path) -> None:
    config = from_table({"sip": {"wait_header": "X-Waited"}}, tmp_path / "callcenter.toml")
    assert sip_settings(config).wait_header == "X-Waited"
