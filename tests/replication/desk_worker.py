"""A desk process for the kill tests: writes and pushes until it is SIGKILLed.

``python -m tests.replication.desk_worker LOCAL_DB SHARED_URL write|push``: ``write`` commits
customers (and edits of them) one transaction at a time, pushing every few writes, and prints
each committed id; ``push`` only pushes the outbox it finds, in small batches.
"""

from __future__ import annotations

import random
import sys

from db import migrate
from db.models import Customer
from db.replication import outbox
from db.replication.push import push
from db.store import open_engine, session_factory
from tests.replication.test_push_pull import new_customer


def main(local_path: str, shared_url: str, mode: str) -> None:
    local = open_engine(f"sqlite:///{local_path}")
    migrate.upgrade(local, role="local")
    shared = open_engine(shared_url)
    sessions = session_factory(local)
    outbox.attach(sessions)
    if mode == "push":
        print("pushing", flush=True)
        while True:
            push(local, shared, "worker", batch_size=25)
    rng = random.Random()
    made = []
    while True:
        with sessions.begin() as s:
            if made and rng.random() < 0.3:
                row = s.get_one(Customer, rng.choice(made))
                row.notes = f"edit {rng.random()}"
                edited = row.id
            else:
                row = new_customer(f"w{len(made)}")
                s.add(row)
                s.flush()
                edited = row.id
                made.append(row.id)
        print(edited, flush=True)
        if len(made) % 7 == 0:
            push(local, shared, "worker", batch_size=5)


if __name__ == "__main__":
    main(*sys.argv[1:4])
