"""The fault-injection proxy against the real PostgreSQL, and against an echo server for the
byte-exact cases (large transfers, half-close) that a query cannot show."""

from __future__ import annotations

import hashlib
import os
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator

import psycopg
import pytest

from tests.helpers.tcp_proxy import Mode, TcpProxy

PG_HOST = "127.0.0.1"
PG_PORT = 5432

pytestmark = pytest.mark.timeout(30)


def _wait_for(condition: Callable[[], bool], timeout: float = 2.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def _connect(port: int, connect_timeout: int = 5) -> psycopg.Connection[tuple[int]]:
    return psycopg.connect(
        host="127.0.0.1",
        port=port,
        user="postgres",
        dbname="test",
        connect_timeout=connect_timeout,
        autocommit=True,
    )


def _select_one(conn: psycopg.Connection[tuple[int]]) -> int:
    row = conn.execute("SELECT 1").fetchone()
    assert row is not None
    return row[0]


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    with TcpProxy(PG_HOST, PG_PORT) as p:
        yield p
    assert p.connection_count == 0


@pytest.mark.postgres
def test_pass_through_runs_a_query(proxy: TcpProxy) -> None:
    assert proxy.port > 0
    assert proxy.mode is Mode.PASS_THROUGH
    with _connect(proxy.port) as conn:
        assert _select_one(conn) == 1
        assert proxy.connection_count == 1
    _wait_for(lambda: proxy.connection_count == 0)


@pytest.mark.postgres
def test_drop_fails_open_connections_refuses_new_ones_and_pass_through_listens_again(
    proxy: TcpProxy,
) -> None:
    port = proxy.port
    conn = _connect(port)
    assert _select_one(conn) == 1

    proxy.drop()

    assert proxy.connection_count == 0
    with pytest.raises(psycopg.OperationalError):
        conn.execute("SELECT 1")
    conn.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with pytest.raises(psycopg.OperationalError):
        _connect(port)

    proxy.pass_through()

    assert proxy.port == port
    with _connect(port) as again:
        assert _select_one(again) == 1


@pytest.mark.postgres
def test_reset_fails_open_and_new_connections_at_once(proxy: TcpProxy) -> None:
    conn = _connect(proxy.port)
    assert _select_one(conn) == 1

    proxy.reset()

    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError):
        conn.execute("SELECT 1")
    assert time.monotonic() - started < 1.0
    conn.close()

    # The handshake completes and the reset follows at once, often before connect() returns.
    with (
        pytest.raises(ConnectionResetError),
        socket.create_connection(("127.0.0.1", proxy.port), timeout=2) as raw,
    ):
        raw.recv(1)
    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError):
        _connect(proxy.port)
    assert time.monotonic() - started < 1.0
    assert proxy.connection_count == 0


@pytest.mark.postgres
def test_blackhole_new_connection_times_out_instead_of_hanging(proxy: TcpProxy) -> None:
    proxy.blackhole()

    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError):
        _connect(proxy.port, connect_timeout=2)
    elapsed = time.monotonic() - started
    assert 1.5 < elapsed < 4.0

    # The handshake completed: the proxy holds the connection (psycopg has closed its end).
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=2):
        _wait_for(lambda: proxy.connection_count >= 1)


@pytest.mark.postgres
def test_blackhole_stalls_an_open_connection_until_pass_through_closes_it(
    proxy: TcpProxy,
) -> None:
    conn = _connect(proxy.port)
    assert _select_one(conn) == 1
    errors: list[BaseException] = []

    def query() -> None:
        try:
            conn.execute("SELECT 1")
        except BaseException as exc:  # recorded for the main thread's asserts
            errors.append(exc)

    proxy.blackhole()
    worker = threading.Thread(target=query, daemon=True)
    worker.start()
    worker.join(1.0)
    assert worker.is_alive(), "the query returned through a blackholed link"
    assert proxy.connection_count == 1

    proxy.pass_through()  # the stalled link lost bytes: it is closed, not resumed

    worker.join(5.0)
    assert not worker.is_alive()
    assert len(errors) == 1
    assert isinstance(errors[0], psycopg.OperationalError)
    conn.close()
    assert proxy.connection_count == 0
    with _connect(proxy.port) as fresh:
        assert _select_one(fresh) == 1


