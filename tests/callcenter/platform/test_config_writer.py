"""The config writer: TOML that ``tomllib`` reads back as written, validated, secret-free,
and replaced atomically so a failed save leaves the old file as it was."""

from __future__ import annotations

import datetime as dt
import math
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

from callcenter.platform import config_writer
from callcenter.platform.config import from_table, load
from callcenter.platform.errors import ConfigError

FULL: dict[str, Any] = {
    "default_region": "DE",
    "wrap_up_seconds": 45,
    "agent_username": "ann",
    "event_log": "events.jsonl",
    "database": {
        "shared_url": "postgresql+psycopg://ann@db.example:5432/callcenter",
        "local_store_dir": "local",
    },
    "sip": {
        "registrar": "pbx.example:5061",
        "username": "ann",
        "domain": "example.com",
        "transport": "tls",
        "display_name": 'Ann "Support" O\'Neil',
        "trusted_proxies": ["10.0.0.1", "10.0.0.2:5060"],
        "queue_header": "X-Queue",
    },
    "shortcuts": {"answer": "Ctrl+Shift+A", "hang_up": "Ctrl+Shift+H"},
}


def test_a_full_config_round_trips_through_tomllib_and_from_table(tmp_path: Path) -> None:
    path = tmp_path / "callcenter.toml"
    written = config_writer.write_table(path, FULL)
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    assert table == FULL
    assert load(path) == written == from_table(FULL, path)
    assert written.sip.display_name == 'Ann "Support" O\'Neil'
    assert written.shortcuts == (("answer", "Ctrl+Shift+A"), ("hang_up", "Ctrl+Shift+H"))


@pytest.mark.parametrize(
    "text",
    [
        'quote " and backslash \\ and C:\\path\\to',
        "tab\tnewline\ncarriage\rformfeed\fbackspace\b",
        "bell\x07 escape\x1b delete\x7f nul\x00",
        "王小明 — Zoë, naïve, emoji 📞",
        "'''triple''' and \"\"\"quotes\"\"\"",
        "",
    ],
)
def test_strings_are_escaped_so_they_read_back_unchanged(text: str) -> None:
    table = {"sip": {"display_name": text}, "key with spaces": text, "ключ": text}
    assert tomllib.loads(config_writer.dumps(table)) == table


def test_every_value_tomllib_returns_is_written_back() -> None:
    """Keys the desk does not know may hold any TOML value; a save must not lose them."""
    table: dict[str, Any] = {
        "flag": True,
        "off": False,
        "count": -7,
        "ratio": 0.25,
        "huge": 1e300,
        "forever": float("inf"),
        "when": dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC),
        "local_when": dt.datetime(2026, 11, 25, 10, 30, 5, 120000),
        "day": dt.date(2026, 11, 25),
        "at": dt.time(8, 15),
        "empty_list": [],
        "nested_list": [[1, 2], ["a"]],
        "servers": [{"host": "a", "port": 1}, {}],
        "inline": {"a": {"b": {}}},
        "empty_table": {},
    }
    assert tomllib.loads(config_writer.dumps(table)) == table


def test_nan_is_written_as_toml_nan() -> None:
    assert math.isnan(tomllib.loads(config_writer.dumps({"x": float("nan")}))["x"])


def test_plain_keys_come_before_sub_tables() -> None:
    """A key written after ``[sip]`` would land in the sip table; order keeps it at the top."""
    text = config_writer.dumps({"sip": {"username": "ann"}, "default_region": "GB"})
    assert text.index("default_region") < text.index("[sip]")
    assert tomllib.loads(text) == {"sip": {"username": "ann"}, "default_region": "GB"}


