"""The interface language and the reader's conventions.

Every user-visible string goes through Qt's translation system (``self.tr`` in a QObject's
methods, ``QT_TRANSLATE_NOOP`` for module-level texts, translated where shown), with one Qt
Linguist catalogue per part of the desktop under ``resources/translations`` (docs/translation.md
says how to add strings). ``install`` loads the catalogues of a language, Qt's own (the
standard dialogs' buttons), and makes the language's QLocale the default, which the formatting
helpers use for dates, numbers and name order.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from callcenter.platform.config import LANGUAGES
from callcenter.platform.language import set_language
from resources import TRANSLATIONS

SYSTEM = LANGUAGES[0]
#: The language the source strings are written in: its catalogue holds only plural forms.
SOURCE_LANGUAGE = "en"

_installed: list[QTranslator] = []
#: The language setting installed last ("system", "en", "zh_CN").
_setting = SYSTEM


def setting() -> str:
    """The language setting the interface is in (as the config names it)."""
    return _setting


def locale_for(language: str, region: str = "GB") -> QLocale:
    """The QLocale a language setting means; English reads with the desk's region."""
    if language == SYSTEM:
        system = QLocale.system()
        if system.language() != QLocale.Language.C:
            return system
        # A session with no locale ("C", as a bare service account has) reads English as
        # the desk's region writes it, not the C locale's "30 11 2026".
    if language in (SYSTEM, SOURCE_LANGUAGE):
        return QLocale(QLocale.Language.English, QLocale(f"en_{region}").territory())
    return QLocale(language)


def catalogue_language(locale: QLocale) -> str:
    """Which of our catalogues serves a locale: its language's, else the English source's
    (which holds the plural forms: a French or a "C" locale reads "2 records" too)."""
    for language in LANGUAGES[1:]:
        if QLocale(language).language() == locale.language():
            return language
    return SOURCE_LANGUAGE


def install(language: str, region: str = "GB") -> QLocale:
    """Switch the application to ``language``: catalogues out and in (Qt then sends every
    widget a LanguageChange event), and its locale as the default. Returns the locale."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install the language after the QApplication exists")
    global _setting  # noqa: PLW0603 - one interface language for the process
    _setting = language
    while _installed:
        app.removeTranslator(_installed.pop())
    locale = locale_for(language, region)
    QLocale.setDefault(locale)
    chosen = catalogue_language(locale)
    set_language(None if chosen == SOURCE_LANGUAGE else chosen)
    files = [str(p) for p in sorted(TRANSLATIONS.glob(f"*_{chosen}.qm"))]
    if chosen != SOURCE_LANGUAGE:
        qt_own = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        files.insert(0, f"{qt_own}/qtbase_{chosen}.qm")
    for path in files:
        translator = QTranslator(app)
        if translator.load(path):
            app.installTranslator(translator)
            _installed.append(translator)
    return locale


def translate(context: str, text: str) -> str:
    """A text marked with ``QT_TRANSLATE_NOOP(context, text)``, in the current language."""
    return QCoreApplication.translate(context, text)


_SOURCE = "i18nSource"


def marked(item: QAction | QMenu, context: str, text: str) -> str:
    """``text`` translated, remembered on the action or menu that shows it, so that
    ``retranslate_menus`` can word it again after a language switch."""
    item.setProperty(_SOURCE, [context, text])
    return QCoreApplication.translate(context, text)


def retranslate_menus(window: QMainWindow) -> None:
    """Every menu title and action of ``window``'s menu bar made with ``marked``, again in
    the current language."""
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if not isinstance(menu, QMenu):
            continue
        _reword(menu, menu.setTitle)
        for action in menu.actions():
            _reword(action, action.setText)


def _reword(item: QAction | QMenu, set_text: Callable[[str], None]) -> None:
    source = item.property(_SOURCE)
    if isinstance(source, list) and len(source) == 2:
        set_text(QCoreApplication.translate(str(source[0]), str(source[1])))
