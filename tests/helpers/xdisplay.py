"""A real X server for tests that must run where people run the desktop (Qt's xcb platform,
not offscreen): Xvfb on a display number it picks itself, and a screenshot of its root window.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.telephony.peers import die_with_parent


class DisplayError(RuntimeError):
    """Xvfb is not installed or would not start."""


@contextmanager
def virtual_display(width: int = 1366, height: int = 768) -> Iterator[str]:
    """Run Xvfb; yields its ``DISPLAY`` (e.g. ``:3``). ``-displayfd`` has the server choose a
    free display and write its number once it accepts clients, so there is nothing to poll."""
    if shutil.which("Xvfb") is None:
        raise DisplayError("Xvfb is not installed (scripts/setup installs xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        die_with_parent(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                f"{width}x{height}x24",
                "-nolisten",
                "tcp",
            ]
        ),
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        if not number:
            raise DisplayError(f"Xvfb did not start (exit status {server.poll()})")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def screenshot(display: str, out: Path) -> Path:
    """The whole screen as a PNG (ImageMagick's ``import``)."""
    subprocess.run(
        ["import", "-display", display, "-window", "root", str(out)],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return out


def visible_windows(display: str, pid: int, timeout: float) -> list[str]:
    """Ids of the mapped windows of process ``pid``, waiting up to ``timeout`` for one."""
    found = subprocess.run(
        ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(pid)],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return found.stdout.split()
