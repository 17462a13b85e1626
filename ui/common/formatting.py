"""How values read on screen: phone numbers, times in the agent's local zone, money,
durations, enums."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from PySide6.QtCore import QCoreApplication

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


def local_time(value: dt.datetime | None, with_date: bool = True) -> str:
    if value is None:
        return ""
    local = value.astimezone()
    return local.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


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
    return local_time(value).split(" ")[0]


def money(minor: int, currency: str | None) -> str:
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole:,}.{cents:02d} {currency or ''}".strip()


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
