"""A desk process for the kill test of the first sync: pulls until it is SIGKILLed.

``python -m tests.replication.pull_worker LOCAL_DB SHARED_URL`` migrates a local store and runs
its first sync, printing the progress (rows done) after every batch.
"""

from __future__ import annotations

import sys

from db import migrate
from db.replication.pull import pull
from db.store import open_engine


def main(local_path: str, shared_url: str) -> None:
    local = open_engine(f"sqlite:///{local_path}")
    migrate.upgrade(local, role="local")
    shared = open_engine(shared_url)
    pull(local, shared, progress=lambda done, _total: print(done, flush=True))


if __name__ == "__main__":
    main(*sys.argv[1:3])
