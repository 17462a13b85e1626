"""The core's words in the reader's language: one GNU gettext catalogue (``callcenter/locale``)
for the command line, the services' errors and what the desk says of calls.

A service marks an English template with ``N_`` where it is written and raises it with its
values as parameters (``ValidationError("phone", N_("{value!r} is not a phone number"),
value=raw)``); the words are looked up when the error is read (``ServiceError.message``), so the
UI and the command line each get them in their reader's language. The desktop chooses the
language (``use``, called with the interface's); elsewhere it is the locale's (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG``), as for any command.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "callcenter"
LOCALE = Path(__file__).resolve().parents[1] / "locale"

gettext.bindtextdomain(DOMAIN, str(LOCALE))

#: The language chosen for this process (None: the locale's, read by gettext itself).
_chosen: gettext.NullTranslations | None = None


def use(language: str | None) -> None:
    """Word everything from now on in ``language`` ("zh_CN"; "en" or one without a catalogue:
    the English source; None: the locale's again)."""
    global _chosen  # noqa: PLW0603 - one language for the process, as the interface has
    _chosen = (
        None
        if language is None
        else gettext.translation(DOMAIN, str(LOCALE), languages=[language], fallback=True)
    )


def N_(text: str) -> str:  # noqa: N802 - gettext's name for a marker
    """Mark a template for the catalogue; it is translated when shown, not here."""
    return text


def _(text: str) -> str:
    return _chosen.gettext(text) if _chosen is not None else gettext.dgettext(DOMAIN, text)


def n_(singular: str, plural: str, count: int) -> str:
    if _chosen is not None:
        return _chosen.ngettext(singular, plural, count)
    return gettext.dngettext(DOMAIN, singular, plural, count)


def words(template: str, params: dict[str, object] | None = None) -> str:
    """A marked template in the reader's language, its ``{placeholders}`` filled."""
    text = _(template)
    return text.format(**params) if params else text
