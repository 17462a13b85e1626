"""Names sorted as the reader sorts them (issue 16): the interface's locale's collation (ICU),
in the helpers, the tables' sort and the lists the dialogs offer.

The orders asserted are ICU's (CLDR's) rules, measured on this machine:

- 简体中文 (zh_CN) sorts Chinese by pinyin (安 an, 陈 chen, 李 li, 王 wang, 张 zhang, 赵 zhao)
  and puts the Han script before Latin: every Chinese name, then every Latin one.
- English (en_GB, the root collation) puts Latin letters before Han, and Han among itself by
  code point (安 U+5B89, 张 U+5F20, 李 U+674E, 王 U+738B, 陈 U+9648), not by reading.
- In both, upper and lower case sort alike and the numbers inside a text by their value.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QLocale, QPoint, Qt
from pytestqt.qtbot import QtBot

from callcenter.platform.context import ServiceContext
from db.enums import Priority, Role
from db.models import User
from tests.callcenter.conftest import People
from ui.common import i18n
from ui.common.collation import collator, sorted_names
from ui.common.models import Column, RecordTableModel, SnapshotTableModel, SortProxy
from ui.common.tables import make_table
from ui.work.service_request_dialog import ServiceRequestDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CHINESE = ["张伟", "李娜", "王芳", "陈静", "赵敏", "安娜"]
IN_PINYIN = ["安娜", "陈静", "李娜", "王芳", "张伟", "赵敏"]
MIXED = ["Zoe", "张伟", "alice", "李娜", "Bob", "王芳", "安娜", "陈静"]
MIXED_IN_ENGLISH = ["alice", "Bob", "Zoe", "安娜", "张伟", "李娜", "王芳", "陈静"]
MIXED_IN_CHINESE = ["安娜", "陈静", "李娜", "王芳", "张伟", "alice", "Bob", "Zoe"]


@pytest.fixture
def in_chinese(qapp: Any) -> Iterator[None]:
    i18n.install("zh_CN")
    try:
        yield
    finally:
        i18n.install("en")


@dataclass(frozen=True)
class Row:
    name: str | None
    tries: int | None = None
    priority: Priority = Priority.NORMAL


COLUMNS: tuple[Column[Row], ...] = (
    Column("Name", lambda r: r.name),
    Column("Tries", lambda r: r.tries),
    Column("Priority", lambda r: r.priority),
)


def shown(proxy: QAbstractItemModel, column: int = 0) -> list[str]:
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_chinese_names_in_pinyin_order(in_chinese: None) -> None:
    assert QLocale().name() == "zh_CN"
    assert collator().compare("张伟", "李娜") > 0  # zhang after li
    assert sorted_names(CHINESE) == IN_PINYIN
    assert sorted(CHINESE) != IN_PINYIN  # code points would not do it


def test_mixed_names_in_english_latin_first() -> None:
    assert QLocale().name() == "en_GB"
    assert sorted_names(MIXED) == MIXED_IN_ENGLISH


def test_mixed_names_in_chinese_chinese_first(in_chinese: None) -> None:
    assert sorted_names(MIXED) == MIXED_IN_CHINESE


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_numbers_inside_names_by_value(qapp: Any, language: str) -> None:
    i18n.install(language)
    try:
        assert sorted_names(["SR-10", "SR-9", "SR-100", "SR-1"]) == [
            "SR-1",
            "SR-9",
            "SR-10",
            "SR-100",
        ]
        assert sorted_names(["Queue 10", "Queue 2"]) == ["Queue 2", "Queue 10"]
    finally:
        i18n.install("en")


def test_case_does_not_matter() -> None:
    assert collator().compare("alice", "ALICE") == 0
    assert sorted(["bob", "Alice", "Bob", "alice"]) == ["Alice", "Bob", "alice", "bob"]
    # Alike names keep their order (a stable sort).
    assert sorted_names(["bob", "Alice", "Bob", "alice"]) == ["Alice", "alice", "bob", "Bob"]


def test_sorted_names_by_a_key() -> None:
    people = [(3, "Zoe"), (1, "alice"), (2, "Bob")]
    assert sorted_names(people, key=lambda p: p[1]) == [(1, "alice"), (2, "Bob"), (3, "Zoe")]


@pytest.mark.parametrize("model_type", [RecordTableModel, SnapshotTableModel])
def test_a_table_sorted_by_its_name_column(qtbot: QtBot, model_type: type) -> None:
    model = model_type(COLUMNS)
    model.set_rows([Row(name) for name in MIXED])
    table = make_table(model)
    qtbot.addWidget(table)
    proxy = table.model()
    assert shown(proxy) == MIXED  # the service's order until a header is clicked
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == MIXED_IN_ENGLISH
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == MIXED_IN_ENGLISH[::-1]


def test_a_language_switched_sorts_the_next_sort_anew(qtbot: QtBot) -> None:
    model: RecordTableModel[Row] = RecordTableModel(COLUMNS)
    model.set_rows([Row(name) for name in MIXED])
    table = make_table(model)
    qtbot.addWidget(table)
    proxy = table.model()
    table.show()
    qtbot.waitExposed(table)
    header = table.horizontalHeader()

    def click_name_header() -> None:
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionSize(0) // 2, 5)
        )

    click_name_header()
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert shown(proxy) == MIXED_IN_ENGLISH
    i18n.install("zh_CN")
    try:
        click_name_header()
        assert shown(proxy) == MIXED_IN_CHINESE[::-1]
        click_name_header()
        assert shown(proxy) == MIXED_IN_CHINESE
        i18n.install("en")
        # A refresh re-sorts the list by the column chosen, in the language now.
        model.set_rows([Row(name) for name in reversed(MIXED)])
        assert shown(proxy) == MIXED_IN_ENGLISH
    finally:
        i18n.install("en")


def test_names_and_numbers_in_a_table(in_chinese: None) -> None:
    model: SnapshotTableModel[Row] = SnapshotTableModel(COLUMNS)
    model.set_rows([Row(name) for name in ["SR-10", "张伟", "sr-9", "李娜", "SR-100"]])
    proxy = SortProxy(model)
    proxy.sort(0)
    assert shown(proxy) == ["李娜", "张伟", "sr-9", "SR-10", "SR-100"]


def test_empty_cells_last_numbers_and_fixed_sets_in_their_own_order(qapp: Any) -> None:
    model: RecordTableModel[Row] = RecordTableModel(COLUMNS)
    model.set_rows(
        [
            Row("Bob", 10, Priority.URGENT),
            Row(None, None, Priority.LOW),
            Row("", 9, Priority.HIGH),
            Row("alice", 100, Priority.NORMAL),
        ]
    )
    proxy = SortProxy(model)
    proxy.sort(0)
    assert shown(proxy) == ["alice", "Bob", "", ""]  # no name (empty, None) last
    proxy.sort(1)
    assert shown(proxy, 1) == ["9", "10", "100", ""]  # numbers as numbers, not text
    proxy.sort(2)
    assert shown(proxy, 2) == ["low", "normal", "high", "urgent"]  # as declared, not a-z


def test_each_cell_is_read_once_a_sort(qapp: Any) -> None:
    """The collator's key is made once a cell (not once a comparison) and sorts afresh."""
    read: list[str] = []

    def words(name: str) -> str:
        read.append(name)
        return name

    model: RecordTableModel[Row] = RecordTableModel([Column("Name", lambda r: r.name, words)])
    names = [f"Agent {n}" for n in range(300, 0, -1)]
    model.set_rows([Row(name) for name in names])
    proxy = SortProxy(model)
    proxy.sort(0)
    assert len(read) == len(names)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)  # the locale may have changed: read again
    assert len(read) == 2 * len(names)
    assert shown(proxy)[:2] == ["Agent 300", "Agent 299"]  # (showing reads the words too)
    proxy.sort(0)
    assert shown(proxy)[:3] == ["Agent 1", "Agent 2", "Agent 3"]


def _chinese_colleagues(ctx: ServiceContext) -> None:
    with ctx.sessions.begin() as s:
        s.add_all(
            User(id=uuid.uuid4(), username=f"u{n}", display_name=name, role=Role.AGENT)
            for n, name in enumerate(["张伟", "李娜", "王芳"])
        )


def test_the_assignees_offered_by_name(
    qtbot: QtBot, agent_ctx: ServiceContext, people: People
) -> None:
    _chinese_colleagues(agent_ctx)

    def offered() -> list[str]:
        dialog = ServiceRequestDialog(agent_ctx)
        qtbot.addWidget(dialog)
        texts = [dialog.assignee.itemText(i) for i in range(dialog.assignee.count())]
        return [text.split(" (")[0] for text in texts[1:]]  # after "Unassigned"

    assert offered() == ["Ann", "Bob", "Sue", "张伟", "李娜", "王芳"]
    i18n.install("zh_CN")
    try:
        assert offered() == ["李娜", "王芳", "张伟", "Ann", "Bob", "Sue"]
    finally:
        i18n.install("en")
