"""The pull cannot skip rows whose transactions commit out of sequence order (PostgreSQL)."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select, text

from db.models import Customer
from db.replication.pull import pull
from db.store import session_factory
from tests.replication.conftest import Desk
from tests.replication.test_push_pull import new_customer

pytestmark = pytest.mark.postgres


def _ids(engine: Engine) -> dict[object, int]:
    with session_factory(engine)() as s:
        return dict(s.execute(select(Customer.id, Customer.version)).all())


def test_a_row_committed_after_a_later_sequence_number_is_not_skipped(
    pg_shared: Engine, desks: Callable[[str], Desk]
) -> None:
    bob = desks("bob")
    sessions = session_factory(pg_shared)
    slow = sessions()
    slow.begin()
    early = new_customer("Took the lower number, commits last")
    slow.add(early)
    slow.flush()
    with sessions.begin() as s:
        late = new_customer("Took the higher number, commits first")
        s.add(late)
    with sessions() as s:
        seqs = dict(s.execute(select(Customer.name, Customer.change_seq)).all())
    assert seqs[late.name] > slow.scalar(select(Customer.change_seq).where(Customer.id == early.id))
    pull(bob.engine, pg_shared)
    # A naive "change_seq > cursor" would have taken the later row and moved past the early
    # one; the window stops at the transaction still running, so it takes neither yet.
    assert early.id not in _ids(bob.engine)
    slow.commit()
    slow.close()
    pull(bob.engine, pg_shared)
    assert set(_ids(bob.engine)) == {early.id, late.id}


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_writers_while_a_desk_pulls_skip_nothing(
    pg_shared: Engine, desks: Callable[[str], Desk], round_: int
) -> None:
    bob = desks("bob")
    sessions = session_factory(pg_shared)
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer(seed: int) -> None:
        rng = random.Random(seed * 100 + round_)
        try:
            for _ in range(60):
                with sessions.begin() as s:
                    s.add(new_customer(f"w{seed}"))
                    if rng.random() < 0.4:
                        row = s.scalars(
                            select(Customer).order_by(func.random()).limit(1).with_for_update()
                        ).first()
                        if row is not None:
                            row.notes = f"touched by {seed}"
                    s.flush()
                    # Hold the transaction open for a while after taking sequence numbers.
                    s.execute(text("SELECT pg_sleep(:t)"), {"t": rng.random() * 0.02})
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    def puller() -> None:
        try:
            while not stop.is_set():
                pull(bob.engine, pg_shared, page_size=7)
        except BaseException as error:
            errors.append(error)

    writers = [threading.Thread(target=writer, args=(seed,)) for seed in range(4)]
    reading = threading.Thread(target=puller)
    reading.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    time.sleep(0.05)
    stop.set()
    reading.join()
    assert errors == []
    pull(bob.engine, pg_shared)
    shared_rows = _ids(pg_shared)
    assert len(shared_rows) == 240
    assert _ids(bob.engine) == shared_rows
