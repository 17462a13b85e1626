"""Dates, times, numbers and the week as the reader's locale writes them (QLocale)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QCalendarWidget, QDateTimeEdit
from pytestqt.qtbot import QtBot

from ui.common import i18n
from ui.common.formatting import ago, datetime_format, local_time, money

MOMENT = dt.datetime(2026, 11, 30, 14, 5).astimezone()


@pytest.fixture
def reader(qapp: QCoreApplication) -> Iterator[None]:
    yield
    i18n.install("en")


@pytest.mark.parametrize(
    ("language", "region", "expected"),
    [
        ("en", "GB", ("30/11/2026 14:05", "30/11/2026", "1,234,567.89 GBP")),
        ("zh_CN", "CN", ("2026/11/30 14:05", "2026/11/30", "1,234,567.89 GBP")),
        # Qt writes a narrow no-break space before PM, as CLDR does.
        ("en", "US", ("11/30/2026 2:05\u202fPM", "11/30/2026", "1,234,567.89 GBP")),
    ],
)
def test_times_dates_and_money_read_the_readers_way(
    reader: None, language: str, region: str, expected: tuple[str, str, str]
) -> None:
    when, day, amount = expected
    i18n.install(language, region)
    assert local_time(MOMENT) == when
    assert ago(MOMENT, MOMENT + dt.timedelta(days=90)) == day
    assert money(123456789, "GBP") == amount


@pytest.mark.parametrize(
    ("language", "region", "first"),
    [("zh_CN", "CN", Qt.DayOfWeek.Monday), ("en", "US", Qt.DayOfWeek.Sunday)],
)
def test_date_pickers_start_the_week_where_the_reader_does(
    reader: None, qtbot: QtBot, language: str, region: str, first: Qt.DayOfWeek
) -> None:
    i18n.install(language, region)
    edit = QDateTimeEdit()
    qtbot.addWidget(edit)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(datetime_format())
    calendar = edit.calendarWidget()
    assert isinstance(calendar, QCalendarWidget)
    assert calendar.firstDayOfWeek() == first
    assert QLocale().firstDayOfWeek() == first
