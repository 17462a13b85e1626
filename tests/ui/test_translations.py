"""The catalogues are current, complete and built, and the desktop loads them."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from resources import TRANSLATIONS, catalogues
from ui.common import i18n
from ui.common.formatting import label

PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n|%[0-9]")


def _messages(ts: Path) -> dict[tuple[str, str], list[str | None]]:
    """(context, source) -> its translations (one per plural form); None when unfinished."""
    found: dict[tuple[str, str], list[str | None]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = translation.findall("numerusform") or [translation]
            done = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            found[(name, message.findtext("source") or "")] = [
                (form.text or None) if done else None for form in forms
            ]
    return found


def _all_catalogues() -> list[Path]:
    return [
        catalogues.catalogue(part, language)
        for part in catalogues.parts()
        for language in catalogues.QT_TARGETS
    ]


def test_every_catalogue_holds_exactly_its_sources_strings(tmp_path: Path) -> None:
    for ts in _all_catalogues():
        assert ts.exists(), f"{ts.name} missing: python -m resources.catalogues update"
        shutil.copy(ts, tmp_path / ts.name)
    catalogues.update(tmp_path)
    for ts in _all_catalogues():
        assert set(_messages(tmp_path / ts.name)) == set(_messages(ts)), (
            f"{ts.name} is behind its sources: python -m resources.catalogues update"
        )


@pytest.mark.parametrize("ts", _all_catalogues(), ids=lambda p: p.stem)
def test_every_string_is_translated_with_its_placeholders(ts: Path) -> None:
    for (context, source), forms in _messages(ts).items():
        for form in forms:
            assert form, f"{ts.name}: {context}: {source!r} is not translated"
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (
                f"{ts.name}: {context}: {source!r} -> {form!r} changes the placeholders"
            )
            assert ("&" in source.replace("&&", "")) <= ("&" in form.replace("&&", "")), (
                f"{ts.name}: {context}: {source!r} -> {form!r} loses its mnemonic"
            )


def test_the_built_catalogues_match_their_sources(tmp_path: Path) -> None:
    for built in catalogues.release(out=tmp_path):
        committed = TRANSLATIONS / built.name
        assert committed.exists() and committed.read_bytes() == built.read_bytes(), (
            f"{built.name} is stale: python -m resources.catalogues release"
        )


def test_chinese_is_installed_and_english_taken_back(qapp: QCoreApplication) -> None:
    try:
        locale = i18n.install("zh_CN")
        assert locale.language() == QLocale.Language.Chinese
        assert QLocale().language() == QLocale.Language.Chinese
        assert label("in_progress") != "In progress"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    finally:
        english = i18n.install("en", "GB")
    assert english.territory() == QLocale.Country.UnitedKingdom
    assert label("in_progress") == "In progress"
