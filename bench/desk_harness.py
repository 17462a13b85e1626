"""The real desktop, offscreen, registered through a real Kamailio, called by a real SIPp.

The screen-pop and soak benchmarks share it: it starts Kamailio, builds the desktop the way
``callcenter desktop`` does (``ui.app.build``) with a pjsua2 phone registered to that proxy,
signs the agent in Ready, and runs a SIPp scenario against the proxy while the Qt event loop
keeps turning. SIPp writes its screen to a file, not a pipe: a long run would fill a pipe and
stall it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from callcenter.crm.phones import to_e164
from callcenter.platform.config import Config
from telephony.audio import AudioBridge
from telephony.pjsua_phone import PjsuaPhone
from telephony.settings import SipSettings
from tests.telephony.peers import HOST, Kamailio, die_with_parent, free_port, make_certificate
from ui.app import Running, build

SCENARIOS = Path(__file__).with_name("scenarios")
#: What the offscreen platform says for every window it cannot really place or raise.
OFFSCREEN_CHATTER = ("does not support propagateSizeHints", "does not support raise")
PASSWORD = "bench-Pa55"
SIP_USER = "agent"
#: How often a benchmark running the event loop checks whether to stop.
CHECK_MS = 5


def _qt_message(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if not any(chatter in message for chatter in OFFSCREEN_CHATTER):
        sys.stderr.write(f"qt: {message}\n")


def run_loop(done: Callable[[], bool], seconds: float) -> bool:
    """Run the desktop's event loop, as ``app.exec()`` does, until ``done()`` or ``seconds``
    have passed (checked every few milliseconds); whether ``done()`` came true.

    A loop of ``processEvents()`` and a millisecond's sleep delivered an event up to that
    sleep late (about 1 ms of every pop); the event loop wakes as soon as one is posted.
    """
    deadline = time.monotonic() + seconds
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(CHECK_MS)

    def check() -> None:
        if done() or time.monotonic() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    if not done():
        loop.exec()
    timer.stop()
    return done()


def pump(seconds: float) -> None:
    """Let the desktop run for a while (Qt events are delivered meanwhile)."""
    run_loop(lambda: False, seconds)


def pump_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    if not run_loop(condition, seconds):
        raise RuntimeError(f"the desktop did not get there in time: {what}")


@dataclass(frozen=True)
class SippRun:
    returncode: int
    workdir: Path

    def screen(self) -> str:
        return (self.workdir / "sipp.out").read_text(errors="replace")

    def rtt_ms(self, rtd: str) -> list[float]:
        """Response times SIPp measured for the ``rtd`` of that name (``-trace_rtt``)."""
        values = []
        for path in self.workdir.glob("*_rtt.csv"):
            for line in path.read_text().splitlines()[1:]:
                parts = line.split(";")
                if len(parts) >= 3 and parts[2].strip() == rtd:
                    values.append(float(parts[1]))
        return values

    def logged(self) -> list[list[str]]:
        """Lines the scenario's ``<log>`` actions wrote, split on spaces."""
        return [
            line.split()
            for path in self.workdir.glob("*_logs.log")
            for line in path.read_text().splitlines()
            if line.strip()
        ]

    def failed_calls(self) -> int | None:
        """SIPp's own count of failed calls, from its final statistics (None if absent)."""
        for path in self.workdir.glob("*_screen.log"):
            for line in path.read_text(errors="replace").splitlines():
                if line.strip().startswith("Failed call"):
                    return int(line.split("|")[2].split()[0])
        return None