# -- byte-level behaviour, against an echo server ------------------------------------------


class _EchoHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        while data := self.request.recv(65536):
            self.request.sendall(data)


class _EchoServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def echo_port() -> Iterator[int]:
    server = _EchoServer(("127.0.0.1", 0), _EchoHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_large_transfer_arrives_intact_and_half_close_is_passed_on(echo_port: int) -> None:
    payload = os.urandom(8 * 1024 * 1024)  # larger than the proxy's buffers: flow control
    with (
        TcpProxy("127.0.0.1", echo_port) as proxy,
        socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as client,
    ):

        def send() -> None:
            client.sendall(payload)
            client.shutdown(socket.SHUT_WR)  # the echo server sees EOF only through the proxy

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        received = hashlib.sha256()
        total = 0
        while chunk := client.recv(65536):
            received.update(chunk)
            total += len(chunk)
        sender.join(5)
        assert total == len(payload)
        assert received.digest() == hashlib.sha256(payload).digest()
        _wait_for(lambda: proxy.connection_count == 0)


def test_stop_closes_connections_and_the_port(echo_port: int) -> None:
    proxy = TcpProxy("127.0.0.1", echo_port)
    proxy.start()
    client = socket.create_connection(("127.0.0.1", proxy.port), timeout=2)
    client.sendall(b"ping")
    assert client.recv(4) == b"ping"
    assert proxy.connection_count == 1

    proxy.stop()

    assert client.recv(1) == b""  # FIN
    client.close()
    assert proxy.connection_count == 0
    assert not any(t.name == f"TcpProxy:{proxy.port}" for t in threading.enumerate())
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=2).close()
    proxy.stop()  # twice is harmless


def test_mode_chosen_before_start_applies_from_the_first_connection(echo_port: int) -> None:
    proxy = TcpProxy("127.0.0.1", echo_port)
    proxy.drop()
    with proxy:
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", proxy.port), timeout=2).close()
        proxy.pass_through()
        with socket.create_connection(("127.0.0.1", proxy.port), timeout=2) as client:
            client.sendall(b"ok")
            assert client.recv(2) == b"ok"


def _echo_once(port: int) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", port), timeout=2)
    client.sendall(b"ping")
    assert client.recv(4) == b"ping"
    return client


def test_drop_closes_with_fin_and_reset_with_rst(echo_port: int) -> None:
    with TcpProxy("127.0.0.1", echo_port) as proxy:
        with _echo_once(proxy.port) as dropped:
            dropped.sendall(b"unread")  # still closed with FIN, not the RST unread bytes cause
            proxy.drop()
            # The echo may win the race with drop(); either way the stream ends cleanly.
            received = b""
            while chunk := dropped.recv(64):
                received += chunk
            assert b"unread".startswith(received)
        proxy.pass_through()
        with _echo_once(proxy.port) as reset:
            proxy.reset()
            with pytest.raises(ConnectionResetError):
                reset.recv(1)


def test_blackhole_swallows_bytes_both_ways_until_pass_through_closes(echo_port: int) -> None:
    with TcpProxy("127.0.0.1", echo_port) as proxy:
        before = _echo_once(proxy.port)
        proxy.blackhole()
        after = socket.create_connection(("127.0.0.1", proxy.port), timeout=2)
        _wait_for(lambda: proxy.connection_count == 2)
        for client in (before, after):
            client.settimeout(0.3)
            client.sendall(b"lost")
            with pytest.raises(TimeoutError):
                client.recv(1)

        proxy.pass_through()

        assert proxy.connection_count == 0
        for client in (before, after):
            client.settimeout(2)
            assert client.recv(1) == b""
            client.close()
        _echo_once(proxy.port).close()
