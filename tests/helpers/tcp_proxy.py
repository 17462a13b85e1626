"""A TCP proxy that breaks its connections on command: real network failures for tests.

It sits between a client and a server (psycopg and the PostgreSQL on 127.0.0.1:5432, say) so a
test can make the link refuse, reset or silently swallow traffic, the failures a replicator must
survive, without touching the server or the machine's firewall.

One daemon thread runs a selector over every socket; nothing polls. A mode change from any
other thread is handed to that thread and has taken effect when the call returns, so a test can
switch modes and assert on the very next line.
"""

from __future__ import annotations

import collections
import contextlib
import enum
import errno
import logging
import selectors
import socket
import struct
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Self

_log = logging.getLogger(__name__)

_CHUNK = 65536
# A side is no longer read while this much waits for the other side: memory stays bounded and
# TCP flow control reaches the sender.
_MAX_PENDING = 1 << 20
# After drop() the same port is bound again; a moment may pass before the kernel allows it.
_REBIND_TIMEOUT = 2.0


class Mode(enum.Enum):
    """What the proxy does with traffic; see the ``TcpProxy`` method of the same name."""

    PASS_THROUGH = "pass_through"
    DROP = "drop"
    RESET = "reset"
    BLACKHOLE = "blackhole"


class _Side(enum.Enum):
    CLIENT = "client"
    UPSTREAM = "upstream"


_WAKEUP = object()
_LISTENER = object()


def _close_with_fin(sock: socket.socket) -> None:
    """Close so that the peer sees an orderly FIN.

    Linux answers close() with RST when unread bytes are left, so they are read away first.
    """
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
    try:
        for _ in range(64):
            if not sock.recv(_CHUNK):
                break
    except OSError:  # BlockingIOError included: nothing more is waiting
        pass
    sock.close()


def _close_with_rst(sock: socket.socket) -> None:
    """Close abortively: a zero linger time makes the kernel send RST instead of FIN."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class _Link:
    """One client connection and its upstream socket; only the proxy's thread touches it."""

    def __init__(self, client: socket.socket, *, blackholed: bool) -> None:
        self.client = client
        self.upstream: socket.socket | None = None
        self.connecting = False  # the upstream connect() has not completed yet
        self.to_upstream = bytearray()
        self.to_client = bytearray()
        self.client_eof = False  # the client sent FIN
        self.upstream_eof = False
        self.upstream_shut = False  # the client's FIN was passed on to the upstream
        self.client_shut = False
        # Bytes were swallowed while this was set: the link can never carry data again.
        self.blackholed = blackholed
        self.closed = False


