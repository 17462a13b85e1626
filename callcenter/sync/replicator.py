"""Keep a desk's local store and the shared store in step, on a worker thread.

Each cycle pushes the outbox, then pulls (a pull only runs after a complete push, so a row it
skips for a waiting local write is one that write will stamp again). A failed cycle backs off
exponentially with jitter, so a hundred desks do not reconnect in the same instant, and a
cheap reachability probe during the wait retries at once when the link is back. On PostgreSQL
a second thread listens for the shared store's change notices and wakes the cycle, at most
once per ``MIN_GAP_S``, so another desk's save shows in about a second; the interval stays as
the fallback. The GUI
never waits: it reads :func:`read_status` from the local store or gets ``on_status`` calls.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from callcenter.platform.errors import ServiceError
from callcenter.presence.heartbeat import Presence, sign_out
from callcenter.presence.heartbeat import write as write_presence
from db import migrate
from db.activity_ddl import HELD_BACK_S
from db.models import SyncConflict, SyncState
from db.replication import notices, outbox
from db.replication.pull import (
    STATE_ID,
    Progress,
    mark,
    note_held_back,
    owners,
    pending,
    pull,
)
from db.replication.push import push
from db.replication.scope import Scope
from db.store import DeadlineExceededError, deadline, open_engine, reachable
from db.types import utcnow

log = logging.getLogger(__name__)

BACKOFF_FIRST_S = 1.0
BACKOFF_CAP_S = 60.0
PROBE_EVERY_S = 1.0
#: The least time between the starts of two cycles woken by change notices: a busy centre's
#: saves then cost each desk at most a few pulls a second, however many there are.
MIN_GAP_S = 0.4


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar and ``callcenter sync status`` show."""

    online: bool
    waiting: int
    refused: int
    open_conflicts: int
    last_attempt_at: dt.datetime | None
    last_success_at: dt.datetime | None
    last_error: str | None
    initial_done: bool
    initial_rows: int
    initial_total: int | None
    #: Whose transaction on the shared store has kept its changes back for long, in words.
    held_back: str | None = None


def read_status(local: Engine) -> SyncStatus:
    with Session(local) as session:
        st = session.get(SyncState, STATE_ID) or SyncState(
            initial_done=False, initial_rows=0, online=False
        )
        waiting, refused = outbox.waiting(session)
        conflicts = session.scalar(
            select(func.count())
            .select_from(SyncConflict)
            .where(SyncConflict.resolved_at.is_(None), SyncConflict.deleted.is_(False))
        )
        return SyncStatus(
            online=st.online,
            waiting=waiting,
            refused=refused,
            open_conflicts=int(conflicts or 0),
            last_attempt_at=st.last_attempt_at,
            last_success_at=st.last_success_at,
            last_error=st.last_error,
            initial_done=st.initial_done,
            initial_rows=int(st.initial_rows),
            initial_total=None if st.initial_total is None else int(st.initial_total),
            held_back=st.held_back,
        )


