"""A desk killed mid-write and mid-push: every committed local write arrives exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from db.models import Customer, SyncConflict
from db.replication.push import push
from db.store import session_factory
from tests.replication.conftest import Desk, open_desk
from tests.replication.test_push_pull import new_customer

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]


def _worker(local: Path, shared_url: str, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.replication.desk_worker", str(local), shared_url, mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _rows(engine: Engine) -> dict[object, tuple[int, str]]:
    with session_factory(engine)() as s:
        return {r.id: (r.version, r.notes) for r in s.scalars(select(Customer))}


def _same_after_recovery(desk: Desk, shared: Engine) -> None:
    result = push(desk.engine, shared, desk.name)
    assert result.refused == 0
    local_rows, shared_rows = _rows(desk.engine), _rows(shared)
    assert local_rows == shared_rows
    with session_factory(shared)() as s:
        assert s.scalar(select(func.count()).select_from(SyncConflict)) == 0


@pytest.mark.parametrize("kill_after_lines", [40, 150])
def test_killed_while_writing(
    kill_after_lines: int, pg_shared: Engine, pg_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "ann.db"
    process = _worker(path, pg_url, "write")
    assert process.stdout is not None
    committed = [process.stdout.readline().strip() for _ in range(kill_after_lines)]
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    desk = open_desk(tmp_path, "ann")
    try:
        assert {str(i) for i in _rows(desk.engine)} >= set(committed)
        _same_after_recovery(desk, pg_shared)
    finally:
        desk.engine.dispose()


def _arrived(shared: Engine) -> int:
    with session_factory(shared)() as s:
        return int(s.scalar(select(func.count()).select_from(Customer)) or 0)


@pytest.mark.parametrize("kill_after_rows", [25, 1500])
def test_killed_while_pushing(
    kill_after_rows: int,
    pg_shared: Engine,
    pg_url: str,
    tmp_path: Path,
    desks: Callable[[str], Desk],
) -> None:
    ann = desks("ann")
    for start in range(0, 3000, 25):  # a transaction reaches the shared store whole
        with ann.sessions.begin() as s:
            s.add_all(new_customer(f"c{i}") for i in range(start, start + 25))
    process = _worker(tmp_path / "ann.db", pg_url, "push")
    assert process.stdout is not None
    process.stdout.readline()
    # Kill it once the push is under way (after its first batches, or half-way through).
    deadline = time.monotonic() + 60
    while _arrived(pg_shared) < kill_after_rows:
        assert process.poll() is None, "the pushing desk died on its own"
        assert time.monotonic() < deadline, "the push never got going"
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    arrived = _arrived(pg_shared)
    assert kill_after_rows <= arrived < 3000, "the kill should land in the middle of the push"
    _same_after_recovery(ann, pg_shared)
