"""Soak: calls back to back through the real desktop, as an agent takes them all day.

Usage: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python bench/soak.py --config DESK.toml
       [--calls 2000]

SIPp calls the offscreen desktop through Kamailio one call at a time. For every call the
record pops, the agent clicks Answer, talks, the caller hangs up, and the agent picks an
outcome, types a note and clicks Save & Ready — the same buttons a person uses; every log is
written to the local store and its outbox and replicated. Every tenth call the agent is still
in wrap-up when the next call rings: its log waits while the next call is answered and
logged, then comes back and is saved. A call fails if SIPp counts it
failed, or if its pop or its saved log is missing. Memory (resident set, after a garbage
collection) is read after a warm-up and then every tenth of the run.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from bench.desk_harness import DesktopUnderTest
from bench.report import Section, Series
from bench.screenpop import P99_MS, callers, part_series
from callcenter.desk.desk import CallFinished, DeskEvent
from callcenter.platform import config as config_module
from callcenter.platform.config import Config

GROWTH_MIB = 20.0
WARM_UP = 100
#: Every so many calls the next one rings while the last log is still open.
DURING_WRAP_UP_EVERY = 10


def rss_mib() -> float:
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


class Agent:
    """Answers every pop and logs every call, through the window's own widgets."""

    def __init__(self, desk: DesktopUnderTest, calls: int) -> None:
        self.running = desk.desk_running
        self.window = self.running.window
        self.calls = calls
        self.answered = 0
        self.saved = 0
        self.finished = 0
        #: A call's log left open (in wrap-up) for the next call to ring into.
        self.deferred = False
        self.during_wrap_up = 0
        self.errors: list[str] = []
        self.memory: list[tuple[int, float]] = []
        self.window.calls.pop_painted.connect(self._popped)
        self.running.desk.subscribe(self._desk_event)

    def _popped(self, _call_id: str, _latency_ms: float) -> None:
        if self.deferred:
            self.during_wrap_up += 1
            self.deferred = False
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        button = self.window.call_panel.buttons["answer"]
        if not button.isEnabled():
            self.errors.append("Answer was not enabled on a ringing call")
            return
        button.click()
        self.answered += 1

    def _desk_event(self, event: DeskEvent) -> None:
        if isinstance(event, CallFinished) and event.needs_log:
            self.finished += 1
            if self.finished % DURING_WRAP_UP_EVERY == 0 and self.finished < self.calls:
                self.deferred = True  # the next call rings while this log is open
                return
            QTimer.singleShot(0, self._log)

    def _log(self) -> None:
        current = self.window.calls.current
        session = self.running.desk.calls.get(current) if current is not None else None
        if session is None or not session.ended:
            return  # a new call took the window first; this log comes back after it
        log = self.window.log_panel
        log.disposition.setCurrentIndex(1)
        log.notes.setPlainText(f"Soak call {self.saved + 1}: asked about an order; answered.")
        log.save_ready.click()
        if log.error.text():
            self.errors.append(f"log not saved: {log.error.text()}")
            return
        self.saved += 1
        if self.window.calls.current is not None:  # a log set aside for that call came back
            QTimer.singleShot(0, self._log)
        if self.saved == min(WARM_UP, self.calls) or (
            self.saved > WARM_UP and self.saved % max(1, self.calls // 10) == 0
        ):
            self.memory.append((self.saved, rss_mib()))


def run(config: Config, work: Path, calls: int = 2000, talk_ms: int = 100) -> Section:
    numbers = callers(config, calls)
    started = time.monotonic()
    with DesktopUnderTest(config, work) as desk:
        agent = Agent(desk, len(numbers))
        sipp = desk.call(
            "uac_soak.xml",
            numbers,
            name="sipp-soak",
            rate=10,
            limit=1,
            hold_ms=talk_ms,
            timeout_s=max(120, len(numbers) * 2),
        )
        took = time.monotonic() - started
        end_rss = rss_mib()  # before the event log is read back into this process
        events = desk.events()
    shown = [e for e in events if e["event"] == "screenpop.shown"]
    pops = [float(e["latency_ms"]) for e in shown]
    logged = sum(1 for e in events if e["event"] == "interaction.saved")
    sipp_failed = sipp.failed_calls()
    missing = max(0, len(numbers) - logged)
    failures = (sipp_failed or 0) + missing + len(agent.errors)
    if sipp_failed is None and sipp.returncode != 0:
        failures += 1
    first = agent.memory[0][1] if agent.memory else end_rss
    growth = end_rss - first
    section = Section(
        "soak",
        "Soak",
        setup=(
            f"{len(numbers)} calls back to back through Kamailio to the offscreen desktop, one "
            f"at a time, {talk_ms} ms of talk each; the agent answers and saves every log with "
            f"Save & Ready; every {DURING_WRAP_UP_EVERY}th call's log is still open (wrap-up) "
            f"when the next call rings, and is saved after it. Took {took / 60:.1f} min "
            f"({len(numbers) / took:.1f} calls/s)."
        ),
    )
    section.series += [Series.of("screen pop during the soak", pops), *part_series(shown)]
    section.figures += [
        ("SIPp calls failed", f"{sipp_failed} (exit status {sipp.returncode})"),
        ("pops painted / answered / logs saved", f"{len(pops)} / {agent.answered} / {logged}"),
        ("calls answered while the last log was open (wrap-up)", str(agent.during_wrap_up)),
        ("desk errors", "; ".join(agent.errors[:5]) or "none"),
        (
            f"resident memory after call {agent.memory[0][0] if agent.memory else 0} (warm-up)",
            f"{first:.1f} MiB",
        ),
        ("resident memory through the run", ", ".join(f"{n}: {m:.1f}" for n, m in agent.memory)),
        ("resident memory at the end", f"{end_rss:.1f} MiB"),
    ]
    section.check("failures = 0", failures, 0, "")
    if pops:
        section.check(f"pop p99 <= {P99_MS:g} ms", section.series[0].p(0.99), P99_MS, "ms")
    section.check(f"RSS growth <= {GROWTH_MIB:g} MB", growth, GROWTH_MIB, "MiB")
    if failures:
        section.notes.append(sipp.screen()[-800:].replace("\n", " "))
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cc-bench-soak-"))
    section = run(config_module.load(args.config), work, args.calls)
    print(section.text())


if __name__ == "__main__":
    main()
