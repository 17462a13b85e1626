"""The command line in the locale's language: its catalogue is current, complete, built, and
used (argparse's own words included)."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from resources import catalogues

PLACEHOLDER = re.compile(r"\{[a-z_]+(?:![rs])?(?::[^}]*)?\}|%\([a-z_]+\)[sr]|%[srd]")
MO = catalogues.core_po("zh_CN").with_suffix(".mo")


def test_the_catalogue_translates_every_string_of_the_sources(tmp_path: Path) -> None:
    template = catalogues.core_template(tmp_path / "callcenter.pot")
    found = subprocess.run(
        ["msgcmp", str(catalogues.core_po("zh_CN")), str(template)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, found.stderr + "\n(python -m resources.catalogues update core)"


def test_each_translation_keeps_its_placeholders() -> None:
    with MO.open("rb") as stream:
        catalogue = gettext.GNUTranslations(stream)
    entries = catalogue._catalog  # type: ignore[attr-defined]  # gettext keeps it there
    assert len(entries) > 100
    for key, translated in entries.items():
        source = key[0] if isinstance(key, tuple) else key
        if source:
            assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(source)), (
                f"{source!r} -> {translated!r}"
            )


def test_the_built_catalogue_matches_its_source(tmp_path: Path) -> None:
    (built,) = catalogues.core_release(out=tmp_path)
    stale = "stale: python -m resources.catalogues release core"
    assert built.read_bytes() == MO.read_bytes(), stale


def _help(language: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANGUAGE": language, "LC_ALL": "", "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "callcenter", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh_CN", ["用法：", "显示此帮助信息并退出", "与共享数据库同步"]),
        ("en", ["usage:", "show this help message and exit", "replicate with the shared"]),
    ],
)
def test_help_is_in_the_locales_language(language: str, words: list[str]) -> None:
    shown = _help(language, "--help")
    assert shown.returncode == 0, shown.stderr
    for word in words:
        assert word in shown.stdout


def test_argparse_errors_are_in_the_locales_language() -> None:
    shown = _help("zh_CN", "admin", "create-user")
    assert shown.returncode == 2
    assert "错误：缺少以下必需参数" in shown.stderr, shown.stderr
