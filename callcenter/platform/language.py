"""The language the dictionary is shown in: each entry's label in the reader's language.

One setting for the process, like the interface's language (the desktop sets both together);
an entry without words in that language shows its source label.
"""

from __future__ import annotations

import json

from callcenter.platform import messages

_language: str | None = None


def set_language(language: str | None) -> None:
    """Entries read from now on are worded in ``language`` ("zh_CN"; None: the source), and
    so are the core's messages (``callcenter.platform.messages``)."""
    global _language  # noqa: PLW0603 - one setting for the process, as QLocale's default
    _language = language
    messages.use(language or "en")


def current() -> str | None:
    return _language


def words(label: str, labels: str | None) -> str:
    """``label`` in the current language, from an entry's ``labels`` JSON if it has them."""
    if _language is None or not labels:
        return label
    try:
        found = json.loads(labels)
    except ValueError:
        return label
    chosen = found.get(_language) if isinstance(found, dict) else None
    return chosen if isinstance(chosen, str) and chosen.strip() else label
