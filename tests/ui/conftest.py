"""Fixtures for widget tests: one migrated SQLite store with the service tests' dictionary,
contexts signed in as an agent or a supervisor on a clock the test sets, and a customer.

Widgets are checked against the embedded mode's store; the services themselves are tested on
PostgreSQL too, so a second store here would only double the run time.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from callcenter.crm.customers import NewCustomer, create_customer
from callcenter.platform.context import Actor, ServiceContext
from callcenter.platform.records import CustomerProfile
from db.enums import PhoneKind
from tests.callcenter.conftest import People, admin, people
from tests.helpers import pulse
from tests.helpers.notification_service import NotificationService, notification_service
from ui.common import i18n
from ui.common.formatting import set_reading_region

__all__ = ["admin", "people"]  # the service tests' dictionary and users, shared as fixtures

#: A Wednesday morning in the machine's own zone (the desk shows local time): "this
#: afternoon", "tomorrow" and "next Monday" are all ahead of it.
START = dt.datetime(2026, 11, 25, 10, 30).astimezone()
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, delta: dt.timedelta) -> None:
        self.now += delta


@pytest.fixture(autouse=True)
def numbers_read_internationally() -> Iterator[None]:
    """Each test starts with no reading region (the desktop sets its own at start), so no
    test sees the one an earlier test's desktop left."""
    set_reading_region(None)
    yield
    set_reading_region(None)


@pytest.fixture(autouse=True)
def in_english(qapp: Any) -> Iterator[None]:
    """Widgets read in English, as a desktop started in English does: with the English
    catalogues' plural forms ("2 records"), whatever language an earlier test left."""
    i18n.install("en")
    yield


@pytest.fixture
def store_url(sqlite_url: str) -> str:
    """Widget tests run on SQLite only (see the module docstring)."""
    return sqlite_url


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


def _as(ctx: ServiceContext, actor: Actor, clock: Clock) -> ServiceContext:
    return ServiceContext(ctx.sessions, ctx.default_region, actor, clock)


@pytest.fixture
def agent_ctx(ctx: ServiceContext, people: People, clock: Clock) -> ServiceContext:
    """Signed in as the agent Ann, on the test's clock."""
    return _as(ctx, people.agent, clock)


@pytest.fixture
def supervisor_ctx(ctx: ServiceContext, people: People, clock: Clock) -> ServiceContext:
    """Signed in as the supervisor Sue, on the test's clock."""
    return _as(ctx, people.supervisor, clock)


@pytest.fixture
def customer(ctx: ServiceContext) -> CustomerProfile:
    """A customer with a Chinese name and one UK mobile number."""
    return create_customer(
        ctx, NewCustomer(name="王小明", phones=(("07700 900123", PhoneKind.MOBILE),))
    )


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    """Where screenshots go: ``docs/screenshots`` when CALLCENTER_SCREENSHOTS=1 asks to
    refresh the committed ones, else a temporary folder (a plain test run changes no file)."""
    if os.environ.get("CALLCENTER_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path


SPEAKER = "Null Output"
MICROPHONE = pulse.MICROPHONE


@pytest.fixture(scope="session")
def virtual_headset(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The private PulseAudio headset (tests/helpers/pulse.py) for the whole session: Qt
    Multimedia binds to the sound server once and must keep finding it."""
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
        pytest.skip("pulseaudio / pactl are not installed (scripts/setup installs them)")
    with (
        pulse.virtual_headset(tmp_path_factory.mktemp("pulse")) as env,
        pytest.MonkeyPatch.context() as patch,
    ):
        for name, value in env.items():
            patch.setenv(name, value)
        yield


def choose_outcome(log_panel: Any, code: str = "resolved") -> None:
    """Pick an outcome in the log panel if none is chosen yet, as an agent does before saving
    (a queue's calls need one, ``queues.outcome_required``)."""
    if log_panel.disposition.currentData() is None:
        log_panel.disposition.setCurrentIndex(log_panel.disposition.findData(code))


@pytest.fixture
def desktop_notifications(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[NotificationService]:
    """A real notification service (dunst on its own bus and X display), the session bus of
    whatever the test starts next."""
    with notification_service(tmp_path / "notifications") as service:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.bus_address)
        yield service
