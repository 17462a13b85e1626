"""Helpers every sub-command's handler uses: loading config, opening a store, printing JSON.

Imported by the handlers (``*_run`` modules) only, never while the parser is built.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sqlalchemy import Engine

from callcenter.cli.words import _
from callcenter.platform import config as config_module
from callcenter.platform.config import Config
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ConfigError
from callcenter.platform.jsonable import default
from callcenter.sync.stores import open_store
from db import migrate


def load_config(args: argparse.Namespace) -> Config:
    return config_module.load(args.config)


def open_ready_store(config: Config, which: str) -> Engine:
    """Open a store, refusing clearly when its schema is missing or behind."""
    engine = open_store(config, which)
    if not migrate.is_current(engine):
        engine.dispose()
        raise ConfigError(
            _("the {which} store is not at the current schema; run `callcenter db upgrade`").format(
                which=which
            )
        )
    return engine


def context(config: Config, engine: Engine) -> ServiceContext:
    return ServiceContext.for_engine(engine, config.default_region)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, default=default, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
