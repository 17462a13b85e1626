"""Editing a customer on real widgets: the profile against the version read, numbers,
e-mails and contacts saved as they are added or removed, refusals shown in the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from callcenter.crm import customers
from callcenter.crm.customer360 import load_customer_360
from callcenter.crm.lookup import lookup_caller
from callcenter.platform.context import ServiceContext
from callcenter.platform.records import CustomerProfile
from db.enums import PhoneKind, ValueTier
from ui.common.form import select_data
from ui.crm.customer_dialog import CustomerDialog


def button(dialog: CustomerDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


def dialog_for(qtbot: QtBot, ctx: ServiceContext, customer: CustomerProfile) -> CustomerDialog:
    dialog = CustomerDialog(ctx, customer.id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_profile_saves_only_what_changed(
    qtbot: QtBot, agent_ctx: ServiceContext, customer: CustomerProfile
) -> None:
    dialog = dialog_for(qtbot, agent_ctx, customer)
    assert dialog.texts["name"].text() == "王小明"
    dialog.save_profile()
    assert dialog.said.text() == "Nothing in the profile changed."
    dialog.texts["city"].setText("  上海 ")
    select_data(dialog.choices["value_tier"], ValueTier.GOLD)
    with qtbot.waitSignal(dialog.changed):
        dialog.save_button.click()
    assert dialog.said.text() == "Profile saved (city, value tier)."
    saved = load_customer_360(agent_ctx, customer.id).profile
    assert (saved.city, saved.value_tier, saved.version) == ("上海", ValueTier.GOLD, 2)


def test_someone_elses_save_is_refused_not_overwritten(
    qtbot: QtBot, agent_ctx: ServiceContext, customer: CustomerProfile
) -> None:
    dialog = dialog_for(qtbot, agent_ctx, customer)
    customers.update_customer(agent_ctx, customer.id, customer.version, name="Wang Xiaoming")
    dialog.texts["city"].setText("Leeds")
    dialog.save_button.click()
    assert dialog.general.isVisibleTo(dialog)
    assert "changed by someone else" in dialog.general.text()
    assert dialog.texts["city"].text() == "Leeds"  # what the agent typed stays
    assert load_customer_360(agent_ctx, customer.id).profile.city is None


def test_a_bad_field_is_named_under_it(
    qtbot: QtBot, agent_ctx: ServiceContext, customer: CustomerProfile
) -> None:
    dialog = dialog_for(qtbot, agent_ctx, customer)
    dialog.texts["name"].setText("   ")
    dialog.save_button.click()
    assert dialog.errors.text("name") == "Name is required."


def test_numbers_are_added_with_enter_and_removed(
    qtbot: QtBot, agent_ctx: ServiceContext, customer: CustomerProfile
) -> None:
    dialog = dialog_for(qtbot, agent_ctx, customer)
    dialog.tabs.setCurrentIndex(1)
    assert not dialog.save_button.isDefault()  # Enter adds here, it does not save the profile
    select_data(dialog.number_kind, PhoneKind.WORK)
    dialog.new_number.setText("020 7946 0958")
    qtbot.keyClick(dialog.new_number, Qt.Key.Key_Return)
    assert dialog.numbers.count() == 2
    assert "calls from it pop this record" in dialog.said.text()
    assert lookup_caller(agent_ctx, "02079460958").matches[0].customer_id == customer.id
    dialog.new_number.setText("not a number")
    dialog.add_number()
    assert "is not a phone number" in dialog.general.text()
    dialog.numbers.setCurrentRow(0)
    removed = dialog.numbers.currentItem().text()
    button(dialog, "removeNumber").click()
    assert dialog.said.text() == f"Removed {removed}."
    assert dialog.numbers.count() == 1
    assert len(load_customer_360(agent_ctx, customer.id).profile.phones) == 1


def test_a_contact_with_an_email_of_their_own(
    qtbot: QtBot, agent_ctx: ServiceContext, customer: CustomerProfile
) -> None:
    changed: list[None] = []
    dialog = dialog_for(qtbot, agent_ctx, customer)
    dialog.changed.connect(lambda: changed.append(None))
    dialog.tabs.setCurrentIndex(3)
    dialog.contact_name.setText("Li Wei")
    dialog.contact_title.setText("Spouse")
    button(dialog, "addContact").click()
    assert dialog.contacts.item(0).text() == "Li Wei — Spouse"
    dialog.tabs.setCurrentIndex(2)
    assert [dialog.email_holder.itemText(i) for i in range(2)] == ["The customer", "Li Wei"]
    dialog.email_holder.setCurrentIndex(1)
    dialog.new_email.setText("li.wei@example.com")
    button(dialog, "addEmail").click()
    assert dialog.emails.item(0).text() == "li.wei@example.com · Li Wei"
    dialog.new_email.setText("li.wei@EXAMPLE.com")
    button(dialog, "addEmail").click()
    assert "already on" in dialog.general.text()
    dialog.tabs.setCurrentIndex(3)
    dialog.contacts.setCurrentRow(0)
    assert dialog.contact_name.text() == "Li Wei"  # the selected contact, ready to rename
    dialog.contact_title.setText("Account holder")
    dialog.rename_button.click()
    assert dialog.contacts.item(0).text() == "Li Wei — Account holder"
    dialog.contacts.setCurrentRow(0)
    button(dialog, "removeContact").click()
    assert dialog.contacts.count() == 0 and dialog.emails.count() == 0  # theirs went with them
    assert len(changed) == 4
