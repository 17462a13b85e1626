"""Supervise ▸ Likely duplicates: the pair listed with its reason, the two records side by
side, the merge after the confirmation, and the list read again without the pair."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from callcenter.crm.customers import NewCustomer, create_customer
from callcenter.platform.context import ServiceContext
from callcenter.platform.records import CustomerProfile
from db.enums import PhoneKind
from db.models import Customer
from tests.ui.work.test_dialogs import table_rows
from ui.crm.duplicates_dialog import DuplicatesDialog, open_merge_for

NUMBER = (("+442079460958", PhoneKind.MOBILE),)


def _pair(ctx: ServiceContext) -> tuple[CustomerProfile, CustomerProfile]:
    quiet = create_customer(ctx, NewCustomer(name="姚浩然", city="北京"))
    busy = create_customer(
        ctx, NewCustomer(name="姚 浩然", city="北京", phones=NUMBER, emails=("yao@x.cn",))
    )
    return quiet, busy


def _compared(qtbot: QtBot, dialog: DuplicatesDialog) -> DuplicatesDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.compared, timeout=10_000):
        pass
    return dialog


def _answer(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_pair_is_listed_with_why_and_merged_after_the_confirmation(
    qtbot: QtBot, supervisor_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiet, busy = _pair(supervisor_ctx)
    dialog = _compared(qtbot, DuplicatesDialog(supervisor_ctx, supervisor_ctx))
    ((why, *_names),) = table_rows(dialog.model)
    assert why == "similar name, no company, city 北京"
    assert "Numbers: +44 20 7946 0958" in (dialog.left.details.text() + dialog.right.details.text())
    # The record with more history is offered as the one to keep.
    kept = dialog.left if dialog.left.title() == "姚 浩然" else dialog.right
    assert kept.keep.isChecked()

    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    dialog.merge_button.click()
    assert asked[0].startswith("Merge “姚浩然 · 北京” into “姚 浩然 · 北京”?")
    assert "Moves" not in asked[0]  # the quiet record has nothing to move
    with supervisor_ctx.sessions() as s:
        assert s.get_one(Customer, quiet.id).deleted is False

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    # Keep the quiet one instead: the busy one's number and e-mail move to it.
    other = dialog.right if kept is dialog.left else dialog.left
    other.keep.setChecked(True)
    assert not kept.keep.isChecked()
    with qtbot.waitSignal(dialog.merged, timeout=10_000) as merged:
        dialog.merge_button.click()
    assert asked[0].startswith("Merge “姚 浩然 · 北京” into “姚浩然 · 北京”?")
    assert "1 number" in asked[0] and "1 e-mail address" in asked[0]
    assert merged.args is not None
    assert (merged.args[0].survivor_id, merged.args[0].other_id) == (quiet.id, busy.id)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass
    assert table_rows(dialog.model) == []
    with supervisor_ctx.sessions() as s:
        tombstone = s.get_one(Customer, busy.id)
        assert (tombstone.deleted, tombstone.merged_into_id) == (True, quiet.id)


def test_one_customers_duplicates_only(qtbot: QtBot, supervisor_ctx: ServiceContext) -> None:
    quiet, _busy = _pair(supervisor_ctx)
    create_customer(supervisor_ctx, NewCustomer(name="Bo Chen", phones=NUMBER))
    everyone = _compared(qtbot, DuplicatesDialog(supervisor_ctx, supervisor_ctx))
    assert everyone.model.rowCount() == 2
    mine = _compared(qtbot, open_merge_for(supervisor_ctx, supervisor_ctx, quiet.id, None))
    assert [row[1:] for row in table_rows(mine.model)] in (
        [["姚浩然 · 北京", "姚 浩然 · 北京"]],
        [["姚 浩然 · 北京", "姚浩然 · 北京"]],
    )