class DesktopUnderTest:
    """One running desktop and its proxy; use as a context manager."""

    def __init__(self, config: Config, work: Path) -> None:
        """``work`` is emptied first: the run's event log and SIPp files are read back."""
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        self.work = work
        self.events_path = work / "events.jsonl"
        self.config = replace(config, event_log=self.events_path)
        self.kamailio: Kamailio | None = None
        self.running: Running | None = None

    def __enter__(self) -> DesktopUnderTest:
        (self.work / "kamailio").mkdir(parents=True, exist_ok=True)
        self.kamailio = Kamailio(
            port=free_port(),
            tls_port=free_port(),
            workdir=self.work / "kamailio",
            users={SIP_USER: PASSWORD},
            cert_file=make_certificate(self.work / "kamailio"),
        )
        self.kamailio.start()
        self.app = QApplication.instance() or QApplication(sys.argv)
        qInstallMessageHandler(_qt_message)
        settings = SipSettings(
            registrar_host=HOST,
            registrar_port=self.kamailio.port,
            username=SIP_USER,
            bind_address=HOST,
            local_port=free_port(),
        )
        region = self.config.default_region

        def make_phone(audio: AudioBridge) -> PjsuaPhone:
            phone = PjsuaPhone(settings, normalise=lambda n: to_e164(n, region), audio=audio)
            phone.start()
            phone.register(PASSWORD)
            return phone

        self.running = build(self.config, self.config.agent_username, make_phone)
        window = self.running.window
        window.resize(1366, 768)
        window.show()
        pump_until(lambda: "registered" in window.reg_label.text(), 15, "SIP registration")
        self._finish_recovered_logs()
        self.running.desk.state.set_ready()
        pump(0.5)
        return self

    def _finish_recovered_logs(self) -> None:
        """Save the logs an interrupted earlier run left (the desktop brings them back one at
        a time), as an agent would before going Ready."""
        assert self.running is not None
        window = self.running.window
        for _ in range(1000):
            if window.calls.current is None:
                return
            log = window.log_panel
            log.disposition.setCurrentIndex(max(1, log.disposition.currentIndex()))
            if not log.notes.toPlainText().strip():
                log.notes.setPlainText("Recovered after an interrupted benchmark run.")
            log.save.click()
            pump(0.05)
        raise RuntimeError("recovered call logs would not save")

    def __exit__(self, *_exc: object) -> None:
        if self.running is not None:
            self.running.window.hide()
            self.running.close()
        if self.kamailio is not None:
            self.kamailio.stop()

    @property
    def desk_running(self) -> Running:
        assert self.running is not None
        return self.running

    def call(
        self,
        scenario: str,
        callers: list[str],
        *,
        name: str,
        rate: float,
        limit: int | None = None,
        hold_ms: int = 200,
        timeout_s: int = 600,
    ) -> SippRun:
        """Run SIPp: one call per caller number, through the proxy to the agent."""
        assert self.kamailio is not None
        workdir = self.work / name
        workdir.mkdir(parents=True, exist_ok=True)
        inf = workdir / "callers.csv"
        inf.write_text("SEQUENTIAL\n" + "".join(f"{n};\n" for n in callers), encoding="utf-8")
        args = [
            "sipp",
            self.kamailio.address,
            "-sf",
            str((SCENARIOS / scenario).resolve()),
            "-i",
            HOST,
            "-p",
            str(free_port()),
            "-mi",
            HOST,
            "-mp",
            str(free_port()),
            "-s",
            SIP_USER,
            "-m",
            str(len(callers)),
            "-inf",
            str(inf),
            "-r",
            str(rate),
            "-d",
            str(hold_ms),
            "-nostdin",
            "-timeout",
            f"{timeout_s}s",
            "-timeout_error",
            "-trace_rtt",
            "-rtt_freq",
            "1",
            "-trace_logs",
            "-trace_screen",
            "-trace_err",
        ]
        if limit is not None:
            args += ["-l", str(limit)]
        with (workdir / "sipp.out").open("wb") as out:
            process = subprocess.Popen(
                die_with_parent(args),
                cwd=workdir,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            if not run_loop(lambda: process.poll() is not None, timeout_s + 30):
                process.kill()
            returncode = process.wait()
        pump(0.5)
        return SippRun(returncode, workdir)

    def events(self) -> list[dict[str, Any]]:
        return [
            json.loads(line)
            for line in self.events_path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
