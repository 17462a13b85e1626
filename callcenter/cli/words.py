"""The command line in the reader's language: the core's gettext catalogue
(``callcenter.platform.messages``), in the locale's language as for any command.

The catalogue also words argparse's own strings ("usage:", "options", its errors): argparse
looks them up through the process's text domain, which ``install`` sets.
"""

from __future__ import annotations

import gettext

from callcenter.platform.messages import DOMAIN, LOCALE, _, n_

__all__ = ["_", "install", "n_"]


def install() -> None:
    gettext.bindtextdomain(DOMAIN, str(LOCALE))
    gettext.textdomain(DOMAIN)
