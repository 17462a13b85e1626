"""Admin ▸ Data dictionary through its widgets, on both stores: add, edit, word in Chinese,
retire, a refusal on its field, queue members ticked on and off."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox

from callcenter.administration.dictionary import entries
from callcenter.administration.people import members_of
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import categories
from tests.callcenter.conftest import People
from tests.helpers.stores import both_stores  # noqa: F401 - the fixture: both stores
from ui.administration.dictionary_dialog import TABS, DictionaryDialog, KindPage
from ui.common.form import select_data


def _dialog(qtbot: Any, admin: ServiceContext) -> DictionaryDialog:
    dialog = DictionaryDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _row(page: KindPage, code: str) -> None:
    for row in range(page.table.model().rowCount()):
        if page.table.model().index(row, 0).data() == code:
            page.table.selectRow(row)
            return
    raise AssertionError(f"{code} is not listed")


def test_every_tab_lists_its_entries(qtbot: Any, admin: ServiceContext) -> None:
    dialog = _dialog(qtbot, admin)
    assert dialog.tabs.count() == len(TABS)
    codes = {
        page.table.model().index(r, 0).data()
        for page in dialog.pages.values()
        for r in range(page.table.model().rowCount())
    }
    assert {"billing", "retired", "complaint", "lunch", "support"} <= codes


def test_a_category_is_added_with_its_chinese_and_defaults(
    qtbot: Any, admin: ServiceContext, people: People
) -> None:
    dialog = _dialog(qtbot, admin)
    page = dialog.pages["category"]
    page.new_button.click()
    qtbot.keyClicks(page.code, "Warranty")
    qtbot.keyClicks(page.label, "Warranty claim")
    page.chinese.setText("保修索赔")  # typed through an input method, not key clicks
    sla = page.editors["sla_hours"].widget
    assert isinstance(sla, QSpinBox)
    sla.setValue(72)
    priority, queue = (
        page.editors["default_priority"].widget,
        page.editors["default_queue_id"].widget,
    )
    assert isinstance(priority, QComboBox) and isinstance(queue, QComboBox)
    priority.setCurrentIndex(priority.findData("high"))
    assert select_data(queue, people.queue_id)
    page.save_button.click()
    (made,) = [c for c in categories(admin) if c.code == "warranty"]
    assert (made.label, made.sla_hours, made.default_queue_id) == (
        "Warranty claim",
        72,
        people.queue_id,
    )
    (entry,) = [e for e in entries(admin, "category") if e.code == "warranty"]
    assert entry.labels == {"zh_CN": "保修索赔"}
    assert page.code.isReadOnly(), "a saved entry's code is its name: it no longer changes"


def test_retiring_keeps_the_entry_listed_and_a_bad_value_shows_on_its_field(
    qtbot: Any, admin: ServiceContext
) -> None:
    dialog = _dialog(qtbot, admin)
    page = dialog.pages["disposition"]
    _row(page, "complaint")
    assert page.label.text() == "Complaint"
    notes = page.editors["requires_notes"].widget
    assert isinstance(notes, QCheckBox) and notes.isChecked()
    page.active.setChecked(False)
    page.save_button.click()
    assert not next(e for e in entries(admin, "disposition") if e.code == "complaint").active
    assert page.table.model().rowCount() == 2, "retired, still listed"
    page.new_button.click()
    qtbot.keyClicks(page.code, "no spaces please")
    qtbot.keyClicks(page.label, "Label")
    page.save_button.click()
    assert page.errors.text("code"), "the refusal is shown under the code"
    assert len(entries(admin, "disposition")) == 2


def test_queue_members_are_ticked_on_and_off(
    qtbot: Any, admin: ServiceContext, people: People
) -> None:
    dialog = _dialog(qtbot, admin)
    page = dialog.pages["queue"]
    _row(page, "support")
    assert page.members is not None
    names = {page.members.item(i).text(): page.members.item(i) for i in range(page.members.count())}
    bob, ann = names["Bob (bob)"], names["Ann (ann)"]
    assert ann.checkState() == Qt.CheckState.Checked
    bob.setCheckState(Qt.CheckState.Checked)
    ann.setCheckState(Qt.CheckState.Unchecked)
    assert set(members_of(admin, people.queue_id)) == {people.other_agent.user_id}
    wrap_up = page.editors["wrap_up_seconds"].widget
    assert isinstance(wrap_up, QSpinBox)
    assert wrap_up.text() == "the desk's own setting"
    wrap_up.setValue(45)
    page.save_button.click()
    (queue,) = entries(admin, "queue")
    assert queue.fields["wrap_up_seconds"] == 45
