"""Admin ▸ Export customers…: filters, the file written on a worker thread, the count shown."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from callcenter.crm import csv_import
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError
from db.enums import ValueTier
from tests.helpers.stores import both_stores  # noqa: F401 - the fixture: both stores
from ui.administration.export_dialog import PROGRESS_STEPS, ExportDialog
from ui.common.form import select_data

GOOD = Path(__file__).parents[2] / "callcenter" / "crm" / "data" / "customers_good.csv"
WAIT = 20_000


@pytest.fixture
def dialog(qtbot: QtBot, ctx: ServiceContext, supervisor_ctx: ServiceContext) -> ExportDialog:
    csv_import.import_customers(ctx, GOOD)
    made = ExportDialog(supervisor_ctx)
    qtbot.addWidget(made)
    return made


def external_ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row["external_id"] for row in csv.DictReader(handle)]


def test_the_chosen_customers_are_written_and_counted(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    path = tmp_path / "gold.csv"
    dialog.file.setText(str(path))
    assert select_data(dialog.value_tier, ValueTier.GOLD)
    with qtbot.waitSignal(dialog.exported, timeout=WAIT) as signal:
        dialog.export_button.click()
    assert signal.args == [1]
    assert external_ids(path) == ["C-001"]
    assert dialog.progress.value() == PROGRESS_STEPS
    assert dialog.status.text() == f"Customers written: 1, to {path}"
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_all_customers_and_a_region(qtbot: QtBot, dialog: ExportDialog, tmp_path: Path) -> None:
    path = tmp_path / "all.csv"
    dialog.file.setText(str(path))
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.export_button.click()
    assert external_ids(path) == ["C-001", "C-002", "C-003"]
    dialog.region.setText("us")
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.export_button.click()
    assert external_ids(path) == ["C-003"]


def test_a_file_that_cannot_be_written_is_said_in_words(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    dialog.file.setText(str(tmp_path / "no" / "such" / "folder.csv"))
    with qtbot.waitSignal(dialog.failed, timeout=WAIT) as signal:
        dialog.export_button.click()
    assert "cannot be written: No such file or directory" in signal.args[0]
    assert dialog.status.text().startswith("The export failed: ")
    dialog.file.setText("")
    dialog.export_button.click()
    assert dialog.status.text() == "Choose the file to write first."


def test_agents_may_not_export(agent_ctx: ServiceContext) -> None:
    with pytest.raises(PermissionDeniedError):
        ExportDialog(agent_ctx)


def test_cancel_leaves_no_file(qtbot: QtBot, dialog: ExportDialog, tmp_path: Path) -> None:
    path = tmp_path / "all.csv"
    dialog.file.setText(str(path))
    with qtbot.waitSignal(dialog.failed, timeout=WAIT) as signal:
        dialog.export_button.click()
        dialog.cancel_button.click()
    assert signal.args == ["Cancelled; no file was written."]
    assert list(tmp_path.glob("all.csv*")) == []