class TcpProxy:
    """Forwards 127.0.0.1:``port`` to ``target_host``:``target_port`` until told to fail.

    ``pass_through()``, ``drop()``, ``reset()`` and ``blackhole()`` may be called from any
    thread at any time, before or after ``start()``. Use as a context manager, or call
    ``start()`` and ``stop()``.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target_host = target_host
        self.target_port = target_port
        self.port = 0  # the listening port, known after start()
        self._mode = Mode.PASS_THROUGH
        self._lock = threading.Lock()  # guards _links (for connection_count) and _commands
        self._links: set[_Link] = set()
        self._commands: collections.deque[_Command] = collections.deque()
        self._thread: threading.Thread | None = None
        self._selector: selectors.BaseSelector | None = None
        self._listener: socket.socket | None = None
        self._wakeup_r: socket.socket | None = None
        self._wakeup_w: socket.socket | None = None
        self._interest: dict[socket.socket, int] = {}
        self._target: tuple[int, tuple[str, int]] | None = None
        self._stopping = False

    # -- public API -------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        """The mode in force."""
        return self._mode

    @property
    def connection_count(self) -> int:
        """Client connections open right now (blackholed ones included)."""
        with self._lock:
            return len(self._links)

    def start(self) -> None:
        """Bind 127.0.0.1 on an ephemeral port (``port``) and start forwarding."""
        if self._thread is not None:
            raise RuntimeError("TcpProxy already started")
        family, _, _, _, address = socket.getaddrinfo(
            self.target_host, self.target_port, type=socket.SOCK_STREAM
        )[0]
        self._target = (family, (str(address[0]), int(address[1])))
        self._selector = selectors.DefaultSelector()
        self._wakeup_r, self._wakeup_w = socket.socketpair()
        self._wakeup_r.setblocking(False)
        self._wakeup_w.setblocking(False)
        self._selector.register(self._wakeup_r, selectors.EVENT_READ, _WAKEUP)
        self._open_listener()
        if self._mode is Mode.DROP:
            self._close_listener()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=f"TcpProxy:{self.port}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Close the listener and every connection, and join the thread. Safe to call twice."""
        thread = self._thread
        if thread is None:
            return
        if thread.is_alive():
            self._call(self._shutdown)
            thread.join()
        else:  # the loop died; tidy up here
            self._shutdown()
        self._thread = None
        assert self._selector is not None
        self._selector.close()
        for sock in (self._wakeup_r, self._wakeup_w):
            if sock is not None:
                sock.close()
        self._wakeup_r = self._wakeup_w = None

    def pass_through(self) -> None:
        """Forward normally; connections that were blackholed are closed, as they lost bytes."""
        self._set_mode(Mode.PASS_THROUGH)

    def drop(self) -> None:
        """Refuse new connections (the listener is closed) and close open ones with FIN.

        ``pass_through()`` listens again on the same port.
        """
        self._set_mode(Mode.DROP)

    def reset(self) -> None:
        """Close every client connection with RST, and reset new ones as soon as accepted."""
        self._set_mode(Mode.RESET)

    def blackhole(self) -> None:
        """Swallow everything: a dead link whose kernel still ACKs.

        Open connections stay open but nothing is forwarded either way; new ones complete the
        TCP handshake and are then never answered.
        """
        self._set_mode(Mode.BLACKHOLE)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- handing work to the proxy's thread -------------------------------------------------

    def _set_mode(self, mode: Mode) -> None:
        thread = self._thread
        if thread is None or not thread.is_alive():
            self._mode = mode  # no sockets to act on; start() honours it
            return
        self._call(lambda: self._apply_mode(mode))

    def _call(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the proxy's thread and wait for it; its exception is raised here."""
        if threading.current_thread() is self._thread:
            fn()
            return
        command = _Command(fn)
        with self._lock:
            self._commands.append(command)
        self._wake()
        while not command.done.wait(0.1):
            thread = self._thread
            if thread is None or not thread.is_alive():
                raise RuntimeError("TcpProxy's thread is not running")
        if command.error is not None:
            raise command.error

    def _wake(self) -> None:
        try:
            assert self._wakeup_w is not None
            self._wakeup_w.send(b"\0")
        except BlockingIOError:  # the pipe is full, so the loop is awake already
            pass

    def _run_commands(self) -> None:
        assert self._wakeup_r is not None
        try:
            while self._wakeup_r.recv(4096):
                pass
        except BlockingIOError:
            pass
        while True:
            with self._lock:
                if not self._commands:
                    return
                command = self._commands.popleft()
            try:
                command.fn()
            except BaseException as exc:  # handed to the caller, who raises it
                command.error = exc
            command.done.set()

    # -- the loop ---------------------------------------------------------------------------

    def _run(self) -> None:
        assert self._selector is not None
        try:
            while not self._stopping:
                for key, mask in self._selector.select():
                    if key.data is _WAKEUP:
                        self._run_commands()
                    elif key.data is _LISTENER:
                        if key.fileobj is self._listener:
                            self._accept()
                    else:
                        link, side = key.data
                        self._on_event(link, side, key.fileobj, mask)
                    if self._stopping:
                        break
        except Exception:
            _log.exception("TcpProxy loop failed; closing everything")
            self._shutdown()
        finally:
            # Whoever still waits is told the thread ended.
            with self._lock:
                pending = list(self._commands)
                self._commands.clear()
            for command in pending:
                command.error = RuntimeError("TcpProxy stopped")
                command.done.set()

    def _shutdown(self) -> None:
        self._stopping = True
        self._close_listener()
        for link in list(self._links):
            self._close_link(link, rst=False)

    def _apply_mode(self, mode: Mode) -> None:
        self._mode = mode
        if mode is Mode.DROP:
            self._close_listener()
            for link in list(self._links):
                self._close_link(link, rst=False)
            return
        self._open_listener()
        for link in list(self._links):
            if mode is Mode.RESET:
                self._close_link(link, rst=True)
            elif mode is Mode.BLACKHOLE:
                link.blackholed = True
                link.to_client.clear()
                link.to_upstream.clear()
                self._update_interest(link)
            elif link.blackholed:  # back to PASS_THROUGH with bytes lost on this one
                self._close_link(link, rst=False)

    # -- listener ---------------------------------------------------------------------------

    def _open_listener(self) -> None:
        if self._listener is not None:
            return
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        deadline = time.monotonic() + _REBIND_TIMEOUT
        while True:
            try:
                listener.bind(("127.0.0.1", self.port))
                break
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE or time.monotonic() > deadline:
                    listener.close()
                    raise
                time.sleep(0.02)
        listener.listen(128)
        listener.setblocking(False)
        self.port = listener.getsockname()[1]
        self._listener = listener
        assert self._selector is not None
        self._selector.register(listener, selectors.EVENT_READ, _LISTENER)

    def _close_listener(self) -> None:
        if self._listener is None:
            return
        assert self._selector is not None
        self._selector.unregister(self._listener)
        self._listener.close()
        self._listener = None

    def _accept(self) -> None:
        assert self._listener is not None
        for _ in range(64):  # fairness: the other sockets get their turn
            try:
                client, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # e.g. ECONNABORTED: the client gave up already
                _log.debug("accept failed: %s", exc)
                continue
            client.setblocking(False)
            if self._mode is Mode.RESET:
                _close_with_rst(client)
                continue
            if self._mode is Mode.DROP:  # not reached: the listener is closed in DROP
                _close_with_fin(client)
                continue
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            link = _Link(client, blackholed=self._mode is Mode.BLACKHOLE)
            with self._lock:
                self._links.add(link)
            if not link.blackholed:
                self._connect_upstream(link)
            if not link.closed:
                self._update_interest(link)

    def _connect_upstream(self, link: _Link) -> None:
        assert self._target is not None
        family, address = self._target
        upstream = socket.socket(family, socket.SOCK_STREAM)
        upstream.setblocking(False)
        upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        link.upstream = upstream
        err = upstream.connect_ex(address)
        if err == errno.EINPROGRESS:
            link.connecting = True
        elif err != 0:
            _log.debug("upstream connect failed: %s", errno.errorcode.get(err, err))
            self._close_link(link, rst=False)

    # -- connections ------------------------------------------------------------------------

    def _on_event(self, link: _Link, side: _Side, sock: object, mask: int) -> None:
        if link.closed:
            return
        if side is _Side.UPSTREAM and sock is not link.upstream:
            return  # that upstream socket was closed earlier in this batch
        try:
            if side is _Side.UPSTREAM and link.connecting:
                self._finish_connect(link)
            elif mask & selectors.EVENT_READ:
                self._read(link, side)
            if not link.closed and not link.blackholed:
                self._flush(link)
        except OSError as exc:
            # A failure on one side becomes a failure on the other: bytes may have been lost.
            _log.debug("connection failed on the %s side: %s", side.value, exc)
            self._close_link(link, rst=True)
            return
        if not link.closed:
            self._update_interest(link)

    def _finish_connect(self, link: _Link) -> None:
        assert link.upstream is not None
        err = link.upstream.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err != 0:
            _log.debug("upstream connect failed: %s", errno.errorcode.get(err, err))
            if link.blackholed:  # the client is never answered anyway
                self._drop_upstream(link)
            else:
                self._close_link(link, rst=False)
            return
        link.connecting = False

    def _read(self, link: _Link, side: _Side) -> None:
        sock = link.client if side is _Side.CLIENT else link.upstream
        assert sock is not None
        try:
            data = sock.recv(_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        if link.blackholed:  # swallowed; only an end of stream matters
            if not data:
                if side is _Side.CLIENT:
                    self._close_link(link, rst=False)
                else:
                    self._drop_upstream(link)
            return
        if side is _Side.CLIENT:
            if data:
                link.to_upstream += data
            else:
                link.client_eof = True
        elif data:
            link.to_client += data
        else:
            link.upstream_eof = True

    def _flush(self, link: _Link) -> None:
        """Send what is pending each way, pass on a half-close, and close a finished link."""
        upstream = link.upstream
        if upstream is not None and not link.connecting:
            if link.to_upstream:
                self._send(upstream, link.to_upstream)
            if link.client_eof and not link.to_upstream and not link.upstream_shut:
                upstream.shutdown(socket.SHUT_WR)
                link.upstream_shut = True
        if link.to_client:
            self._send(link.client, link.to_client)
        if link.upstream_eof and not link.to_client and not link.client_shut:
            link.client.shutdown(socket.SHUT_WR)
            link.client_shut = True
        if link.upstream_shut and link.client_shut:
            self._close_link(link, rst=False)

    @staticmethod
    def _send(sock: socket.socket, buffer: bytearray) -> None:
        try:
            sent = sock.send(buffer)
        except (BlockingIOError, InterruptedError):
            return
        del buffer[:sent]

    def _update_interest(self, link: _Link) -> None:
        """Register exactly what each socket waits for: a socket with nothing to do is idle."""
        client = 0
        if not link.client_eof and (link.blackholed or len(link.to_upstream) < _MAX_PENDING):
            client |= selectors.EVENT_READ
        if link.to_client and not link.blackholed:
            client |= selectors.EVENT_WRITE
        self._register(link.client, client, (link, _Side.CLIENT))
        if link.upstream is None:
            return
        upstream = 0
        if link.connecting:
            upstream = selectors.EVENT_WRITE
        else:
            if not link.upstream_eof and (link.blackholed or len(link.to_client) < _MAX_PENDING):
                upstream |= selectors.EVENT_READ
            if link.to_upstream and not link.blackholed:
                upstream |= selectors.EVENT_WRITE
        self._register(link.upstream, upstream, (link, _Side.UPSTREAM))

    def _register(self, sock: socket.socket, events: int, data: tuple[_Link, _Side]) -> None:
        assert self._selector is not None
        current = self._interest.get(sock, 0)
        if events == current:
            return
        if not events:
            self._selector.unregister(sock)
            del self._interest[sock]
        elif not current:
            self._selector.register(sock, events, data)
            self._interest[sock] = events
        else:
            self._selector.modify(sock, events, data)
            self._interest[sock] = events

    def _forget(self, sock: socket.socket) -> None:
        if self._interest.pop(sock, 0):
            assert self._selector is not None
            self._selector.unregister(sock)

    def _drop_upstream(self, link: _Link) -> None:
        """Close only the upstream of a blackholed link; its client is left hanging."""
        if link.upstream is not None:
            self._forget(link.upstream)
            link.upstream.close()
            link.upstream = None
            link.connecting = False

    def _close_link(self, link: _Link, *, rst: bool) -> None:
        """Close both sockets; ``rst`` resets the client instead of sending it FIN."""
        if link.closed:
            return
        link.closed = True
        with self._lock:
            self._links.discard(link)
        self._forget(link.client)
        if rst:
            _close_with_rst(link.client)
        else:
            _close_with_fin(link.client)
        if link.upstream is not None:
            self._forget(link.upstream)
            _close_with_fin(link.upstream)
            link.upstream = None


class _Command:
    """A function for the proxy's thread to run, and how the caller learns it ran."""

    def __init__(self, fn: Callable[[], None]) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.error: BaseException | None = None
