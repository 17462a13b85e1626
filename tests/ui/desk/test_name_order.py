"""The desk's lists of names in the reader's order (issue 16): the transfer directory, the
customers sharing a caller's number, the outcomes and the not-ready reasons; pinyin in 简体中文
(Chinese names before Latin ones), letters before Chinese in English (see
tests/ui/common/test_collation.py for ICU's rules)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from callcenter.crm.customers import NewCustomer, create_customer
from callcenter.desk.screenpop import CallerInfo, pop_for
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import Code
from db.enums import PhoneKind
from ui.common import i18n
from ui.desk.call_panel import CallPanel, directory_order
from ui.desk.caller_panel import ChooserPanel
from ui.desk.log_panel import LogPanel


@pytest.fixture
def in_chinese(qapp: Any) -> Iterator[None]:
    i18n.install("zh_CN")
    try:
        yield
    finally:
        i18n.install("en")


def test_the_directory_by_kind_then_name() -> None:
    listed = ["Queue: Support", "Queue: Billing", "Agent: Zoe", "Agent: 张伟", "Agent: alice"]
    assert directory_order(listed) == [
        "Queue: Billing",
        "Queue: Support",
        "Agent: alice",
        "Agent: Zoe",
        "Agent: 张伟",
    ]


def test_the_directory_in_chinese(in_chinese: None) -> None:
    # 账单 zhang dan before 支持 zhi chi; 李 li, 张 zhang, then the Latin name.
    listed = ["队列：支持", "队列：账单", "座席：张伟", "座席：Bob", "座席：李娜"]
    assert directory_order(listed) == [
        "队列：账单",
        "队列：支持",
        "座席：李娜",
        "座席：张伟",
        "座席：Bob",
    ]


def test_the_transfer_question_offers_recent_targets_then_the_directory(qtbot: QtBot) -> None:
    panel = CallPanel()
    qtbot.addWidget(panel)
    directory = {"Queue: Support": "+442079460000", "Agent: Zoe": "zoe", "Agent: alice": "alice"}
    panel.set_directory(lambda: dict(directory))
    offered: list[list[str]] = []

    def answer(text: str | None) -> None:
        """Read the question the agent sees, then pick ``text`` (None: cancel)."""
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        offered.append(dialog.comboBoxItems())
        if text is None:
            dialog.reject()
        else:
            dialog.setTextValue(text)
            dialog.accept()

    QTimer.singleShot(0, lambda: answer("sip:42@pbx"))
    assert panel._choose_target("Blind transfer", "Transfer the caller to:") == "sip:42@pbx"
    QTimer.singleShot(0, lambda: answer(None))
    assert panel._choose_target("Blind transfer", "Transfer the caller to:") is None
    assert offered == [
        ["Queue: Support", "Agent: alice", "Agent: Zoe"],
        ["sip:42@pbx", "Queue: Support", "Agent: alice", "Agent: Zoe"],  # used lately first
    ]


def _sharing_a_number(ctx: ServiceContext) -> None:
    for name in ("张伟", "Bob", "李娜", "alice"):
        create_customer(ctx, NewCustomer(name=name, phones=(("07700 900555", PhoneKind.MOBILE),)))


def test_the_customers_sharing_a_number_by_name(qtbot: QtBot, ctx: ServiceContext) -> None:
    _sharing_a_number(ctx)
    pop = pop_for(ctx, CallerInfo("c1", "07700 900555", "+447700900555", None, False))
    chooser = ChooserPanel()
    qtbot.addWidget(chooser)
    chooser.show_pop(pop)

    def names() -> list[str]:
        return [
            chooser.matches.item(i).text().split("\n")[0] for i in range(chooser.matches.count())
        ]

    assert names() == ["alice", "Bob", "张伟", "李娜"]
    chooser.matches.setCurrentRow(1)  # Bob
    i18n.install("zh_CN")
    try:
        chooser.retranslate()
        assert names() == ["李娜", "张伟", "alice", "Bob"]
        assert chooser.matches.currentItem().text().startswith("Bob\n")  # the same record chosen
    finally:
        i18n.install("en")


def test_the_outcomes_by_name(qtbot: QtBot) -> None:
    panel = LogPanel([Code("z", "Zero sale"), Code("c", "complaint"), Code("r", "Resolved")])
    qtbot.addWidget(panel)
    texts = [panel.disposition.itemText(i) for i in range(panel.disposition.count())]
    assert texts[1:] == ["complaint", "Resolved", "Zero sale"]  # after "— choose an outcome —"
