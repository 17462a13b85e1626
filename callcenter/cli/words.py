"""The command line in the reader's language: GNU gettext catalogues in ``locale/``.

The language is the locale's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), as for
any command. The catalogue also words argparse's own strings ("usage:", "options", its
errors): argparse looks them up through the process's text domain, which ``install`` sets.
``python -m callcenter.cli.catalogue`` keeps the catalogues in step with the sources.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "callcenter"
LOCALE = Path(__file__).resolve().parent / "locale"


def install() -> None:
    gettext.bindtextdomain(DOMAIN, str(LOCALE))
    gettext.textdomain(DOMAIN)


def _(text: str) -> str:
    return gettext.gettext(text)


def n_(singular: str, plural: str, count: int) -> str:
    return gettext.ngettext(singular, plural, count)
