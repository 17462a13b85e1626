"""Building the Qt Linguist catalogues: which sources feed which catalogue, and the tools.

One catalogue per part of the desktop (each ``ui/`` package, and ``app`` for the modules at
its top), so people translating or adding strings in different parts never edit the same file.
``python -m resources.catalogues update`` runs ``pyside6-lupdate`` over each part's sources
(new strings are added unfinished, translations kept, dropped strings removed);
``release`` builds the ``.qm`` files the desktop loads; either takes part names to do only
those. The suite checks that both are current.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from resources import TRANSLATIONS

ROOT = TRANSLATIONS.parents[1]
UI = ROOT / "ui"
#: The languages with a catalogue (the source strings are English).
TARGETS = ("zh_CN",)


def parts() -> dict[str, list[Path]]:
    """Catalogue name -> the Python sources whose strings it holds."""
    found = {"app": sorted(UI.glob("*.py"))}
    for package in sorted(p for p in UI.iterdir() if (p / "__init__.py").exists()):
        found[package.name] = sorted(package.rglob("*.py"))
    return found


def catalogue(part: str, language: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"{part}_{language}.ts"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def update(folder: Path = TRANSLATIONS, only: list[str] | None = None) -> None:
    """lupdate the catalogues (of the parts ``only`` names, else all)."""
    folder.mkdir(parents=True, exist_ok=True)
    for part, sources in parts().items():
        if only and part not in only:
            continue
        for language in TARGETS:
            subprocess.run(
                [
                    _tool("pyside6-lupdate"),
                    *map(str, sources),
                    "-ts",
                    str(catalogue(part, language, folder)),
                    "-target-language",
                    language,
                    "-source-language",
                    "en",
                    "-locations",
                    "none",
                    "-no-obsolete",
                    "-silent",
                ],
                check=True,
            )


def release(
    folder: Path = TRANSLATIONS, out: Path | None = None, only: list[str] | None = None
) -> list[Path]:
    """Build each ``.qm`` (into ``out`` if given; of the parts ``only`` names, else all)."""
    built = []
    for ts in sorted(folder.glob("*.ts")):
        if only and ts.stem.rsplit("_", 2)[0] not in only:
            continue
        qm = (out or folder) / ts.with_suffix(".qm").name
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv: list[str]) -> None:
    only = argv[1:] or None
    if argv[:1] == ["update"]:
        update(only=only)
    elif argv[:1] == ["release"]:
        release(only=only)
    else:
        raise SystemExit("usage: python -m resources.catalogues update|release [PART ...]")


if __name__ == "__main__":
    main(sys.argv[1:])
