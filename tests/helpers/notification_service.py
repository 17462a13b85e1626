"""A real freedesktop notification service for tests: a private session bus (dbus-daemon),
Xvfb and dunst drawing the notices on it, driven the way a person would through ``dunstctl``:
a click on a notice (its default action) or a choice in its action menu.

dunst shows a notice's actions in a menu it draws with dmenu; here that "dmenu" is a small
script that picks the line naming the action the test asks for (written to a file first),
so the action goes through dunst and the bus exactly as a person's choice does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.xdisplay import virtual_display
from tests.telephony.peers import die_with_parent

PICKER = """#!/bin/sh
# dunst's action menu: pick the action the test wrote down ("#Reject (Incoming call) [2,reject]").
grep -F -- "$(cat '{wanted}')" | head -n 1
"""


class ServiceError(RuntimeError):
    """dbus-daemon or dunst is not installed or did not start."""


@dataclass
class NotificationService:
    bus_address: str
    workdir: Path

    def _ctl(self, *args: str) -> str:
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.bus_address}
        done = subprocess.run(
            ["dunstctl", *args], env=env, capture_output=True, text=True, timeout=10, check=True
        )
        return done.stdout.strip()

    def displayed(self) -> int:
        """How many notices are on the screen now."""
        return int(self._ctl("count", "displayed"))

    def click(self) -> None:
        """Click the newest notice (its default action)."""
        self._ctl("action", "0")

    def choose(self, label: str) -> None:
        """Open the newest notice's action menu and choose the action shown as ``label``."""
        (self.workdir / "wanted").write_text(f"#{label} ", encoding="utf-8")
        self._ctl("context")

    def wait_displayed(self, count: int, timeout_s: float = 5.0) -> None:
        deadline = time.monotonic() + timeout_s
        while self.displayed() != count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.displayed()} notices shown, not {count}")
            time.sleep(0.05)


@contextmanager
def notification_service(workdir: Path) -> Iterator[NotificationService]:
    for tool in ("dbus-daemon", "dunst", "dunstctl"):
        if shutil.which(tool) is None:
            raise ServiceError(f"{tool} is not installed (scripts/setup installs dbus and dunst)")
    workdir.mkdir(parents=True, exist_ok=True)
    picker = workdir / "pick-action"
    picker.write_text(PICKER.format(wanted=workdir / "wanted"), encoding="utf-8")
    picker.chmod(0o755)
    (workdir / "wanted").write_text("", encoding="utf-8")
    config = workdir / "dunstrc"
    config.write_text(f"[global]\n    dmenu = {picker}\n", encoding="utf-8")
    bus = subprocess.Popen(
        die_with_parent(["dbus-daemon", "--session", "--nofork", "--print-address=1"]),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    if not address:
        raise ServiceError(f"dbus-daemon did not start (exit status {bus.poll()})")
    try:
        with virtual_display(800, 600) as display:
            env = {**os.environ, "DISPLAY": display, "DBUS_SESSION_BUS_ADDRESS": address}
            dunst = subprocess.Popen(
                die_with_parent(["dunst", "-config", str(config)]),
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            service = NotificationService(address, workdir)
            try:
                _wait_for_dunst(service, dunst)
                yield service
            finally:
                dunst.terminate()
                dunst.wait(timeout=10)
    finally:
        bus.terminate()
        bus.wait(timeout=10)


def _wait_for_dunst(service: NotificationService, dunst: subprocess.Popen[bytes]) -> None:
    """dunst owns its bus name a moment after it starts; dunstctl answers once it does."""
    deadline = time.monotonic() + 10
    while True:
        if dunst.poll() is not None:
            raise ServiceError(f"dunst exited with status {dunst.returncode}")
        try:
            service.displayed()
            return
        except subprocess.CalledProcessError:
            if time.monotonic() > deadline:
                raise ServiceError("dunst did not take org.freedesktop.Notifications") from None
            time.sleep(0.05)
