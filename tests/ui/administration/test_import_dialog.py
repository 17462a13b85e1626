"""Admin ▸ Import customers…: the dry run's report, an import to 100 %, cancel, broken files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from callcenter.crm import csv_import
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError
from db.models import Customer
from tests.helpers.stores import both_stores  # noqa: F401 - the fixture: both stores
from ui.administration import import_dialog
from ui.administration.import_dialog import PROGRESS_STEPS, ImportDialog

DATA = Path(__file__).parents[2] / "callcenter" / "crm" / "data"
GOOD, BAD = DATA / "customers_good.csv", DATA / "customers_bad.csv"
WAIT = 20_000


def stored(ctx: ServiceContext) -> list[str]:
    with ctx.sessions() as s:
        return sorted(str(e) for e in s.scalars(select(Customer.external_id)))


def count(ctx: ServiceContext) -> int:
    with ctx.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Customer)) or 0)


def checked(qtbot: QtBot, dialog: ImportDialog, path: Path) -> csv_import.ImportReport:
    with qtbot.waitSignal(dialog.checked, timeout=WAIT) as signal:
        dialog.open_file(path)
    report: csv_import.ImportReport = signal.args[0]
    return report


def cells(dialog: ImportDialog, line: int) -> list[str]:
    model = dialog.rows_model
    (row,) = [r for r in range(model.rowCount()) if model.record(r).line == line]
    return [
        str(model.data(model.index(row, c), Qt.ItemDataRole.DisplayRole))
        for c in range(model.columnCount())
    ]


def open_dialog(qtbot: QtBot, ctx: ServiceContext) -> ImportDialog:
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def test_the_dry_run_shows_each_row_and_writes_nothing(qtbot: QtBot, admin: ServiceContext) -> None:
    dialog = open_dialog(qtbot, admin)
    assert not dialog.import_button.isEnabled()
    report = checked(qtbot, dialog, BAD)
    assert report.dry_run and report.rows == 14
    assert dialog.rows_model.rowCount() == 14
    assert cells(dialog, 2)[:2] == ["2", "created"]
    assert cells(dialog, 3) == ["3", "refused", "name", "is required"]
    assert cells(dialog, 7)[3] == "the row has 3 values but the header has 8 columns"
    assert dialog.header_model.rowCount() == 8
    assert "Dry run, nothing written: rows: 14; created: 3, updated: 0" in dialog.status.text()
    assert count(admin) == 0
    assert dialog.import_button.isEnabled() and dialog.save_button.isEnabled()


def test_the_import_runs_to_100_percent_and_the_customers_exist(
    qtbot: QtBot, admin: ServiceContext
) -> None:
    dialog = open_dialog(qtbot, admin)
    checked(qtbot, dialog, GOOD)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as signal:
        dialog.import_button.click()
        assert dialog.cancel_button.isEnabled() and not dialog.import_button.isEnabled()
    report = signal.args[0]
    assert (report.dry_run, report.created, report.cancelled) == (False, 3, False)
    assert dialog.progress.value() == PROGRESS_STEPS
    assert stored(admin) == ["C-001", "C-002", "C-003"]
    assert dialog.status.text().startswith("Imported: rows: 3; created: 3,")
    assert not dialog.import_button.isEnabled()  # a file is imported once per check


def test_cancel_stops_after_the_chunk_being_written(
    qtbot: QtBot, admin: ServiceContext, tmp_path: Path
) -> None:
    path = tmp_path / "many.csv"
    rows = [f"M-{n:05},Customer {n}" for n in range(3 * csv_import.CHUNK_ROWS)]
    path.write_text("external_id,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    dialog = open_dialog(qtbot, admin)
    checked(qtbot, dialog, path)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as signal:
        dialog.import_button.click()
        dialog.cancel_button.click()
    report = signal.args[0]
    assert report.cancelled and report.created == csv_import.CHUNK_ROWS == count(admin)
    assert dialog.progress.value() < PROGRESS_STEPS
    assert dialog.status.text().startswith("Cancelled after the rows below")
    assert dialog.rows_model.rowCount() == csv_import.CHUNK_ROWS


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("external_id,name\nX,Ann\n".encode("utf-16"), "UTF-16"),
        (b"PK\x03\x04\x14\x00\x06\x00", "UTF-16 or binary"),
        (b"id,name\nX,Ann\n", "the header has no external_id column"),
        (b"", "the file is empty"),
    ],
)
def test_a_broken_file_is_refused_in_words(
    qtbot: QtBot, admin: ServiceContext, tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    dialog = open_dialog(qtbot, admin)
    with qtbot.waitSignal(dialog.refused, timeout=WAIT) as signal:
        dialog.open_file(path)
    assert words in signal.args[0]
    assert dialog.status.text().startswith("This file cannot be imported: ")
    assert words in dialog.status.text()
    assert not dialog.import_button.isEnabled()


def test_a_missing_or_huge_file_is_refused(
    qtbot: QtBot, admin: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, admin)
    with qtbot.waitSignal(dialog.refused, timeout=WAIT) as signal:
        dialog.open_file(tmp_path / "nope.csv")
    assert "cannot be read" in signal.args[0]
    monkeypatch.setattr(import_dialog, "MAX_BYTES", 100)
    with qtbot.waitSignal(dialog.refused, timeout=WAIT) as signal:
        dialog.open_file(GOOD)
    assert "Use 'callcenter import customers' for this one" in signal.args[0]


def test_ragged_rows_bad_bytes_and_formulas_are_rows_of_the_report(
    qtbot: QtBot, admin: ServiceContext, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b'external_id,name\nR-1,=1+1\nR-2,Two,three\nR-3,Jos\xe9\nR-4\nR-5,"open\nR-6,Ann\n'
    )
    dialog = open_dialog(qtbot, admin)
    report = checked(qtbot, dialog, path)
    assert report.rows == 5
    assert cells(dialog, 2)[:2] == ["2", "created"]  # kept as written; exports make it text
    assert cells(dialog, 3)[3] == "the row has 3 values but the header has 2 columns"
    assert cells(dialog, 4)[3] == "byte 0xE9 is not valid UTF-8"
    assert cells(dialog, 5)[3] == "the row has 1 values but the header has 2 columns"
    assert "never closed" in cells(dialog, 6)[3]


def test_the_report_is_saved_as_csv(qtbot: QtBot, admin: ServiceContext, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, admin)
    checked(qtbot, dialog, BAD)
    target = tmp_path / "report.csv"
    dialog.save_report(target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["line", "result", "field", "reason"]
    assert rows[1:3] == [["2", "created", "", ""], ["3", "refused", "name", "is required"]]
    assert len(rows) == 15


def test_only_administrators_open_it(supervisor_ctx: ServiceContext) -> None:
    with pytest.raises(PermissionDeniedError):
        ImportDialog(supervisor_ctx)
