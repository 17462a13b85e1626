"""Admin ▸ Audit trail on a real store: filters, paging, one entry's before and after, the
export to CSV, and an agent's refusal."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from tests.callcenter.conftest import People
from tests.helpers.stores import both_stores  # noqa: F401 - the fixture: both stores
from tests.ui.conftest import Clock
from tests.ui.work.test_dialogs import table_rows
from ui.administration.audit_dialog import AuditDialog, _shown
from ui.common.form import select_data
from ui.common.formatting import local_time

TIMEOUT = 10_000


@pytest.fixture
def history(ctx: ServiceContext, clock: Clock, people: People) -> None:
    """An hour apart, before the dialog opens: Ann creates Grace, Bob edits her notes, Ann
    signs in."""
    ann = ServiceContext(ctx.sessions, "GB", people.agent, clock)
    bob = ServiceContext(ctx.sessions, "GB", people.other_agent, clock)
    clock.advance(dt.timedelta(hours=-3))
    made = customers.create_customer(ann, NewCustomer(name="Grace Hopper", external_id="G-1"))
    clock.advance(dt.timedelta(hours=1))
    customers.update_customer(bob, made.id, made.version, notes="Prefers e-mail")
    clock.advance(dt.timedelta(hours=1))
    audit.note(ann, "sign_in", "agent", after={"desk": "pc-7"})
    clock.advance(dt.timedelta(hours=1))


def _open(qtbot: QtBot, ctx: ServiceContext) -> AuditDialog:
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT):
        pass  # the first read, started by the dialog itself
    return dialog


def _reload(qtbot: QtBot, dialog: AuditDialog) -> list[list[str]]:
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT):
        dialog.reload()
    return [row[1:] for row in table_rows(dialog.model)]


@pytest.mark.usefixtures("history")
def test_the_trail_is_filtered_by_person_record_action_and_time(
    qtbot: QtBot, supervisor_ctx: ServiceContext, people: People
) -> None:
    dialog = _open(qtbot, supervisor_ctx)
    assert [row[1:3] for row in table_rows(dialog.model)] == [
        ["Ann", "signed in"],
        ["Bob", "changed"],
        ["Ann", "created"],
    ]
    assert select_data(dialog.person, people.agent.user_id)
    assert [row[1] for row in _reload(qtbot, dialog)] == ["signed in", "created"]
    dialog.person.setCurrentIndex(0)
    assert select_data(dialog.kind, "customer")
    dialog.record.setText("G-1")
    assert _reload(qtbot, dialog) == [
        ["Bob", "changed", "customer", "Grace Hopper"],
        ["Ann", "created", "customer", "Grace Hopper"],
    ]
    assert select_data(dialog.action, "edit")
    assert [row[1] for row in _reload(qtbot, dialog)] == ["changed"]
    dialog.kind.setCurrentIndex(0)
    dialog.action.setCurrentIndex(0)
    dialog.record.clear()
    dialog.use_to.setChecked(True)
    dialog.end.setDateTime(dialog.end.dateTime().addSecs(-2 * 3600 - 60))
    assert [row[1] for row in _reload(qtbot, dialog)] == ["created"], "before Bob's edit"
    dialog.use_from.setChecked(False)
    dialog.use_to.setChecked(False)
    dialog.record.setText("NO-SUCH")
    assert _reload(qtbot, dialog) == []
    assert dialog.status.text() == "No entries match."


@pytest.mark.usefixtures("history")
def test_a_chosen_entry_shows_its_before_and_after(
    qtbot: QtBot, supervisor_ctx: ServiceContext, people: People
) -> None:
    dialog = _open(qtbot, supervisor_ctx)
    assert dialog.after.toPlainText() == ""
    dialog.table.setCurrentIndex(dialog.table.model().index(1, 0))
    assert dialog.before.toPlainText() == "notes: "
    assert dialog.after.toPlainText() == "notes: Prefers e-mail"
    assert "Bob" in dialog.summary.text() and "Grace Hopper" in dialog.summary.text()


@pytest.mark.usefixtures("history")
def test_load_more_reads_the_next_page(
    qtbot: QtBot, supervisor_ctx: ServiceContext, people: People
) -> None:
    dialog = _open(qtbot, supervisor_ctx)
    dialog.page_size = 2
    assert len(_reload(qtbot, dialog)) == 2
    assert dialog.more_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT) as loaded:
        dialog.more_button.click()
    assert loaded.args == [3]
    assert [row[2] for row in table_rows(dialog.model)] == ["signed in", "changed", "created"]
    assert not dialog.more_button.isEnabled()


@pytest.mark.usefixtures("history")
def test_export_writes_the_filtered_trail_as_csv(
    qtbot: QtBot,
    supervisor_ctx: ServiceContext,
    people: People,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _open(qtbot, supervisor_ctx)
    assert select_data(dialog.person, people.other_agent.user_id)
    target = tmp_path / "trail.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as exported:
        dialog.export_button.click()
    assert exported.args == [1]
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header[:4] == ["time", "person", "action", "record kind"]
    assert [row[1:4] for row in rows] == [["Bob", "edit", "customer"]]
    assert rows[0][7] == "notes: Prefers e-mail"
    assert "trail.csv" in dialog.status.text()
    assert select_data(dialog.person, people.supervisor.user_id)
    audited = [row[1] for row in _reload(qtbot, dialog)]
    assert audited == ["exported the audit trail"], "the export is audited"


@pytest.mark.usefixtures("history")
def test_an_agent_is_told_the_trail_is_not_theirs_to_read(
    qtbot: QtBot, agent_ctx: ServiceContext
) -> None:
    dialog = AuditDialog(agent_ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        pass
    assert "may not read the audit trail" in failed.args[0]
    assert dialog.model.rowCount() == 0


def test_times_in_an_entry_read_in_the_reader_s_zone_and_format() -> None:
    due = dt.datetime(2026, 12, 3, 19, 2, 13, 203235, tzinfo=dt.UTC)
    kept = "notes: 2026 was a good year\nwhen: 2026-12-03"
    assert _shown(f"due: {due}\n{kept}") == f"due: {local_time(due)}\n{kept}"
