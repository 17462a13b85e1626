"""CSV the product writes, with every cell a spreadsheet would run as a formula made text.

Excel and LibreOffice treat a cell beginning with ``=``, ``+``, ``-`` or ``@`` as a formula (a
leading tab or CR can hide one), so a caller's display name or a customer's name in an export
could run on the machine of whoever opens it (OWASP "CSV injection"). A ``'`` in front makes
the spreadsheet show the cell as text. Imported files keep such values as written; only what
is written out is changed, and a number like ``+44 20 7946 0958`` gets the quote too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

#: what a cell may not begin with unless it is to be read as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """``value`` as the text of one cell, with a ``'`` in front when it would start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_rows(handle: TextIO, rows: Iterable[Iterable[object]]) -> None:
    """Write ``rows`` to ``handle`` (opened with ``newline=""``) as CSV, each cell made safe."""
    csv.writer(handle).writerows([cell(v) for v in row] for row in rows)
