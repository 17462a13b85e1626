"""A desk as its own process for the chaos run: local writes, the product's replicator.

``python -m tests.replication.chaos_desk LOCAL_DB SHARED_URL DESK_NAME PREFIX COUNT`` commits
COUNT local transactions (new customers named PREFIX-n, some of them several in one
transaction, and edits of its own customers' notes) while ``Replicator`` pushes and pulls.
Every committed transaction is printed as it commits (``new ID...`` or ``edit ID NOTES``), then
``written``; ``drained`` once the outbox is empty. It goes on replicating, so the other desks'
rows keep arriving, until stdin closes or SIGTERM, then stops the replicator cleanly.
"""

from __future__ import annotations

import random
import signal
import sys
import time
import uuid
from types import FrameType

from sqlalchemy.orm import Session, sessionmaker

from callcenter.sync.replicator import Replicator
from db import migrate
from db.models import Customer
from db.replication import outbox
from db.store import open_engine, session_factory
from tests.replication.test_push_pull import new_customer

TIMEOUT_S = 2.0
INTERVAL_S = 0.5
#: Between two writes, so that a desk's writes span the chaos the test makes meanwhile.
PACE_S = 0.004
#: Shares of the transactions that edit a customer, and that create three customers at once.
EDITS = 0.2
SEVERAL = 0.1


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)  # unwinds through the ``finally`` that stops the replicator


def write(
    sessions: sessionmaker[Session],
    prefix: str,
    index: int,
    made: list[uuid.UUID],
    rng: random.Random,
) -> str:
    """Commit one transaction; return the line that reports it."""
    roll = rng.random()
    with sessions.begin() as s:
        if made and roll < EDITS:
            row = s.get_one(Customer, rng.choice(made))
            row.notes = f"{prefix} edit {index}"
            return f"edit {row.id} {row.notes}"
        several = 3 if roll < EDITS + SEVERAL else 1
        rows = [new_customer(f"{prefix}-{index}-{n}") for n in range(several)]
        s.add_all(rows)
        s.flush()
        ids = [row.id for row in rows]
    made += ids
    return "new " + " ".join(str(i) for i in ids)


def main(local_path: str, shared_url: str, desk: str, prefix: str, count: str) -> None:
    signal.signal(signal.SIGTERM, _terminate)
    local = open_engine(f"sqlite:///{local_path}")
    migrate.upgrade(local, role="local")
    sessions = session_factory(local)
    outbox.attach(sessions)
    replicator = Replicator(local, shared_url, desk, timeout_s=TIMEOUT_S, interval_s=INTERVAL_S)
    replicator.start()
    try:
        rng = random.Random()
        made: list[uuid.UUID] = []
        for index in range(int(count)):
            print(write(sessions, prefix, index, made, rng), flush=True)
            replicator.wake()
            time.sleep(PACE_S)
        print("written", flush=True)
        while True:
            with sessions() as s:
                if outbox.waiting(s)[0] == 0:  # refused entries are the test's to report
                    break
            time.sleep(0.01)
        print("drained", flush=True)
        sys.stdin.read()
    finally:
        replicator.stop()
        local.dispose()


if __name__ == "__main__":
    main(*sys.argv[1:6])