def describe(error: BaseException, timeout_s: float) -> str:
    """An error as words an agent can act on."""
    if isinstance(error, DeadlineExceededError):
        return f"shared database did not answer within {timeout_s:g} s"
    text = str(getattr(error, "orig", None) or error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    lowered = text.lower()
    if "timeout expired" in lowered or "timed out" in lowered:
        return f"shared database did not answer within {timeout_s:g} s"
    if "refused" in lowered:
        return "shared database refused the connection (is it running?)"
    if "terminat" in lowered or "closed the connection" in lowered or "eof" in lowered:
        return f"connection to the shared database was lost ({first})"
    return first


def backoff(failures: int, rng: random.Random) -> float:
    """Seconds to wait after ``failures`` failed cycles: doubling, capped, jittered."""
    ceiling = min(BACKOFF_CAP_S, BACKOFF_FIRST_S * 2 ** max(0, failures - 1))
    return float(ceiling * rng.uniform(0.5, 1.0))


class Replicator:
    """Push and pull for one desk; ``start`` runs it on its own thread."""

    def __init__(
        self,
        local: Engine,
        shared_url: str | URL,
        desk: str,
        *,
        timeout_s: float = 10.0,
        interval_s: float = 3.0,
        scope: Scope | None = None,
        on_status: Callable[[SyncStatus], None] | None = None,
        progress: Progress | None = None,
        presence: Callable[[], Presence | None] | None = None,
        rng: random.Random | None = None,
        held_back_s: float = HELD_BACK_S,
    ) -> None:
        self.local = local
        self.shared_url = shared_url
        self.desk = desk
        self.timeout_s = timeout_s
        self.interval_s = interval_s
        self.scope = scope
        self.on_status = on_status
        self.progress = progress
        self.presence = presence
        self.rng = rng or random.Random()
        self.failures = 0
        self._schema_checked = False
        self._shared: Engine | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._listener: threading.Thread | None = None
        self._lock = threading.Lock()
        self._last_cycle = 0.0
        self._pending_since: dict[int, float] = {}
        self.held_back_s = held_back_s
        #: Set while the change-notice connection is up (tests and ``sync status`` read it).
        self.listening = threading.Event()
        #: Called on this thread after a pull that brought rows: work that follows others'
        #: changes on this desk (a merge's late rows moved to the survivor, callcenter.crm.merge).
        self.after_pull: Callable[[], object] | None = None

    @property
    def shared(self) -> Engine:
        if self._shared is None:
            self._shared = open_engine(
                self.shared_url, timeout_s=self.timeout_s, fresh_connections=True
            )
        return self._shared

    def start(self, *, listen: bool = True) -> None:
        self._thread = threading.Thread(target=self._run, name="replicator", daemon=True)
        self._thread.start()
        if listen and self.shared.dialect.name == "postgresql":
            self._listener = threading.Thread(
                target=self._listen, name="replicator-notices", daemon=True
            )
            self._listener.start()

    def wake(self) -> None:
        """Sync now (after a local write, or when the agent asks)."""
        self._wake.set()

    def stop(self, timeout_s: float | None = None) -> None:
        """Stop the thread; a desk that was online signs its presence out on the way."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s if timeout_s is not None else self.timeout_s * 2 + 5)
        if self._listener is not None:
            self._listener.join(notices.POLL_S * 4)
        current = self.presence() if self.presence is not None else None
        if current is not None and self.failures == 0 and self._schema_checked:
            try:
                with deadline(self.timeout_s):
                    sign_out(self.shared, current.user_id)
            except (DBAPIError, DeadlineExceededError, OSError):
                pass  # the stale heartbeat says offline soon enough
        if self._shared is not None:
            self._shared.dispose()

    def sync_once(self) -> bool:
        """One push and pull now, on the calling thread; True when both completed."""
        with self._lock:
            ok = self._cycle()
        self._report()
        return ok

    def _embedded_schema(self) -> None:
        """An embedded (SQLite file) shared store is this machine's to create or migrate."""
        if not self._schema_checked and self.shared.dialect.name == "sqlite":
            migrate.upgrade(self.shared, role="shared")
        self._schema_checked = True

    def _cycle(self) -> bool:
        guard = partial(deadline, self.timeout_s)
        try:
            self._embedded_schema()
            push(self.local, self.shared, self.desk, should_stop=self._stop.is_set, guard=guard)
            self._heartbeat()
            result = pull(
                self.local,
                self.shared,
                desk=self.desk,
                scope=self.scope,
                progress=self.progress,
                should_stop=self._stop.is_set,
                guard=guard,
            )
            self._held_back()
            if result.rows and self.after_pull is not None:
                self._after_pull(self.after_pull)
        except (DBAPIError, OperationalError, DeadlineExceededError, OSError) as error:
            self.failures += 1
            mark(self.local, online=False, error=describe(error, self.timeout_s), success=False)
            return False
        self.failures = 0
        mark(self.local, online=True, error=None, success=result.complete)
        return result.complete

    def _after_pull(self, follow: Callable[[], object]) -> None:
        """Run the follow-up; a refusal is logged and tried again after the next pull."""
        try:
            follow()
        except ServiceError as refused:
            log.warning("after the pull: %s", refused)

    def _held_back(self) -> None:
        """Note whose shared transactions have kept their own rows back for ``held_back_s``: the
        pull reads past them, but what they wrote reaches no desk until they end."""
        now = time.monotonic()
        running = pending(self.local)
        self._pending_since = {x: self._pending_since.get(x, now) for x in running}
        long = [x for x, since in self._pending_since.items() if now - since >= self.held_back_s]
        words = None
        if long:
            with deadline(self.timeout_s), self.shared.connect() as conn:
                found = owners(conn, long)
            if found:
                words = "; ".join(
                    f"{name}'s transaction (server pid {pid}) has kept its changes back for "
                    f"{now - self._pending_since[xid]:.0f} s"
                    for xid, (name, pid) in sorted(found.items())
                )
        note_held_back(self.local, words)

    def _heartbeat(self) -> None:
        current = self.presence() if self.presence is not None else None
        if current is not None:
            with deadline(self.timeout_s):
                write_presence(self.shared, self.desk, current, utcnow())

    def _report(self) -> None:
        if self.on_status is not None:
            self.on_status(read_status(self.local))

    def _listen(self) -> None:
        """Wake the cycle on every change notice; after a lost connection, listen again
        once the cycles find the shared store (the back-off is theirs)."""
        while not self._stop.is_set():
            try:
                notices.listen(self.shared, self._wake.set, self._stop.is_set, self.listening.set)
            except (DBAPIError, OperationalError, OSError) as error:
                log.info("change notices stopped: %s", describe(error, self.timeout_s))
            except Exception:  # a fault of ours: the interval still pulls
                log.exception("change notices failed")
            finally:
                self.listening.clear()
            self._stop.wait(max(self.interval_s, backoff(self.failures + 1, self.rng)))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self._last_cycle = time.monotonic()
            try:
                ok = self.sync_once()
            except Exception as error:  # a fault of ours: say so and keep the thread alive
                log.exception("replication cycle failed")
                self.failures += 1
                mark(self.local, online=False, error=f"replication fault: {error}", success=False)
                self._report()
                ok = False
            if self._stop.is_set():
                break
            if ok:
                if self._wake.wait(self.interval_s):
                    # Woken: let the notices of a burst of saves arrive, then pull once.
                    self._stop.wait(self._last_cycle + MIN_GAP_S - time.monotonic())
            else:
                self._wait_to_retry(backoff(self.failures, self.rng))

    def _wait_to_retry(self, delay_s: float) -> None:
        """Wait out the back-off, but retry at once if the shared store answers again."""
        waited = 0.0
        while waited < delay_s and not self._stop.is_set():
            step = min(PROBE_EVERY_S, delay_s - waited)
            if self._wake.wait(step):
                return
            waited += step
            if reachable(self.shared_url, min(self.timeout_s, PROBE_EVERY_S)):
                return
