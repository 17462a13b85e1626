"""The replicator through a link that drops, resets and black-holes, and a killed server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from callcenter.sync.replicator import Replicator, SyncStatus, read_status
from callcenter.sync.stores import reads_engine
from db.models import AppliedPush, Customer
from db.replication.push import push
from db.store import DeadlineExceededError, deadline, open_engine, session_factory
from tests.helpers.tcp_proxy import TcpProxy
from tests.replication.conftest import Desk
from tests.replication.test_push_pull import new_customer

pytestmark = pytest.mark.postgres

TIMEOUT_S = 2.0


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    with TcpProxy("127.0.0.1", 5432) as running:
        yield running


def through(proxy: TcpProxy, url: str) -> str:
    return make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)


def wait_for(desk: Desk, condition: Callable[[SyncStatus], bool], limit_s: float = 30.0) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit_s:
        if condition(read_status(desk.engine)):
            return time.monotonic() - start
        time.sleep(0.02)
    raise AssertionError(f"not reached in {limit_s} s: {read_status(desk.engine)}")


def add_customer(desk: Desk, name: str) -> None:
    with desk.sessions.begin() as s:
        s.add(new_customer(name))


def shared_names(shared: Engine) -> list[str]:
    with session_factory(shared)() as s:
        return sorted(s.scalars(select(Customer.name)))


@pytest.mark.parametrize("cut", ["drop", "reset", "blackhole"])
def test_a_cut_link_is_noticed_within_the_timeout_and_recovered(
    cut: str, pg_shared: Engine, pg_url: str, proxy: TcpProxy, desks: Callable[[str], Desk]
) -> None:
    ann = desks("ann")
    replicator = Replicator(
        ann.engine, through(proxy, pg_url), "ann", timeout_s=TIMEOUT_S, interval_s=0.2
    )
    replicator.start()
    try:
        add_customer(ann, "before the cut")
        wait_for(ann, lambda s: s.online and s.waiting == 0)
        getattr(proxy, cut)()
        add_customer(ann, "while cut")
        noticed = wait_for(ann, lambda s: not s.online and s.last_error is not None)
        # At most one interval, then at most the timeout (connect or round trip).
        assert noticed <= TIMEOUT_S + 1.5
        status = read_status(ann.engine)
        assert status.waiting == 1
        assert status.last_error
        proxy.pass_through()
        back = wait_for(ann, lambda s: s.online and s.waiting == 0)
        # The probe notices the link is back within a second; no long back-off wait.
        assert back <= TIMEOUT_S + 2.0
    finally:
        replicator.stop()
    assert shared_names(pg_shared) == ["before the cut", "while cut"]


def test_a_query_on_a_black_holed_link_is_cut_at_the_deadline(pg_url: str, proxy: TcpProxy) -> None:
    engine = open_engine(through(proxy, pg_url), timeout_s=TIMEOUT_S, fresh_connections=True)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            proxy.blackhole()
            started = time.monotonic()
            with pytest.raises(DeadlineExceededError), deadline(1.0):
                conn.execute(text("SELECT 2"))
            assert time.monotonic() - started < 2.0
    finally:
        engine.dispose()


def test_a_kept_connection_on_a_dead_link_fails_its_read_in_time_and_is_replaced(
    pg_url: str, proxy: TcpProxy
) -> None:
    """The supervisor's boards read on kept connections: one whose link swallows bytes and
    never answers fails that read within the timeout, and once the link is back the next read
    connects again."""
    engine = reads_engine(through(proxy, pg_url), TIMEOUT_S)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
        proxy.blackhole()
        started = time.monotonic()
        with pytest.raises(OperationalError), engine.connect() as conn:
            conn.execute(text("SELECT 2"))
        assert time.monotonic() - started < TIMEOUT_S + 1.5
        proxy.pass_through()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 3")).scalar() == 3
    finally:
        engine.dispose()


def test_a_server_side_kill_before_commit_loses_and_doubles_nothing(
    pg_shared: Engine, desks: Callable[[str], Desk]
) -> None:
    ann = desks("ann")
    for index in range(1200):
        add_customer(ann, f"c{index:04}")
    blocker = pg_shared.connect()
    blocker.execute(text("LOCK TABLE customers IN SHARE ROW EXCLUSIVE MODE"))
    failure: list[BaseException] = []

    def pushing() -> None:
        try:
            push(ann.engine, pg_shared, "ann")
        except BaseException as error:  # the main thread checks it
            failure.append(error)

    thread = threading.Thread(target=pushing)
    thread.start()
    # The push has claimed its entries and waits on the customers table: kill it there.
    waiting_pid = None
    with pg_shared.connect().execution_options(isolation_level="AUTOCOMMIT") as watcher:
        for _ in range(500):
            waiting_pid = watcher.execute(
                text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                )
            ).scalar()
            if waiting_pid:
                break
            time.sleep(0.01)
        assert waiting_pid, "the push never reached the locked table"
        watcher.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": waiting_pid})
    blocker.rollback()
    blocker.close()
    thread.join(30)
    assert failure and isinstance(failure[0], OperationalError)
    assert read_status(ann.engine).waiting == 1200
    result = push(ann.engine, pg_shared, "ann")
    assert (result.applied, result.replayed) == (1200, 0)
    names = shared_names(pg_shared)
    assert len(names) == len(set(names)) == 1200
    with session_factory(pg_shared)() as s:
        assert s.scalar(select(func.count()).select_from(AppliedPush)) == 1200
