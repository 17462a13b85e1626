"""Fixtures for widget tests: one migrated SQLite store with the service tests' dictionary,
contexts signed in as an agent or a supervisor on a clock the test sets, and a customer.

Widgets are checked against the embedded mode's store; the services themselves are tested on
PostgreSQL too, so a second store here would only double the run time.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from callcenter.context import Actor, ServiceContext
from callcenter.customers import NewCustomer, create_customer
from callcenter.records import CustomerProfile
from db.enums import PhoneKind
from tests.callcenter.conftest import People, people
from tests.telephony.peers import die_with_parent

__all__ = ["people"]  # the dictionary and users of the service tests, shared as a fixture

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
MICROPHONE = "HeadsetMic"


@pytest.fixture(scope="session")
def virtual_headset(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A private PulseAudio daemon with one speaker and one microphone for the UI tests.

    Session-wide: Qt Multimedia binds to the sound server the first time it is used, so the
    daemon must be up before any test opens an audio device and stay up after."""
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
        pytest.skip("pulseaudio / pactl are not installed (scripts/setup installs them)")
    runtime = tmp_path_factory.mktemp("pulse")
    runtime.chmod(0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(runtime)}
    daemon = subprocess.Popen(
        die_with_parent(
            [
                "pulseaudio",
                "--exit-idle-time=-1",
                "--daemonize=no",
                "-n",
                "--load=module-null-sink sink_name=headset",
                "--load=module-native-protocol-unix",
            ]
        ),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while (
            subprocess.run(["pactl", "info"], env=env, capture_output=True, check=False).returncode
            != 0
        ):
            if daemon.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the PulseAudio daemon did not start")
            time.sleep(0.1)  # the daemon offers nothing to wait on but its socket
        subprocess.run(
            [
                "pactl",
                "load-module",
                "module-remap-source",
                "master=headset.monitor",
                "source_name=mic",
                f"source_properties=device.description={MICROPHONE}",
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=30,
        )
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("XDG_RUNTIME_DIR", str(runtime))
            patch.setenv("PULSE_SERVER", f"unix:{Path(runtime) / 'pulse' / 'native'}")
            yield
    finally:
        daemon.terminate()
        daemon.wait(10)
