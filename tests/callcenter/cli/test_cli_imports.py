"""Building the command line's parser loads no command's implementation: ``callcenter --help``
and every command start without the database, Qt, the phone or the replicator, and each
command imports its own handler only when it runs."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from callcenter.cli import build_parser
from callcenter.cli.handler import Handler
from callcenter.cli.options import STORES
from callcenter.sync.stores import LOCAL, SHARED

#: What no parser may load: each is the work of some command (or of the desktop), not of
#: reading the command line.
HEAVY = ("sqlalchemy", "psycopg", "PySide6", "shiboken6", "pjsua2", "alembic", "keyring")

#: Loaded by the parser on purpose: the stored vocabulary (plain enums) gives the choices of
#: --role, --value-tier and --lifecycle-stage.
ALLOWED_DB = {"db", "db.enums"}

LOADED = """
import json, sys
from callcenter.cli import build_parser
parser = build_parser()
parser.parse_args(sys.argv[1:])
print(json.dumps(sorted(sys.modules)))
"""


def _loaded_by_parsing(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args], capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(done.stdout)
    return loaded


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("lookup", "020 7946 0958"),
        ("sync", "status"),
        ("desktop",),
        ("admin", "set-role", "x", "--role", "agent"),
    ],
)
def test_building_and_using_the_parser_loads_nothing_heavy(args: tuple[str, ...]) -> None:
    loaded = _loaded_by_parsing(*args)
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY]
    assert not heavy, heavy
    database = [m for m in loaded if m.split(".")[0] == "db" and m not in ALLOWED_DB]
    assert not database, database
    handlers = [m for m in loaded if m.startswith("callcenter.cli.") and m.endswith("_run")]
    assert not handlers, handlers
    assert "callcenter.cli.common" not in loaded
    assert "ui.app" not in loaded


def _commands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parsers that run something: those with no sub-commands of their own."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [parser]
    return [leaf for action in subs for sub in action.choices.values() for leaf in _commands(sub)]


def test_every_command_runs_a_handler_that_exists() -> None:
    commands = _commands(build_parser())
    assert len(commands) >= 13
    for command in commands:
        func = command.get_default("func")
        assert callable(func), command.prog
        if isinstance(func, Handler):
            assert callable(func.load()), func.target
    core = [c for c in commands if c.prog.split()[1] not in {"desktop", "demo"}]
    assert all(isinstance(c.get_default("func"), Handler) for c in core)


def test_a_handler_is_named_module_colon_function() -> None:
    with pytest.raises(ValueError, match="module:function"):
        Handler("callcenter.cli.sync_run.run_now")


def test_the_store_option_offers_the_stores_by_their_names() -> None:
    assert (SHARED, LOCAL) == STORES
