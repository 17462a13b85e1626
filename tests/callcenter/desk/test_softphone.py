"""SIP settings built from the config file's [sip] table."""

from __future__ import annotations

from pathlib import Path

import pytest

from callcenter.desk.softphone import configured, sip_settings
from callcenter.platform.config import from_table
from callcenter.platform.errors import ConfigError


def test_settings_from_config(tmp_path: Path) -> None:
    config = from_table(
        {
            "sip": {
                "registrar": "pbx.example.com:5080",
                "username": "1001",
                "transport": "tcp",
                "trusted_proxies": ["10.0.0.5"],
                "queue_header": "X-Queue-Name",
            }
        },
        tmp_path / "c.toml",
    )
    assert configured(config)
    settings = sip_settings(config)
    assert (settings.registrar_host, settings.registrar_port) == ("pbx.example.com", 5080)
    assert (settings.transport, settings.queue_header) == ("tcp", "X-Queue-Name")
    assert settings.trusted_proxies == ("10.0.0.5",)
    tls = from_table({"sip": {"registrar": "pbx", "username": "u", "transport": "tls"}}, None)
    assert sip_settings(tls).registrar_port == 5061
    assert not configured(from_table({}, None))


def test_bad_registrar(tmp_path: Path) -> None:
    config = from_table({"sip": {"registrar": "pbx:http", "username": "u"}}, None)
    with pytest.raises(ConfigError, match=r"sip\.registrar"):
        sip_settings(config)
