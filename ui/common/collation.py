"""Names in the order the reader sorts them: the interface's locale's collation (issue 16).

Python compares strings by code point, so every Chinese name would follow every Latin one and
"SR-10" would come before "SR-9". A ``QCollator`` (ICU) for the locale ``i18n.install`` made
the default sorts as the reader expects: pinyin for Chinese (where Chinese names come first,
then Latin ones), letters before Chinese in English; numbers inside a text by their value;
upper and lower case alike.

The collator is made for the locale of the moment, at each sort: a language switched at run
time orders the next list. Each text's sort key is worked out once (``QCollator.sortKey``),
and the keys compared in C++, not ``compare`` called from Python for every pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QCollator, QCollatorSortKey, QLocale, Qt

T = TypeVar("T")


def collator(locale: QLocale | None = None) -> QCollator:
    """A collator for ``locale`` (by default the interface's, as it is now): case-insensitive,
    with the numbers in a text compared by value ("SR-9" before "SR-10")."""
    order = QCollator(QLocale() if locale is None else locale)
    order.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    order.setNumericMode(True)
    return order


def sort_key(text: str, order: QCollator | None = None) -> QCollatorSortKey:
    """What ``text`` sorts by (keys of one collator compare with ``<``)."""
    return (order or collator()).sortKey(text)


def sorted_names(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """``items`` sorted by their names (``key`` reads an item's name; the items themselves
    when None), as the reader sorts; items of the same name keep their order."""
    order = collator()
    if key is None:
        return sorted(items, key=lambda item: order.sortKey(str(item)))
    name = key
    return sorted(items, key=lambda item: order.sortKey(name(item)))
