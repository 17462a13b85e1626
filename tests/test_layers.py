"""The layering contract: ui -> callcenter -> (db, telephony), and no Qt below ui/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BLOCK_QT = """
import importlib, pkgutil, sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "ui"):
            raise ImportError(f"{name} imported below ui/")
sys.meta_path.insert(0, Blocker())
for package in ("db", "callcenter", "telephony"):
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if ".migrations." in info.name or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
print("ok")
"""


def test_core_packages_import_without_qt() -> None:
    """Every module of db, callcenter and telephony imports with PySide6 and ui/ unavailable."""
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
