"""The supervisor's CSV export writes what a caller or a customer controls as text."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ui.common.models import Column, RecordTableModel
from ui.supervisor.window import export_csv


@dataclass(frozen=True)
class Missed:
    caller: str
    customer: str | None


def test_formula_cells_are_exported_as_text(qapp: object, tmp_path: Path) -> None:
    model: RecordTableModel[Missed] = RecordTableModel(
        [Column("Caller", lambda m: m.caller), Column("Customer", lambda m: m.customer)]
    )
    model.set_rows(
        [
            Missed("+44 20 7946 0958", '=HYPERLINK("http://evil.example","Call back")'),
            Missed("020 7946 0958", None),
        ]
    )
    path = tmp_path / "missed-calls.csv"
    export_csv(model, path)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["Caller", "Customer"],
        ["'+44 20 7946 0958", '\'=HYPERLINK("http://evil.example","Call back")'],
        ["020 7946 0958", ""],
    ]
