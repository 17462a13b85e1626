"""The command line as a user runs it: exit codes, human output and --json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from callcenter.cli import main
from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.platform import config
from callcenter.platform.context import ServiceContext
from callcenter.sync.stores import open_store
from db.enums import PhoneKind


@pytest.fixture
def config_path(tmp_path: Path, store_url: str) -> Path:
    """A config whose shared store is the parametrised SQLite file or PostgreSQL database."""
    path = tmp_path / "callcenter.toml"
    path.write_text(f'[database]\nshared_url = "{store_url}"\n', encoding="utf-8")
    return path


def _seed(path: Path) -> None:
    cfg = config.load(path)
    engine = open_store(cfg)
    ctx = ServiceContext.for_engine(engine, "GB")
    shared = (("020 7946 0958", PhoneKind.HOME),)
    customers.create_customer(ctx, NewCustomer(name="Ann Lee", external_id="C-1", phones=shared))
    customers.create_customer(ctx, NewCustomer(name="张伟", external_id="C-2", phones=shared))
    engine.dispose()


def test_upgrade_lookup_and_search(config_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = ["--config", str(config_path)]
    assert main([*conf, "lookup", "020 7946 0958"]) == 1
    assert "callcenter db upgrade" in capsys.readouterr().err
    assert main([*conf, "db", "upgrade"]) == 0
    assert "revision" in capsys.readouterr().out
    _seed(config_path)

    assert main([*conf, "lookup", "+44 (0)20 7946-0958", "--json"]) == 0
    matches = json.loads(capsys.readouterr().out)
    assert {m["external_id"] for m in matches} == {"C-1", "C-2"}
    assert {"customer_id", "external_id", "name", "matched_number"} <= set(matches[0])
    assert {m["matched_number"] for m in matches} == {"+442079460958"}

    assert main([*conf, "lookup", "tel:+442079460958"]) == 0
    out = capsys.readouterr().out
    assert "+44 20 7946 0958: 2 matches" in out
    assert "张伟" in out
    assert main([*conf, "lookup", "0161 496 0000"]) == 1
    assert "unknown caller" in capsys.readouterr().out
    assert main([*conf, "lookup", "anonymous"]) == 1
    assert main([*conf, "lookup", "0207", "--region", "ZZ"]) == 1
    assert "--region" in capsys.readouterr().err

    assert main([*conf, "search", "伟", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["title"] == "张伟"
    assert main([*conf, "search", "0207 946"]) == 0
    assert "Ann Lee" in capsys.readouterr().out


def test_help_and_module_entry() -> None:
    for args in (
        ["--help"],
        ["lookup", "--help"],
        ["search", "--help"],
        ["db", "upgrade", "--help"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "callcenter", *args], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "usage: callcenter" in result.stdout


def test_sync_now_and_status(config_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = ["--config", str(config_path)]
    assert main([*conf, "db", "upgrade"]) == 0
    _seed(config_path)
    assert main([*conf, "sync", "status"]) == 0
    assert "not contacted yet" in capsys.readouterr().out
    assert main([*conf, "sync", "now"]) == 0
    out = capsys.readouterr().out
    assert "first sync:" in out and "100%" in out
    assert "shared database: online" in out
    assert main([*conf, "sync", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["online"] is True
    assert status["waiting"] == 0 and status["initial_done"] is True
    assert main([*conf, "--config", str(config_path), "lookup", "020 7946 0958"]) == 0


def test_sync_now_says_why_when_the_shared_database_is_unreachable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "callcenter.toml"
    path.write_text(
        '[database]\nshared_url = "postgresql+psycopg://nobody@127.0.0.1:9/none"\n'
        "[sync]\ntimeout_seconds = 2\n",
        encoding="utf-8",
    )
    assert main(["--config", str(path), "sync", "now"]) == 1
    out = capsys.readouterr().out
    assert "shared database: offline" in out
    assert "last error: shared database refused the connection" in out


def test_a_national_number_with_no_region_to_read_it_in_says_so(
    config_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The config names no default region and the number no country: it needs one or the
    other, which is not the same as a withheld or invalid number."""
    conf = ["--config", str(config_path)]
    assert main([*conf, "db", "upgrade"]) == 0
    capsys.readouterr()
    assert main([*conf, "lookup", "18936644814"]) == 1
    out = capsys.readouterr().out
    assert "'18936644814' needs a region" in out
    assert "GB (the default region)" in out and "country code" in out
    assert "withheld" not in out
    assert main([*conf, "lookup", "18936644814", "--region", "gb"]) == 1
    assert "as a number in GB, and" in capsys.readouterr().out
    assert main([*conf, "lookup", "18936644814", "--region", "CN"]) == 1
    assert "+86 189 3664 4814: unknown caller" in capsys.readouterr().out
    assert main([*conf, "lookup", "+86 189 3664 4814"]) == 1
    assert "+86 189 3664 4814: unknown caller" in capsys.readouterr().out
    for hopeless in ("anonymous", "+1 2", "tel:+999"):
        assert main([*conf, "lookup", hopeless]) == 1
        assert "is not a phone number (withheld or invalid)" in capsys.readouterr().out