def test_save_keeps_keys_it_does_not_know(tmp_path: Path) -> None:
    path = tmp_path / "callcenter.toml"
    path.write_text(
        "# hand written\n"
        'default_region = "GB"\n'
        "future_option = [1, 2, 3]\n"
        "[shortcuts]\n"
        'answer = "F5"\n'
        "[sip]\n"
        'username = "ann"\n'
        'registrar = "pbx.example"\n'
        'x_custom = "kept"\n'
        "[plugins.crm]\n"
        'endpoint = "https://crm.example/api"\n'
        "retries = 3\n",
        encoding="utf-8",
    )
    config = config_writer.save(
        path, {"default_region": "FR", "sip": {"transport": "tcp", "registrar": None}}
    )
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    assert table == {
        "default_region": "FR",
        "future_option": [1, 2, 3],
        "shortcuts": {"answer": "F5"},
        "sip": {"username": "ann", "x_custom": "kept", "transport": "tcp"},
        "plugins": {"crm": {"endpoint": "https://crm.example/api", "retries": 3}},
    }
    assert config.default_region == "FR"
    assert config.sip.registrar == ""
    assert config.shortcuts == (("answer", "F5"),)


def test_a_table_emptied_by_removals_is_dropped() -> None:
    base = {"audio": {"output": "Headset"}, "sip": {"username": "ann"}}
    assert config_writer.merged(base, {"audio": {"output": None, "input": None}}) == {
        "sip": {"username": "ann"}
    }
    assert config_writer.merged({}, {"audio": {"output": None}}) == {}
    assert config_writer.merged({}, {"shortcuts": {}}) == {"shortcuts": {}}
    assert config_writer.merged(base, {"audio": {"ring": "Speakers"}})["audio"] == {
        "output": "Headset",
        "ring": "Speakers",
    }


def test_save_creates_the_file_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "callcenter.toml"
    config = config_writer.save(path, {"wrap_up_seconds": 0})
    assert config.wrap_up_seconds == 0
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"wrap_up_seconds": 0}


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ({"sip": {"password": "hunter2"}}, "sip.password"),
        ({"database": {"Passwd": "hunter2"}}, "database.Passwd"),
        ({"token": "hunter2"}, "token"),
        ({"plugins": {"crm": {"secret": "hunter2"}}}, "plugins.crm.secret"),
    ],
)
def test_secrets_are_refused_and_nothing_is_written(
    tmp_path: Path, table: dict[str, Any], named: str
) -> None:
    path = tmp_path / "callcenter.toml"
    with pytest.raises(ConfigError, match=rf"^{named}: passwords"):
        config_writer.write_table(path, table)
    assert not path.exists()
    with pytest.raises(ConfigError, match=rf"^{named}: passwords"):
        config_writer.dumps(table)


def test_a_secret_inside_an_array_of_tables_is_refused_too() -> None:
    """``from_table`` does not look inside arrays; the writer itself still refuses."""
    with pytest.raises(ConfigError, match=r"^servers\.token: passwords"):
        config_writer.dumps({"servers": [{"host": "a", "token": "hunter2"}]})


def test_a_database_url_holding_a_password_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "callcenter.toml"
    url = "postgresql+psycopg://ann:hunter2@db.example/callcenter"
    with pytest.raises(ConfigError, match=r"^database\.shared_url: must not contain a password"):
        config_writer.save(path, {"database": {"shared_url": url}})
    assert not path.exists()


@pytest.mark.parametrize(
    ("updates", "key"),
    [
        ({"default_region": "XX"}, "default_region"),
        ({"wrap_up_seconds": 3601}, "wrap_up_seconds"),
        ({"sip": {"transport": "sctp"}}, "sip.transport"),
    ],
)
def test_invalid_values_are_refused_and_the_file_is_left_alone(
    tmp_path: Path, updates: dict[str, Any], key: str
) -> None:
    path = tmp_path / "callcenter.toml"
    path.write_text('default_region = "GB"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{key}: "):
        config_writer.save(path, updates)
    assert path.read_text(encoding="utf-8") == 'default_region = "GB"\n'


def test_a_write_failing_midway_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "callcenter.toml"
    path.write_text('default_region = "GB"\nwrap_up_seconds = 30\n', encoding="utf-8")
    before = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        config_writer.save(path, {"default_region": "FR", "wrap_up_seconds": 60})
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["callcenter.toml"]


def test_the_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "callcenter.toml"
    path.write_text('default_region = "GB"\n', encoding="utf-8")
    path.chmod(0o640)
    config_writer.save(path, {"default_region": "FR"})
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_file_that_is_not_toml_is_reported_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "callcenter.toml"
    path.write_text("default_region = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        config_writer.save(path, {"default_region": "FR"})
    assert path.read_text(encoding="utf-8") == "default_region = \n"
