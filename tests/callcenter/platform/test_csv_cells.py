"""Cells a spreadsheet would run as formulas are written as text, and read back as written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from callcenter.platform.csv_cells import cell, write_rows

HOSTILE = [
    '=HYPERLINK("http://evil.example","Click")',
    "+44 20 7946 0958",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_start_gets_a_quote(value: str) -> None:
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Ann Lee", "020 7946 0958", "a=b", " =1", "'quoted", "", 7])
def test_other_values_are_written_as_they_are(value: object) -> None:
    assert cell(value) == str(value)


def test_none_is_an_empty_cell() -> None:
    assert cell(None) == ""


def test_a_file_written_reads_back_with_every_hostile_cell_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        write_rows(handle, [["Name", "Note"], *[[v, "fine, with a comma"] for v in HOSTILE]])
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Name", "Note"]
    assert [r[0] for r in rows[1:]] == ["'" + v for v in HOSTILE]
    assert {r[1] for r in rows[1:]} == {"fine, with a comma"}
