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


def test_the_phone_listens_where_the_registrar_is_reached(tmp_path: Path) -> None:
    """By default the address this machine reaches the registrar from, not every interface."""
    config = from_table(
        {"sip": {"registrar": "127.0.0.1:5080", "username": "1001"}}, tmp_path / "c.toml"
    )
    settings = sip_settings(config)
    assert (settings.bind_address, settings.local_port) == ("127.0.0.1", 0)
    assert (settings.invite_rate_per_second, settings.invite_burst) == (10.0, 20)


def test_bind_address_port_and_flood_limits_are_settings(tmp_path: Path) -> None:
    config = from_table(
        {
            "sip": {
                "registrar": "127.0.0.1",
                "username": "1001",
                "bind_address": "127.0.0.1",
                "local_port": 5072,
                "invite_rate_per_second": 5,
                "invite_burst": 8,
            }
        },
        tmp_path / "c.toml",
    )
    settings = sip_settings(config)
    assert (settings.bind_address, settings.local_port) == ("127.0.0.1", 5072)
    assert (settings.invite_rate_per_second, settings.invite_burst) == (5.0, 8)


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("bind_address", "desk.example.com", "is not an IP address"),
        ("local_port", 70000, "from 0 to 65535"),
        ("local_port", "5060", "whole number"),
        ("invite_burst", 0, "from 1 to 1000"),
    ],
)
def test_bad_listening_settings_are_named(
    tmp_path: Path, key: str, value: object, words: str
) -> None:
    with pytest.raises(ConfigError, match=words) as err:
        from_table({"sip": {"registrar": "pbx", "username": "1", key: value}}, tmp_path / "c.toml")
    assert f"sip.{key}" in str(err.value)
