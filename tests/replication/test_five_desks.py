"""Five desks writing at once while the link to PostgreSQL drops, resets and black-holes."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, select

from callcenter.sync.replicator import Replicator, read_status
from db.base import Base
from db.changefeed_ddl import STAMP_COLUMNS, replicated_tables
from db.enums import Channel, Direction, PhoneKind, Priority
from db.models import Customer, Interaction, PhoneNumber, ServiceRequest, SRCategory, SyncConflict
from db.store import session_factory
from tests.helpers.tcp_proxy import TcpProxy
from tests.replication.conftest import Desk
from tests.replication.test_network import through
from tests.replication.test_push_pull import NOW, new_customer, new_request

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

DESKS = 5
WRITES = 1000


class Writer:
    """One desk's agent: mixed writes to its own rows, remembering what it meant to write."""

    def __init__(self, desk: Desk, seed: int) -> None:
        self.desk = desk
        self.rng = random.Random(seed)
        self.customers: list[uuid.UUID] = []
        self.requests: list[uuid.UUID] = []
        self.intended: dict[uuid.UUID, tuple[type[Any], dict[str, Any]]] = {}

    def one(self, index: int) -> None:
        roll = self.rng.random()
        with self.desk.sessions.begin() as s:
            if not self.customers or roll < 0.35:
                row = new_customer(f"{self.desk.name}-{index}")
                row.phone_numbers = [
                    PhoneNumber(raw=f"+4420794{index:05}", e164=None, kind=PhoneKind.HOME)
                ]
                s.add(row)
                s.flush()
                self.customers.append(row.id)
                self.intended[row.id] = (Customer, {"name": row.name, "notes": ""})
            elif roll < 0.55:
                target = self.rng.choice(self.customers)
                row = s.get_one(Customer, target)
                row.notes = f"note {index}"
                self.intended[target][1]["notes"] = row.notes
            elif roll < 0.7:
                request = new_request(self.rng.choice(self.customers))
                s.add(request)
                s.flush()
                self.requests.append(request.id)
                self.intended[request.id] = (ServiceRequest, {"priority": Priority.NORMAL})
            elif roll < 0.8 and self.requests:
                target = self.rng.choice(self.requests)
                sr = s.get_one(ServiceRequest, target)
                sr.priority = self.rng.choice(list(Priority))
                self.intended[target][1]["priority"] = sr.priority
            else:
                call = Interaction(
                    channel=Channel.PHONE,
                    direction=Direction.INBOUND,
                    offered_at=NOW + dt.timedelta(seconds=index),
                    customer_id=self.rng.choice(self.customers),
                    notes=f"call {index}",
                )
                s.add(call)
                s.flush()
                self.intended[call.id] = (Interaction, {"notes": call.notes})


def flap(proxy: TcpProxy, stop: threading.Event) -> None:
    cuts = itertools.cycle([proxy.drop, proxy.reset, proxy.blackhole])
    while not stop.wait(0.6):
        next(cuts)()
        stop.wait(0.4)
        proxy.pass_through()


def snapshot(engine: Engine) -> dict[str, set[tuple[Any, ...]]]:
    """Every replicated row's data, table by table."""
    result = {}
    with session_factory(engine)() as s:
        for name in replicated_tables():
            table = Base.metadata.tables[name]
            columns = [c for c in table.columns if c.name not in STAMP_COLUMNS]
            result[name] = {tuple(r) for r in s.execute(select(*columns))}
    return result


def test_five_desks_while_the_link_flaps(
    pg_shared: Engine, pg_url: str, desks: Callable[[str], Desk]
) -> None:
    with session_factory(pg_shared).begin() as s:
        s.add(SRCategory(code="billing", label="Billing", sla_hours=24))
    stop = threading.Event()
    with TcpProxy("127.0.0.1", 5432) as proxy:
        url = through(proxy, pg_url)
        writers = [Writer(desks(f"desk{n}"), seed=n) for n in range(DESKS)]
        replicators = [
            Replicator(w.desk.engine, url, w.desk.name, timeout_s=1.5, interval_s=0.1)
            for w in writers
        ]
        flapper = threading.Thread(target=flap, args=(proxy, stop))
        for replicator in replicators:
            replicator.start()
        flapper.start()
        errors: list[BaseException] = []

        def work(writer: Writer) -> None:
            try:
                for index in range(WRITES):
                    writer.one(index)
            except BaseException as error:  # reported below
                errors.append(error)

        threads = [threading.Thread(target=work, args=(w,)) for w in writers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stop.set()
        flapper.join()
        proxy.pass_through()
        assert errors == []
        deadline = time.monotonic() + 120
        while any(read_status(w.desk.engine).waiting for w in writers):
            assert time.monotonic() < deadline, [read_status(w.desk.engine) for w in writers]
            time.sleep(0.1)
        for replicator in replicators:
            replicator.stop()
        # Every push is in; one more pull each brings every desk level with the shared store.
        for writer in writers:
            final = Replicator(writer.desk.engine, url, writer.desk.name, timeout_s=5)
            assert final.sync_once(), read_status(writer.desk.engine)
            final.stop()
    shared_rows = snapshot(pg_shared)
    with session_factory(pg_shared)() as s:
        for writer in writers:
            for row_id, (model, fields) in writer.intended.items():
                row = s.get_one(model, row_id)
                assert {k: getattr(row, k) for k in fields} == fields
        assert s.scalars(select(SyncConflict)).all() == []
        made = sum(len(w.customers) for w in writers)
        assert len(s.scalars(select(Customer.id)).all()) == made
    for writer in writers:
        assert snapshot(writer.desk.engine) == shared_rows, writer.desk.name
