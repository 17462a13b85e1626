"""A private PulseAudio daemon playing a headset: one speaker (a null sink) and a microphone
(its monitor, remapped so Qt lists it as an input). Used by the UI tests and the benchmarks.

Qt Multimedia binds to the sound server the first time it is used, so the daemon must be up
before anything opens an audio device, and ``PULSE_SERVER`` / ``XDG_RUNTIME_DIR`` must name it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.telephony.peers import die_with_parent

MICROPHONE = "HeadsetMic"


class HeadsetError(RuntimeError):
    """PulseAudio is not installed or would not start."""


@contextmanager
def virtual_headset(runtime: Path) -> Iterator[dict[str, str]]:
    """Run the daemon with its socket under ``runtime``; yields the environment that points
    a process at it."""
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
        raise HeadsetError("pulseaudio / pactl are not installed (scripts/setup installs them)")
    runtime.mkdir(parents=True, exist_ok=True)
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
                raise HeadsetError("the PulseAudio daemon did not start")
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
        yield {
            "XDG_RUNTIME_DIR": str(runtime),
            "PULSE_SERVER": f"unix:{runtime / 'pulse' / 'native'}",
        }
    finally:
        daemon.terminate()
        daemon.wait(10)
