"""The desktop on a real X display (Xvfb, Qt's xcb platform plugin), started the way a new
user starts it: ``callcenter demo``. Offscreen runs never load the xcb plugin, so only this
catches a system library Qt needs for X11 and the set-up forgot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.helpers.xdisplay import screenshot, virtual_display, visible_windows
from tests.telephony.peers import die_with_parent

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def display() -> Iterator[str]:
    with virtual_display(1366, 768) as name:
        yield name


def _events(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_demo_maps_its_window_on_a_real_display(display: str, tmp_path: Path, qapp: object) -> None:
    events = tmp_path / "events.jsonl"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_SERVER": f"unix:{runtime}/no-sound-server",  # a desk whose sound is missing
        "QT_LOGGING_RULES": "qt.multimedia*=false",
    }
    with (tmp_path / "desktop.log").open("wb") as log:
        desktop = subprocess.Popen(
            die_with_parent(
                [
                    sys.executable,
                    "-m",
                    "callcenter",
                    "demo",
                    "--folder",
                    str(tmp_path / "demo"),
                    "--customers",
                    "200",
                    "--event-log",
                    str(events),
                ]
            ),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        while not any(e["event"] == "desktop.ready" for e in _events(events)):
            output = (tmp_path / "desktop.log").read_text(errors="replace")[-2000:]
            assert desktop.poll() is None, f"the desktop exited: {output}"
            assert time.monotonic() < deadline, f"no desktop.ready within 120 s: {output}"
            time.sleep(0.2)  # the event log is a file; nothing to wait on but its lines
        windows = visible_windows(display, desktop.pid, timeout=30)
        assert windows, "desktop.ready was logged but no window of the desktop is mapped"
        info = subprocess.run(
            ["xwininfo", "-display", display, "-id", windows[0]],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Map State: IsViewable" in info
        shot = screenshot(display, tmp_path / "screen.png")
        image = QImage(str(shot)).scaled(137, 77)
        assert (image.width(), image.height()) == (137, 77)
        colours = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
        assert len(colours) > 20, "the screen is (nearly) one colour: nothing was drawn"
        (audio,) = [e for e in _events(events) if e["event"] == "audio.devices"]
        assert audio["problem"] == (
            "No audio devices: calls are silent (no sound server, or no sound card)"
        )
    finally:
        desktop.terminate()
        try:
            desktop.wait(timeout=15)
        except subprocess.TimeoutExpired:
            desktop.kill()
            desktop.wait()
