"""Building the Qt Linguist catalogues: which sources feed which catalogue, and the tools.

One catalogue per part of the desktop (each ``ui/`` package, and ``app`` for the modules at
its top), so people translating or adding strings in different parts never edit the same file.
``python -m resources.catalogues update`` runs ``pyside6-lupdate`` over each part's sources
(new strings are added unfinished, translations kept, dropped strings removed);
``release`` builds the ``.qm`` files the desktop loads; either takes part names to do only
those. ``core`` names the core's GNU gettext catalogue (``callcenter/locale``: the command
line, the services' errors, the desk's words), done with xgettext, msgmerge and msgfmt. The
suite checks that all are current.
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
#: The desktop's catalogues: the targets, and English for its plural forms only ("%n
#: change(s)" reads "1 change", "2 changes"; everything else is the source).
QT_TARGETS = (*TARGETS, "en")


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
        for language in QT_TARGETS:
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
                    *(["-pluralonly"] if language == "en" else []),
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


# The core's GNU gettext catalogues (callcenter/platform/messages.py): the command line's
# strings, the templates marked with N_ (services' errors, the desk's words), and argparse's,
# which the command line looks up through the same text domain.
CORE = ROOT / "callcenter"
CORE_LOCALE = CORE / "locale"
#: The desktop's commands (``callcenter desktop``, ``callcenter demo``): registered with the
#: core's command line, so their help is worded from its catalogue.
CORE_COMMANDS = (UI / "commands.py",)


def core_po(language: str, locale: Path = CORE_LOCALE) -> Path:
    return locale / language / "LC_MESSAGES" / "callcenter.po"


def core_template(out: Path) -> Path:
    """The core's strings as a ``.pot`` (xgettext over its sources, the desktop's commands
    and argparse)."""
    import argparse

    subprocess.run(
        [
            "xgettext",
            "-L",
            "Python",
            "--keyword=_",
            "--keyword=N_",
            "--keyword=n_:1,2",
            "--keyword=ngettext:1,2",
            "--from-code=UTF-8",
            "--no-location",
            "--sort-output",
            "-o",
            str(out),
            *map(str, sorted(CORE.rglob("*.py"))),
            *map(str, CORE_COMMANDS),
            argparse.__file__,
        ],
        check=True,
    )
    return out


def _po_header(language: str) -> str:
    fields = (
        "Project-Id-Version: callcenter",
        f"Language: {language}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        "Plural-Forms: nplurals=1; plural=0;",
    )
    return 'msgid ""\nmsgstr ""\n' + "".join(f'"{field}\\n"\n' for field in fields)


def core_update(locale: Path = CORE_LOCALE) -> None:
    """msgmerge each ``.po`` with the sources' strings (new ones empty, gone ones dropped)."""
    template = core_template(locale / "callcenter.pot")
    try:
        for language in TARGETS:
            po = core_po(language, locale)
            po.parent.mkdir(parents=True, exist_ok=True)
            if not po.exists():
                po.write_text(_po_header(language), encoding="utf-8")
            subprocess.run(
                [
                    "msgmerge",
                    "--quiet",
                    "--update",
                    "--backup=none",
                    "--no-location",
                    "--no-fuzzy-matching",
                    "--sort-output",
                    str(po),
                    str(template),
                ],
                check=True,
            )
            subprocess.run(["msgattrib", "--no-obsolete", "-o", str(po), str(po)], check=True)
            # The template's creation time would change the catalogue at every update.
            lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
            po.write_text(
                "".join(line for line in lines if not line.startswith('"POT-Creation-Date:')),
                encoding="utf-8",
            )
    finally:
        template.unlink()


def core_release(locale: Path = CORE_LOCALE, out: Path | None = None) -> list[Path]:
    """msgfmt each ``.po`` into its ``.mo`` (into ``out`` if given); returns them."""
    built = []
    for language in TARGETS:
        po = core_po(language, locale)
        mo = (out / f"{language}.mo") if out else po.with_suffix(".mo")
        subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)
        built.append(mo)
    return built


def main(argv: list[str]) -> None:
    only = argv[1:] or None
    if argv[:1] == ["update"]:
        update(only=only)
        if not only or "core" in only:
            core_update()
    elif argv[:1] == ["release"]:
        release(only=only)
        if not only or "core" in only:
            core_release()
    else:
        raise SystemExit("usage: python -m resources.catalogues update|release [PART ...|core]")


if __name__ == "__main__":
    main(sys.argv[1:])
