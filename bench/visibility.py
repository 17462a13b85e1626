"""Desk to desk: a save on one desk until it is in another desk's store, on PostgreSQL.

Usage: PYTHONPATH=. .venv/bin/python bench/visibility.py [--saves 200] [--hold 60]
           [--pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Two desks, each the product's own ``Replicator`` with its 3 s interval: the writer in this
process, the reader in a process of its own (``--reader``). Each save commits a customer on
the writer's desk and wakes its replicator, as the desk does; the clock stops when the row is
in the reader's local SQLite file (read from here every 2 ms; figures in ms). Measured:
- with change notices (LISTEN / NOTIFY, the product's default);
- the same while another database on the cluster holds a write transaction open (``--hold``
  seconds), which before issue 15 held back every desk's pull for as long;
- without notices (the interval alone), a shorter run: what the notices replace;
- the floor: one NOTIFY committed on one connection until another connection hears it.
Targets: with notices p50 <= 0.5 s and p95 <= 1.5 s, held transaction or not.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, text

from bench.data import PG_ADMIN, create_database, database_url, drop_database, scratch_database
from bench.report import Section, Series
from callcenter.sync.replicator import Replicator
from db import migrate
from db.enums import CustomerKind, LifecycleStage, ValueTier
from db.models import Customer
from db.replication import outbox
from db.store import open_engine, session_factory

P50_MS, P95_MS = 500.0, 1500.0
INTERVAL_S = 3.0


def _desk(folder: Path, name: str) -> Path:
    path = folder / f"{name}.db"
    migrate.upgrade(open_engine(f"sqlite:///{path}"), role="local")
    return path


def reader(local: str, url: str, listen: bool) -> None:
    """The second desk: replicate until stdin closes."""
    replicator = Replicator(open_engine(f"sqlite:///{local}"), url, "reader", interval_s=INTERVAL_S)
    replicator.sync_once()
    replicator.start(listen=listen)
    if listen:
        replicator.listening.wait(10)
    print("ready", flush=True)
    sys.stdin.read()
    replicator.stop()


def _arrived(path: Path, name: str, limit_s: float) -> float | None:
    conn = sqlite3.connect(path, timeout=5)
    try:
        started = time.monotonic()
        while time.monotonic() - started < limit_s:
            if conn.execute("SELECT 1 FROM customers WHERE name = ?", (name,)).fetchone():
                return time.monotonic()
            time.sleep(0.002)
        return None
    finally:
        conn.close()


def _run(folder: Path, url: str, saves: int, *, listen: bool) -> list[float]:
    tag = uuid.uuid4().hex[:6]
    writer_path, reader_path = _desk(folder, f"w{tag}"), _desk(folder, f"r{tag}")
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.visibility", "--reader", str(reader_path), url]
        + ([] if listen else ["--no-listen"]),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    local = open_engine(f"sqlite:///{writer_path}")
    sessions = session_factory(local)
    outbox.attach(sessions)
    writer = Replicator(local, url, "writer", interval_s=INTERVAL_S)
    writer.start()
    rng = random.Random(7)
    seconds: list[float] = []
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        for i in range(saves):
            name = f"Visible {tag} {i}"
            with sessions.begin() as s:
                s.add(
                    Customer(
                        name=name,
                        kind=CustomerKind.PERSON,
                        lifecycle_stage=LifecycleStage.LEAD,
                        value_tier=ValueTier.STANDARD,
                        search_text=name,
                    )
                )
            saved = time.monotonic()
            writer.wake()
            arrived = _arrived(reader_path, name, 30.0)
            seconds.append(float("inf") if arrived is None else (arrived - saved) * 1000)
            time.sleep(rng.uniform(0.0, 0.3))
    finally:
        writer.stop()
        assert process.stdin is not None
        process.stdin.close()
        process.wait(30)
        local.dispose()
    return seconds


def _notify_floor(url: str, count: int = 50) -> list[float]:
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as ear, psycopg.connect(plain) as mouth:
        ear.execute("LISTEN cc_bench_floor")
        seconds = []
        for _ in range(count):
            mouth.execute("NOTIFY cc_bench_floor")
            started = time.monotonic()
            mouth.commit()
            next(iter(ear.notifies(timeout=5, stop_after=1)))
            seconds.append((time.monotonic() - started) * 1000)
        return seconds


class _Held:
    """A write transaction left open in another database of the same cluster."""

    def __init__(self, admin: str, seconds: float) -> None:
        self.admin, self.seconds = admin, seconds
        self.name = f"cc_bench_hold_{uuid.uuid4().hex[:8]}"

    def __enter__(self) -> _Held:
        create_database(self.admin, self.name)
        self.engine = create_engine(database_url(self.admin, self.name))
        self.conn = self.engine.connect()
        self.conn.execute(text("SELECT pg_current_xact_id()"))
        self.timer = threading.Timer(self.seconds, self._end)
        self.timer.start()
        return self

    def _end(self) -> None:
        self.conn.rollback()

    def __exit__(self, *_exc: object) -> None:
        self.timer.cancel()
        self.conn.close()
        self.engine.dispose()
        drop_database(self.admin, self.name)


def run(admin: str, saves: int, hold_s: float) -> Section:
    section = Section(
        "visibility",
        "Desk to desk: a save until it is in another desk's store",
        f"{saves} saves, two desks (writer in-process, reader its own process), the product's "
        f"Replicator with its {INTERVAL_S:g} s interval; PostgreSQL on 127.0.0.1",
    )
    with scratch_database(admin) as url, tempfile.TemporaryDirectory() as tmp:
        migrate.upgrade(open_engine(url))
        folder = Path(tmp)
        floor = Series.of("floor: NOTIFY commit -> LISTEN heard", _notify_floor(url))
        noticed = Series.of("with change notices", _run(folder, url, saves, listen=True))
        with _Held(admin, hold_s):
            held = Series.of(
                f"with notices, a write transaction held {hold_s:g} s in another database",
                _run(folder, url, saves, listen=True),
            )
        interval = Series.of(
            "interval only (no notices)", _run(folder, url, max(20, saves // 5), listen=False)
        )
    section.series += [floor, noticed, held, interval]
    section.check("with notices p50 <= 500 ms", noticed.median, P50_MS, "ms")
    section.check("with notices p95 <= 1500 ms", noticed.p(0.95), P95_MS, "ms")
    section.check("held transaction p50 <= 500 ms", held.median, P50_MS, "ms")
    section.check("held transaction p95 <= 1500 ms", held.p(0.95), P95_MS, "ms")
    return section


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--reader":
        reader(sys.argv[2], sys.argv[3], listen="--no-listen" not in sys.argv)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--hold", type=float, default=60.0, metavar="SECONDS")
    parser.add_argument("--pg", default=PG_ADMIN, help="PostgreSQL admin URL (makes a scratch DB)")
    args = parser.parse_args()
    print(run(args.pg, args.saves, args.hold).text())


if __name__ == "__main__":
    main()
