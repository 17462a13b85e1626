"""A sub-command's function named by where it lives, imported only when the command runs.

Building the parser (``callcenter --help``, or any command) then loads no command's
implementation: what ``callcenter lookup`` needs (SQLAlchemy, the models, phonenumbers) is
imported when ``lookup`` runs, not when ``sync`` or ``--help`` does.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class Handler:
    """``module:function``, called with the parsed arguments; it returns the exit status."""

    target: str

    def __post_init__(self) -> None:
        if ":" not in self.target:
            raise ValueError(f"not module:function: {self.target!r}")

    def load(self) -> Callable[[argparse.Namespace], Any]:
        module, _, name = self.target.partition(":")
        function: Callable[[argparse.Namespace], Any] = getattr(import_module(module), name)
        return function

    def __call__(self, args: argparse.Namespace) -> int:
        return int(self.load()(args))
