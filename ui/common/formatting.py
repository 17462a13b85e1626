"""How values read on screen: phone numbers, times in the agent's local zone, money,
durations, enums."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from callcenter.crm.phones import display
from callcenter.work.sla import SlaState
from ui.common.i18n import translate
from ui.common.labels import LABELS

#: Colours readable on a light background; the state is also written out, not colour alone.
SLA_COLOURS: dict[SlaState, str] = {
    SlaState.NEAR: "#b35c00",
    SlaState.BREACHED: "#c62828",
    SlaState.MET: "#2e7d32",
}


#: The region numbers are written for (the desk's ``default_region``), set once at start.
_reading_region: str | None = None


def set_reading_region(region: str | None) -> None:
    """Numbers from now on read as the desk's agents write them (like a default locale)."""
    global _reading_region  # noqa: PLW0603 - one setting for every widget, as QLocale's default
    _reading_region = region


def phone(e164: str | None) -> str:
    """A stored number for reading: national in the desk's region, international elsewhere."""
    return display(e164, _reading_region) if e164 else ""


def date_format() -> str:
    """The reader's short date (QLocale's default: 25/11/2026 in en_GB, 2026/11/25 in zh_CN),
    always with the whole year."""
    shown = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return shown if "yyyy" in shown else shown.replace("yy", "yyyy")


def time_format() -> str:
    """The reader's hours and minutes (14:30, or 2:30 PM where that is how it is read)."""
    return QLocale().timeFormat(QLocale.FormatType.ShortFormat)


def datetime_format() -> str:
    """A date and time editor's display: weekday, date and time as the reader writes them."""
    return f"ddd {date_format()} {time_format()}"


def _qt(local: dt.datetime) -> QDateTime:
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def local_time(value: dt.datetime | None, with_date: bool = True) -> str:
    """A moment in the agent's own zone, written the reader's way."""
    if value is None:
        return ""
    shown = f"{date_format()} {time_format()}" if with_date else time_format()
    return QLocale().toString(_qt(value.astimezone()), shown)


def local_date(value: dt.datetime) -> str:
    return QLocale().toString(_qt(value.astimezone()), date_format())


def ago(value: dt.datetime | None, now: dt.datetime) -> str:
    """How long ago, in the words an agent would say: "today", "yesterday", "3 days ago"."""
    if value is None:
        return QCoreApplication.translate("Formatting", "never")
    days = (now.astimezone().date() - value.astimezone().date()).days
    if days <= 0:
        return QCoreApplication.translate("Formatting", "today {time}").format(
            time=local_time(value, with_date=False)
        )
    if days == 1:
        return QCoreApplication.translate("Formatting", "yesterday")
    if days < 60:
        return QCoreApplication.translate("Formatting", "{count} days ago").format(count=days)
    return local_date(value)


def money(minor: int, currency: str | None) -> str:
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    locale = QLocale()
    amount = f"{sign}{locale.toString(whole)}{locale.decimalPoint()}{cents:02d}"
    return f"{amount} {currency or ''}".strip()


def duration(seconds: float) -> str:
    seconds = max(int(seconds), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def label(value: Enum | str | None) -> str:
    """``waiting_on_customer`` -> ``Waiting on customer``, in the interface's language."""
    if value is None:
        return ""
    text = str(value.value if isinstance(value, Enum) else value)
    words = LABELS.get(text)
    return translate("Labels", words) if words else text.replace("_", " ").capitalize()
