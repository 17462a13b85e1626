"""The chaos run: three desk processes write 3,000 transactions while PostgreSQL crashes twice,
the link black-holes and then drops, and a desk is SIGKILLed and started again.

Nothing may be lost or doubled, no conflict or refusal may appear, every outbox drains soon
after the link is back, and every desk ends up holding what the shared store holds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from callcenter.sync.replicator import read_status
from db import migrate
from db.models import Customer, SyncConflict
from db.store import open_engine, session_factory
from tests.helpers.pg_cluster import PgCluster
from tests.helpers.tcp_proxy import TcpProxy
from tests.replication.test_network import through
from tests.telephony.peers import die_with_parent

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
DESKS = ("ann", "bob", "cat")
KILLED = "cat"
WRITES = 1000  # per desk
TOTAL = WRITES * len(DESKS)
DRAIN_LIMIT_S = 15.0
WAIT_S = 60.0

Rows = dict[uuid.UUID, tuple[str, int, str]]


@dataclass
class Printed:
    """What a desk's processes said they committed."""

    created: set[uuid.UUID] = field(default_factory=set)
    notes: dict[uuid.UUID, str] = field(default_factory=dict)  # the last edit of each row
    edits: dict[uuid.UUID, int] = field(default_factory=dict)


class Run:
    """One chaos_desk process; a thread reads its lines as it prints them."""

    def __init__(self, desk: Desk, url: str, prefix: str, count: int) -> None:
        self.prefix = prefix
        self.lines = 0
        self.written = threading.Event()
        self.drained = threading.Event()
        self.drained_at = 0.0
        module = "tests.replication.chaos_desk"
        arguments = [str(desk.path), url, desk.name, prefix, str(count)]
        with desk.err.open("a") as err:
            self.process = subprocess.Popen(
                die_with_parent([sys.executable, "-m", module, *arguments]),
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
        self.reader = threading.Thread(target=self._read, args=(desk.printed,), daemon=True)
        self.reader.start()

    def _read(self, printed: Printed) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            word, _, rest = line.rstrip("\n").partition(" ")
            if word == "new":
                printed.created.update(uuid.UUID(i) for i in rest.split())
                self.lines += 1
            elif word == "edit":
                text, _, notes = rest.partition(" ")
                row = uuid.UUID(text)
                printed.notes[row] = notes
                printed.edits[row] = printed.edits.get(row, 0) + 1
                self.lines += 1
            elif word == "written":
                self.written.set()
            elif word == "drained":
                self.drained_at = time.monotonic()
                self.drained.set()

    def kill(self) -> None:
        """SIGKILL, and wait until every line it printed before dying has been read."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.reader.join(10)

    def finish(self) -> int:
        """Close stdin (the desk stops its replicator and exits); its exit code."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        return self.process.wait(30)


class Desk:
    """A desk's local file and the processes that ran on it, one after the other."""

    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.path = folder / f"{name}.db"
        self.err = folder / f"{name}.err"
        self.local = open_engine(f"sqlite:///{self.path}")  # connects at first use
        self.printed = Printed()
        self.runs: list[Run] = []

    @property
    def run(self) -> Run:
        return self.runs[-1]

    def start(self, url: str, prefix: str, count: int) -> None:
        self.runs.append(Run(self, url, prefix, count))

    def own(self, rows: Rows) -> Rows:
        """The rows this desk's processes created (their names carry the prefix)."""
        prefixes = tuple(f"{run.prefix}-" for run in self.runs)
        return {i: row for i, row in rows.items() if row[0].startswith(prefixes)}


def customers(engine: Engine) -> Rows:
    with session_factory(engine)() as s:
        return {r.id: (r.name, r.version, r.notes) for r in s.execute(select(Customer)).scalars()}


def progress(desks: list[Desk]) -> int:
    return sum(run.lines for desk in desks for run in desk.runs)


def stderr_tails(desks: list[Desk]) -> str:
    return "\n".join(f"{d.name}: {d.err.read_text(errors='replace')[-1500:]}" for d in desks)


def wait_until(desks: list[Desk], done: Callable[[], bool], what: str) -> None:
    """Wait for ``done()`` while every desk's current process is still alive."""
    deadline = time.monotonic() + WAIT_S
    while not done():
        exited = [(d.name, d.run.process.poll()) for d in desks]
        dead = [(name, code) for name, code in exited if code is not None]
        assert not dead, f"exited before {what}: {dead}\n{stderr_tails(desks)}"
        assert time.monotonic() < deadline, f"not {what} in {WAIT_S} s\n{stderr_tails(desks)}"
        time.sleep(0.01)


def at(desks: list[Desk], fraction: float) -> None:
    wait_until(desks, lambda: progress(desks) >= fraction * TOTAL, f"at {fraction:.0%}")


def crash_and_restart(cluster: PgCluster) -> None:
    cluster.crash()
    time.sleep(1.0)
    cluster.start()


@contextlib.contextmanager
def cleaned_up(desks: list[Desk]) -> Iterator[None]:
    """Kill whatever desk process is left and close the local files, passed or failed."""
    try:
        yield
    finally:
        for desk in desks:
            for run in desk.runs:
                if run.process.poll() is None:
                    run.process.kill()
                    run.process.wait(10)
            desk.local.dispose()


def chaos(cluster: PgCluster, proxy: TcpProxy, desks: list[Desk], url: str) -> tuple[float, int]:
    """Break everything in turn while the desks write; when the link came back for the last
    time, and how many outbox entries were waiting then."""
    for desk in desks:
        desk.start(url, desk.name, WRITES)

    at(desks, 0.15)
    crash_and_restart(cluster)

    at(desks, 0.35)
    killed = next(d for d in desks if d.name == KILLED)
    killed.run.kill()
    printed = killed.run.lines
    assert 0 < printed < WRITES, "the kill should land in the middle of the writes"
    killed.start(url, f"{KILLED}2", WRITES - printed)

    at(desks, 0.55)
    crash_and_restart(cluster)

    at(desks, 0.8)
    proxy.blackhole()
    time.sleep(3.0)
    proxy.drop()
    time.sleep(1.0)
    wait_until(desks, lambda: all(d.run.written.is_set() for d in desks), "written")
    backlog = sum(read_status(d.local).waiting for d in desks)
    proxy.pass_through()
    return time.monotonic(), backlog


def test_chaos_run_loses_and_doubles_nothing(tmp_path: Path) -> None:
    started = time.monotonic()
    with PgCluster() as cluster, TcpProxy("127.0.0.1", cluster.port) as proxy:
        shared = open_engine(cluster.url(), fresh_connections=True)
        migrate.upgrade(shared)
        desks = [Desk(n, tmp_path) for n in DESKS]
        with cleaned_up(desks):
            back, backlog = chaos(cluster, proxy, desks, through(proxy, cluster.url()))
            wait_until(desks, lambda: all(d.run.drained.is_set() for d in desks), "drained")
            drain_s = max(d.run.drained_at for d in desks) - back
            assert backlog > 0, "the cut link should have held writes back"

            on_shared = customers(shared)
            for desk in desks:
                assert desk.printed.created <= on_shared.keys(), desk.name
                # The killed desk may have committed a row it did not print: its file has it.
                mine = desk.own(customers(desk.local))
                assert {i: on_shared[i] for i in mine} == mine, desk.name
            assert sum(len(desk.own(on_shared)) for desk in desks) == len(on_shared)
            wait_until(
                desks, lambda: all(customers(d.local) == on_shared for d in desks), "converged"
            )
            for desk in desks:
                assert desk.run.finish() == 0, stderr_tails(desks)
                status = read_status(desk.local)
                assert (status.waiting, status.refused, status.open_conflicts) == (0, 0, 0)
                assert customers(desk.local) == on_shared, desk.name

        names = [name for name, _, _ in on_shared.values()]
        assert len(names) == len(set(names)), "a customer arrived twice"
        for desk in desks:
            if desk.name == KILLED:
                continue  # its last edit may have committed unprinted; its file was compared
            for row in desk.printed.created:
                assert on_shared[row][1] == 1 + desk.printed.edits.get(row, 0), desk.name
            for row, notes in desk.printed.notes.items():
                assert on_shared[row][2] == notes, desk.name
        with session_factory(shared)() as s:
            assert s.scalar(select(func.count()).select_from(SyncConflict)) == 0
        shared.dispose()
        recoveries = cluster.log_text().count("automatic recovery in progress")
    run_s = time.monotonic() - started
    print(
        f"\nchaos run: {progress(desks)} transactions, {len(on_shared)} customers, "
        f"{recoveries} crash recoveries, {backlog} entries waiting when the link came back, "
        f"drained {drain_s:.2f} s later; whole run {run_s:.1f} s"
    )
    assert recoveries == 2
    assert drain_s < DRAIN_LIMIT_S
