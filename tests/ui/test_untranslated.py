"""The desktop in 简体中文 shows no English: every window, dialog, menu, tab, column, tooltip
and status message the day reaches, checked with Chinese data on screen (tests/ui/untranslated.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from callcenter.crm import customers
from callcenter.platform.context import Actor, ServiceContext
from callcenter.platform.secrets import SecretStore
from db.enums import PhoneKind
from db.models import User
from telephony.events import CallDirection, CallEnded, CallState, CallStateChanged, Party
from tests.callcenter.conftest import add_admin, incoming_call
from tests.helpers.keyring_memory import MemoryKeyring, installed
from tests.ui.chinese_desk import chinese_desk
from tests.ui.untranslated import untranslated
from ui.app import Running
from ui.crm.customer_dialog import CustomerDialog
from ui.platform.settings_dialog import SettingsDialog
from ui.supervisor.window import SupervisorWindow
from ui.work.callback_dialog import CallbackDialog
from ui.work.conflicts_dialog import ConflictsDialog
from ui.work.manual_log_dialog import ManualLogDialog
from ui.work.refused_dialog import RefusedDialog
from ui.work.service_request_dialog import ServiceRequestDialog

#: The people's user names (database role names: Latin letters by rule), shown by People.
USERNAMES = frozenset({"ann", "bob", "sue", "ada"})

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def chinese(qtbot: QtBot, tmp_path: Path) -> Iterator[Running]:
    with chinese_desk(qtbot, tmp_path, "zh_CN") as app:
        yield app


def _check(
    where: str, widget: QWidget, found: dict[str, list[str]], data: frozenset[str] = frozenset()
) -> None:
    english = untranslated(widget, data)
    if english:
        found[where] = english


def test_nothing_on_screen_is_left_in_english(
    chinese: Running, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    w, desk = chinese.window, chinese.desk
    found: dict[str, list[str]] = {}
    _check("signed in", w, found)
    desk.state.set_ready()
    _check("ready", w, found)
    with qtbot.waitSignal(w.calls.pop_painted):
        desk.handle(incoming_call("c1", "13800138000", e164="+8613800138000"))
    _check("ringing, the caller's record", w, found)
    desk.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    _check("on a call", w, found)
    desk.handle(CallEnded("c1", CallDirection.INBOUND, 200, "BYE", Party.REMOTE, True, 30.0))
    _check("wrap-up", w, found)
    ctx = desk.ctx
    record = w.pages.record_view.record
    assert record is not None
    customer = record.profile
    dialogs: dict[str, QWidget] = {
        "new service request": ServiceRequestDialog(
            ctx, customer_id=customer.id, customer_name=customer.name
        ),
        "new callback": CallbackDialog(ctx, phone_number="+8613800138000", customer_id=customer.id),
        "log a contact": ManualLogDialog(ctx, customer_id=customer.id, customer_name="张伟"),
        "edit the customer": CustomerDialog(ctx, customer.id),
        "sync conflicts": ConflictsDialog(ctx),
        "refused changes": RefusedDialog(ctx),
    }
    with installed(MemoryKeyring()):
        dialogs["settings"] = SettingsDialog(tmp_path / "callcenter.toml", SecretStore())
    for where, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        _check(where, dialog, found)
        for tab in range((getattr(dialog, "tabs", None) and dialog.tabs.count()) or 0):
            dialog.tabs.setCurrentIndex(tab)
            _check(f"{where}, tab {tab}", dialog, found)
        dialog.close()
    assert not found, "\n".join(f"{where}:\n  " + "\n  ".join(t) for where, t in found.items())


def test_the_supervisor_window_in_chinese(chinese: Running, qtbot: QtBot) -> None:
    desk = chinese.desk.ctx
    with desk.sessions() as s:
        sue = s.scalars(select(User).where(User.username == "sue")).one()
    ctx = ServiceContext(desk.sessions, "CN", Actor(sue.id, sue.username, sue.role))
    window = SupervisorWindow(ctx, ctx)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    found: dict[str, list[str]] = {}
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        _check(f"supervisor, tab {tab}", window, found)
    changes = window.open_changes()
    _check("changes by person", changes, found)
    changes.close()
    assert not found, "\n".join(f"{where}:\n  " + "\n  ".join(t) for where, t in found.items())


def test_the_back_office_in_chinese(chinese: Running, qtbot: QtBot) -> None:
    """Every Supervise and Admin window an admin opens, each tab of each, in 简体中文."""
    desk = chinese.desk.ctx
    ctx = add_admin(ServiceContext(desk.sessions, "CN"), "艾达")
    # A second 张伟 on the same number: the likely duplicates show a pair, compared.
    customers.create_customer(
        ctx, customers.NewCustomer(name="张伟", phones=(("138 0013 8000", PhoneKind.MOBILE),))
    )
    window = SupervisorWindow(ctx, ctx)
    qtbot.addWidget(window)
    window.show()
    found: dict[str, list[str]] = {}
    _check("supervisor window with the Admin menu", window, found)
    for name, open_window in window.back_office.open.items():
        dialog = open_window()
        qtbot.wait(50)
        if name == "duplicates":
            qtbot.waitUntil(lambda d=dialog: d.model.rowCount() > 0, timeout=10_000)
            dialog.table.selectRow(0)
            qtbot.waitUntil(dialog.merge_button.isEnabled, timeout=10_000)
        _check(name, dialog, found, USERNAMES)
        tabs = getattr(dialog, "tabs", None)
        for tab in range(tabs.count() if tabs is not None else 0):
            tabs.setCurrentIndex(tab)
            _check(f"{name}, tab {tab}", dialog, found, USERNAMES)
        dialog.close()
    for name, open_window in (
        ("post an announcement", window.post_announcement),
        ("announcement receipts", window.open_receipts),
    ):
        dialog = open_window()
        _check(name, dialog, found)
        dialog.close()
    assert not found, "\n".join(f"{where}:\n  " + "\n  ".join(t) for where, t in found.items())
