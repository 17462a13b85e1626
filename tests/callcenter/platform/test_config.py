"""Configuration: embedded default, validation that names the key, and no passwords."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from callcenter.platform import config
from callcenter.platform.errors import ConfigError


def test_missing_file_is_the_embedded_default(tmp_path: Path) -> None:
    cfg = config.load(tmp_path / "none.toml")
    assert cfg.embedded
    assert cfg.shared_database_url == f"sqlite:///{tmp_path / 'shared.db'}"
    assert cfg.local_store_dir == tmp_path / "local"
    assert (cfg.default_region, cfg.wrap_up_seconds) == ("GB", 30)


def test_env_var_and_full_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cc.toml"
    path.write_text(
        'default_region = "cn"\nwrap_up_seconds = 45\nagent_username = "ann"\n'
        '[database]\nshared_url = "postgresql://ann@db.example/cc"\nlocal_store_dir = "desk"\n'
        '[sip]\nregistrar = "pbx.example"\nusername = "1001"\ntransport = "TLS"\n'
        'trusted_proxies = ["10.0.0.5:5060"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(config.ENV_VAR, str(path))
    cfg = config.load()
    assert not cfg.embedded
    assert cfg.default_region == "CN"
    assert cfg.local_store_dir == tmp_path / "desk"
    assert cfg.sip.transport == "tls"
    assert cfg.sip.trusted_proxies == ("10.0.0.5:5060",)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[sip]\npassword = "hunter2"', "sip.password: passwords do not belong"),
        ('[database]\nPassword = "x"', "database.Password"),
        ('default_region = "XX"', "default_region"),
        ("wrap_up_seconds = -1", "wrap_up_seconds"),
        ("wrap_up_seconds = true", "wrap_up_seconds"),
        ('[sip]\ntransport = "sctp"', "sip.transport"),
        ("[database]\nshared_url = 5", "database.shared_url must be a string"),
        ("this is = not toml =", "not valid TOML"),
        ('[database]\nshared_url = "postgresql://ann:pw@db/cc"', "database.shared_url: must not"),
        ("audio = 3", "[audio] must be a table"),
        ("[sip]\nbusy_response = 603", "sip.busy_response: must be 486"),
        ("[sip]\nbusy_response = true", "sip.busy_response"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "cc.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        config.load(path)


def test_busy_response_480(tmp_path: Path) -> None:
    path = tmp_path / "cc.toml"
    path.write_text("[sip]\nbusy_response = 480\n", encoding="utf-8")
    assert config.load(path).sip.busy_response == 480
