"""The layering contracts: ui -> callcenter -> (db, telephony), the capability layers inside
each, and no Qt below ui/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


#: Imports the contracts must refuse: (module to add it to, the import, the package importing,
#: the package it may not use).
REVERSED = [
    ("callcenter/platform/errors.py", "from callcenter.desk import desk", "platform", "desk"),
    ("callcenter/crm/phones.py", "from callcenter.work import sla", "crm", "work"),
    (
        "callcenter/desk/softphone.py",
        "from callcenter.supervision import boards",
        "desk",
        "supervision",
    ),
    ("callcenter/sync/stores.py", "from callcenter.desk import screenpop", "sync", "desk"),
    ("ui/desk/menus.py", "from ui.supervisor import window", "desk", "supervisor"),
    ("ui/common/formatting.py", "from ui.desk import calls", "common", "desk"),
]


def _copy_of_the_tree(tmp_path: Path) -> Path:
    for package in ("callcenter", "ui", "db", "telephony"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=tree, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("module", "line", "importer", "imported"), REVERSED, ids=[r[1] for r in REVERSED]
)
def test_a_reversed_import_breaks_a_contract(
    tmp_path: Path, module: str, line: str, importer: str, imported: str
) -> None:
    """Each contract has teeth: a copy of the tree with one import the wrong way fails."""
    tree = _copy_of_the_tree(tmp_path)
    root = module.split("/", maxsplit=1)[0]
    with (tree / module).open("a") as source:
        source.write(f"\n{line}\n")
    result = _lint_imports(tree)
    assert result.returncode != 0, result.stdout
    assert f"{root}.{importer} is not allowed to import {root}.{imported}" in result.stdout


def test_a_package_without_a_layer_is_refused(tmp_path: Path) -> None:
    """The contracts are exhaustive: a new capability must be given its place first."""
    tree = _copy_of_the_tree(tmp_path)
    (tree / "callcenter" / "reports").mkdir()
    (tree / "callcenter" / "reports" / "__init__.py").write_text("")
    result = _lint_imports(tree)
    assert result.returncode != 0, result.stdout
    assert "not listed as layers" in result.stdout
    assert "callcenter.reports" in result.stdout
