"""The softphone on pjsua2: one thread owns the SIP stack, everything else posts to it.

pjsua2 is not safe to call from several threads and allows one Endpoint per process, so
``PjsuaPhone`` starts a dedicated thread that creates the library (``threadCnt = 0``,
``mainThreadOnly = True``: every callback runs there), blocks in ``libHandleEvents`` a few
milliseconds at a time, runs the actions other threads queued, and destroys the library on
the way out. A registry on that thread owns every Account and Call and releases a Call
explicitly once it is DISCONNECTED; nothing is left to the garbage collector.
"""

from __future__ import annotations

import collections
import contextlib
import ipaddress
import itertools
import logging
import queue
import secrets
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pjsua2 as pj

from telephony.audio import FRAME_BYTES, SAMPLE_RATE, AudioBridge
from telephony.callerid import InviteDetails, parse_invite
from telephony.events import (
    CallDirection,
    CallEnded,
    CallRefused,
    CallState,
    CallStateChanged,
    DtmfMethod,
    DtmfReceived,
    IncomingCall,
    Party,
    PhoneError,
    PhoneEvent,
    RegistrationChanged,
    RegistrationState,
    TransferProgress,
)
from telephony.phone import REJECT_CODES, Normaliser, Subscriber
from telephony.settings import SipSettings

__all__ = ["PjsuaPhone"]

log = logging.getLogger(__name__)

# Registration failures the phone must not retry: the credentials or the account are wrong,
# and hammering the registrar would only lock the account.
_FINAL_REGISTRATION_CODES = frozenset({400, 401, 403, 404, 407, 420, 484})
_MAX_RETRY_SECONDS = 300.0
_PJSIP_EBUSY = 171001  # "Object is busy": a registration is already in flight
_SHUTDOWN_PUMP_SECONDS = 3.0
#: How long a call the phone refuses itself (untrusted source, rate limit) keeps its slot
#: before the refusal is sent. pjsua makes a call's media sockets before the application sees
#: the INVITE, and a closed socket stays in the 64-handle select ioqueue for 500 ms: refused at
#: once, a flood of 500/s churned through the handles and aborted the process. Held, the four
#: call slots (``UaConfig.maxCalls``) bound the phone to 8 calls a second, and pjsua answers
#: the rest with 486 before it makes anything.
REFUSAL_HOLD_SECONDS = 0.5

_STATE_MAP = {
    pj.PJSIP_INV_STATE_CALLING: CallState.CALLING,
    pj.PJSIP_INV_STATE_INCOMING: CallState.INCOMING,
    pj.PJSIP_INV_STATE_EARLY: CallState.EARLY,
    pj.PJSIP_INV_STATE_CONNECTING: CallState.CONNECTING,
    pj.PJSIP_INV_STATE_CONFIRMED: CallState.CONFIRMED,
}
_SRTP = {
    "off": pj.PJMEDIA_SRTP_DISABLED,
    "optional": pj.PJMEDIA_SRTP_OPTIONAL,
    "mandatory": pj.PJMEDIA_SRTP_MANDATORY,
}
_TRANSPORT = {
    "udp": pj.PJSIP_TRANSPORT_UDP,
    "tcp": pj.PJSIP_TRANSPORT_TCP,
    "tls": pj.PJSIP_TRANSPORT_TLS,
}

_live_lock = threading.Lock()
_live_phone: PjsuaPhone | None = None


class _Account(pj.Account):  # type: ignore[misc]  # pjsua2 ships no type information
    """The one SIP account; forwards pjsua2 callbacks to the phone, guarded."""

    def __init__(self, phone: PjsuaPhone) -> None:
        super().__init__()
        self._phone = phone

    def onRegState(self, prm: Any) -> None:  # noqa: N802 - pjsua2's name
        self._phone._guard("onRegState", None, self._phone._on_reg_state, prm)

    def onIncomingCall(self, prm: Any) -> None:  # noqa: N802 - pjsua2's name
        self._phone._guard("onIncomingCall", None, self._phone._on_incoming_call, self, prm)


class _Call(pj.Call):  # type: ignore[misc]  # pjsua2 ships no type information
    """One call leg; forwards pjsua2 callbacks to the phone, guarded."""

    def __init__(self, phone: PjsuaPhone, account: _Account, call_id: str, pj_id: int) -> None:
        super().__init__(account, pj_id)
        self._phone = phone
        self.call_id = call_id

    def onCallState(self, prm: Any) -> None:  # noqa: N802 - pjsua2's name
        self._phone._guard("onCallState", self.call_id, self._phone._on_call_state, self)

    def onCallMediaState(self, prm: Any) -> None:  # noqa: N802 - pjsua2's name
        self._phone._guard("onCallMediaState", self.call_id, self._phone._on_media_state, self)

    def onDtmfDigit(self, prm: Any) -> None:  # noqa: N802 - pjsua2's name
        self._phone._guard("onDtmfDigit", self.call_id, self._phone._on_dtmf, self, prm)

    def onCallTransferStatus(self, prm: Any) -> None:  # noqa: N802 - pjsua2's name
        self._phone._guard(
            "onCallTransferStatus", self.call_id, self._phone._on_transfer_status, self, prm
        )

    def onCallTransferRequest(self, prm: Any) -> None:  # noqa: N802 - pjsua2's name
        # A far end asking *us* to call someone else is not a desk feature; decline it rather
        # than let pjsua2 create a call the registry does not own.
        prm.statusCode = pj.PJSIP_SC_DECLINE


class _LoopbackCaller(pj.Account):  # type: ignore[misc]  # pjsua2 ships no type information
    """A second account on our own endpoint that places demo calls to the agent."""


class _LoopbackCall(pj.Call):  # type: ignore[misc]  # pjsua2 ships no type information
    """The far end of a demo call; released by the phone when it disconnects."""

    def __init__(self, phone: PjsuaPhone, account: _LoopbackCaller) -> None:
        super().__init__(account)
        self._phone = phone

    def onCallState(self, prm: Any) -> None:  # noqa: N802 - pjsua2's name
        self._phone._guard("loopback call state", None, self._phone._on_loopback_state, self)


class _BridgePort(pj.AudioMediaPort):  # type: ignore[misc]  # pjsua2 ships no type information
    """Conference-bridge port that moves frames to and from an ``AudioBridge``.

    Runs on pjmedia's clock thread: it only touches the bridge's locked rings.
    """

    def __init__(self, bridge: AudioBridge) -> None:
        super().__init__()
        self._bridge = bridge

    def onFrameReceived(self, frame: Any) -> None:  # noqa: N802 - pjsua2's name
        with contextlib.suppress(Exception):  # raising here would only be printed by pjsua2
            if frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO and frame.size:
                self._bridge.push_far_end(bytes(frame.buf))

    def onFrameRequested(self, frame: Any) -> None:  # noqa: N802 - pjsua2's name
        with contextlib.suppress(Exception):
            data = self._bridge.pull_capture(FRAME_BYTES)
            frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
            frame.buf = pj.ByteVector(data)
            frame.size = len(data)


@dataclass
class _CallRecord:
    call: _Call
    direction: CallDirection
    created: float
    offered: bool = True
    answered: bool = False
    connected_at: float | None = None
    local_hangup: bool = False
    muted: bool = False
    media_state: CallState | None = None


@dataclass
class _TokenBucket:
    """INVITE flood guard: ``rate`` per second, bursts up to ``burst``."""

    rate: float
    burst: int
    tokens: float = 0.0
    stamp: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = float(self.burst)

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(float(self.burst), self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


def _split_address(address: str) -> tuple[str, int | None]:
    address = address.strip()
    if address.startswith("["):
        host, _, rest = address[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif address.count(":") == 1:
        host, _, port = address.partition(":")
    else:
        host, port = address, ""
    return host.lower(), int(port) if port.isdigit() else None


def _describe(exc: BaseException) -> str:
    """pjsua2.Error carries its message in ``info()``; ``str()`` of it is empty."""
    if isinstance(exc, pj.Error):
        return f"pjsua2: {exc.title}: {exc.reason} (status {exc.status})"
    return f"{type(exc).__name__}: {exc}"


def _normalise_target(target: str, settings: SipSettings) -> str:
    target = target.strip()
    lower = target.lower()
    if lower.startswith(("sip:", "sips:")):
        return target
    if lower.startswith("tel:"):
        target = target[4:].split(";")[0]
    if "@" in target:
        return f"sip:{target}"
    number = "".join(ch for ch in target if ch not in " -().\t")
    return f"sip:{number}@{settings.sip_domain}"


class PjsuaPhone:
    """``telephony.phone.Phone`` on pjsua2.

    Events (delivered on the telephony thread, in order): RegistrationChanged, IncomingCall,
    CallStateChanged, CallEnded, CallRefused, DtmfReceived, TransferProgress, PhoneError.
    Only one instance may be alive per process (pjsua2 allows one Endpoint); a second raises
    ``RuntimeError`` until the first is closed.
    """

    def __init__(
        self,
        settings: SipSettings,
        *,
        normalise: Normaliser,
        audio: AudioBridge | None = None,
        poll_ms: int = 10,
        pj_log_level: int = 0,
    ) -> None:
        self.settings = settings
        self._normalise = normalise
        self._audio = audio
        self._poll_ms = poll_ms
        self._pj_log_level = pj_log_level
        self._subscribers: list[Subscriber] = []
        self._subscribers_lock = threading.Lock()
        self._commands: queue.SimpleQueue[tuple[str, str | None, Callable[[], None]]] = (
            queue.SimpleQueue()
        )
        self._ids = itertools.count(1)
        # Handles outlive the process in drafts of unsaved logs: a phone started after a crash
        # must not hand out "c1" again while the crashed run's "c1" still waits to be logged.
        self._handle_tag = secrets.token_hex(3)
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._start_error: str | None = None
        self._stopping = False
        self._closed = False
        self._registry_lock = threading.Lock()
        # Owned by the telephony thread only:
        self._ep: Any = None
        self._transport_id = -1
        self._account: _Account | None = None
        self._calls: dict[str, _CallRecord] = {}
        #: Calls that reached DISCONNECTED, freed by ``_bury`` once their slot is free.
        self._graveyard: list[Any] = []
        #: Calls refused by the phone itself (time to answer, call id, code), oldest first; by
        #: id, not Call, so the queue keeps no Call alive (see ``_bury``).
        self._held_refusals: collections.deque[tuple[float, str, int]] = collections.deque()
        self._loopback_callers: dict[str, _LoopbackCaller] = {}
        self._loopback_calls: list[_LoopbackCall] = []
        self._port: _BridgePort | None = None
        self._trusted: list[tuple[str, int | None]] = []
        self._flood = _TokenBucket(settings.invite_rate_per_second, settings.invite_burst)
        self._want_registered = False
        self._retry_at: float | None = None
        self._retry_delay = float(settings.register_first_retry_seconds)
        self.local_port = 0

    # ---- lifecycle ---------------------------------------------------------------------

    def start(self, timeout: float = 10.0) -> None:
        """Start the telephony thread and wait until the SIP stack is up (local work only)."""
        global _live_phone  # noqa: PLW0603 - pjsua2 itself is process-global
        with _live_lock:
            if _live_phone is not None:
                raise RuntimeError("a PjsuaPhone is already running in this process")
            _live_phone = self
        self._thread = threading.Thread(target=self._run, name="telephony", daemon=True)
        self._thread.start()
        if not self._started.wait(timeout):
            raise RuntimeError("the SIP stack did not start in time")
        if self._start_error is not None:
            self._thread.join(timeout)
            self._release_live()
            raise RuntimeError(f"the SIP stack failed to start: {self._start_error}")

    def close(self, timeout: float = 15.0) -> None:
        """Hang up all calls, unregister, destroy the library; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self._thread is not None and self._thread.is_alive():
            self._commands.put(("close", None, self._request_stop))
            self._thread.join(timeout)
        self._release_live()

    def _release_live(self) -> None:
        global _live_phone  # noqa: PLW0603 - pjsua2 itself is process-global
        with _live_lock:
            if _live_phone is self:
                _live_phone = None

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        with self._subscribers_lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._subscribers_lock, contextlib.suppress(ValueError):
                self._subscribers.remove(callback)

        return unsubscribe

    def call_ids(self) -> tuple[str, ...]:
        """Calls the registry still owns (for diagnostics and leak tests)."""
        with self._registry_lock:
            return tuple(self._calls)

    # ---- actions (any thread; they only queue work) ------------------------------------

    def register(self, password: str) -> None:
        self._post("register", None, lambda: self._do_register(password))

    def unregister(self) -> None:
        self._post("unregister", None, self._do_unregister)

    def network_changed(self) -> None:
        self._post("network_changed", None, self._do_network_changed)

    def send_ringing(self, call_id: str) -> None:
        self._post("send_ringing", call_id, lambda: self._answer_with(call_id, 180))

    def answer(self, call_id: str) -> None:
        self._post("answer", call_id, lambda: self._answer_with(call_id, 200))

    def reject(self, call_id: str, code: int = 486) -> None:
        if code not in REJECT_CODES:
            raise ValueError("reject with 486 (busy), 480 (temporarily unavailable) or 603")
        self._post("reject", call_id, lambda: self._do_hangup(call_id, code))

    def hangup(self, call_id: str) -> None:
        self._post("hangup", call_id, lambda: self._do_hangup(call_id, 0))

    def hold(self, call_id: str) -> None:
        self._post(
            "hold", call_id, lambda: self._record(call_id).call.setHold(pj.CallOpParam(True))
        )

    def unhold(self, call_id: str) -> None:
        self._post("unhold", call_id, lambda: self._do_unhold(call_id))

    def mute(self, call_id: str) -> None:
        self._post("mute", call_id, lambda: self._do_mute(call_id, True))

    def unmute(self, call_id: str) -> None:
        self._post("unmute", call_id, lambda: self._do_mute(call_id, False))

    def send_dtmf(self, call_id: str, digits: str, method: DtmfMethod = DtmfMethod.RFC2833) -> None:
        if not digits or any(ch not in "0123456789*#ABCDabcd" for ch in digits):
            raise ValueError(f"not DTMF digits: {digits!r}")
        self._post("send_dtmf", call_id, lambda: self._do_dtmf(call_id, digits, method))

    def blind_transfer(self, call_id: str, target: str) -> None:
        uri = _normalise_target(target, self.settings)
        self._post(
            "blind_transfer",
            call_id,
            lambda: self._record(call_id).call.xfer(uri, pj.CallOpParam(True)),
        )

    def attended_transfer(self, call_id: str, consult_call_id: str) -> None:
        self._post(
            "attended_transfer",
            call_id,
            lambda: self._record(call_id).call.xferReplaces(
                self._record(consult_call_id).call, pj.CallOpParam(True)
            ),
        )

    def dial(self, target: str) -> str:
        call_id = f"c{next(self._ids)}-{self._handle_tag}"
        uri = _normalise_target(target, self.settings)
        self._post("dial", call_id, lambda: self._do_dial(call_id, uri))
        return call_id

    def use_local_account(self) -> None:
        """Demo and lab mode: an account with no registrar, reachable on this machine only.

        Calls are then accepted from 127.0.0.1 (put it in ``trusted_proxies``).
        """
        self._post("local account", None, self._do_local_account)

    def simulate_incoming(self, caller_uri: str, headers: Sequence[tuple[str, str]] = ()) -> None:
        """Place a real SIP call over loopback from ``caller_uri`` to this phone's account.

        The caller is a second account on the same endpoint (pjsua2 allows one endpoint per
        process); the agent's side sees an ordinary INVITE with ``headers`` added.
        """
        extra = tuple(headers)
        self._post("simulate call", None, lambda: self._do_simulate(caller_uri, extra))

    def hangup_simulated(self) -> None:
        """The simulated caller hangs up every call it placed."""
        self._post("simulated hang-up", None, self._do_hangup_simulated)

    def _post(self, name: str, call_id: str | None, work: Callable[[], None]) -> None:
        if self._closed:
            raise RuntimeError("the phone is closed")
        self._commands.put((name, call_id, work))

    # ---- events ------------------------------------------------------------------------

    def _emit(self, event: PhoneEvent) -> None:
        with self._subscribers_lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(event)
            except Exception:
                log.exception("phone event subscriber failed on %r", event)

    def _guard(
        self, where: str, call_id: str | None, body: Callable[..., None], *args: Any
    ) -> None:
        """Run a pjsua2 callback body; pjsua2 would only print an escaping exception."""
        try:
            body(*args)
        except Exception as exc:
            log.exception("telephony: %s failed", where)
            self._emit(PhoneError(where, _describe(exc), call_id))

    # ---- the telephony thread ------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._boot()
        except BaseException as exc:
            # Keep only the text: the traceback would keep _boot's frame, and with it the
            # Endpoint, alive, and pjsua2 aborts when a second Endpoint is made meanwhile.
            self._start_error = _describe(exc)
            self._destroy_library()
            self._started.set()
            return
        self._started.set()
        try:
            while not self._stopping:
                self._run_commands()
                self._send_due_refusals()
                self._retry_registration_if_due()
                self._ep.libHandleEvents(self._poll_ms)
                self._bury()
        except BaseException as exc:
            log.exception("telephony thread crashed")
            self._emit(PhoneError("telephony thread", _describe(exc)))
        finally:
            self._shutdown()

    def _boot(self) -> None:
        settings = self.settings
        self._trusted = self._trusted_sources()
        ep = pj.Endpoint()
        self._ep = ep
        ep.libCreate()
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
        cfg.uaConfig.userAgent = settings.user_agent
        cfg.logConfig.level = self._pj_log_level
        cfg.logConfig.consoleLevel = self._pj_log_level
        cfg.medConfig.clockRate = SAMPLE_RATE
        cfg.medConfig.sndClockRate = SAMPLE_RATE
        ep.libInit(cfg)
        tcfg = pj.TransportConfig()
        tcfg.port = settings.local_port
        if settings.bind_address != "0.0.0.0":
            tcfg.boundAddress = settings.bind_address
        if settings.transport == "tls":
            tcfg.tlsConfig.method = pj.PJSIP_TLSV1_2_METHOD
            tcfg.tlsConfig.CaListFile = settings.tls_ca_file or ""
            tcfg.tlsConfig.verifyServer = settings.tls_verify_server
        self._transport_id = ep.transportCreate(_TRANSPORT[settings.transport], tcfg)
        ep.libStart()
        # The wheel has no sound-device backend; the null device keeps the bridge clock going.
        ep.audDevManager().setNullDev()
        self.local_port = int(
            _split_address(ep.transportGetInfo(self._transport_id).localName)[1] or 0
        )
        if self._audio is not None:
            fmt = pj.MediaFormatAudio()
            fmt.init(pj.PJMEDIA_FORMAT_PCM, SAMPLE_RATE, 1, 20000, 16)
            self._port = _BridgePort(self._audio)
            self._port.createPort("headset", fmt)

    def _trusted_sources(self) -> list[tuple[str, int | None]]:
        settings = self.settings
        # Stream transports may reach us from an ephemeral port; UDP replies come from the
        # proxy's listening port.
        port = settings.registrar_port if settings.transport == "udp" else None
        sources: list[tuple[str, int | None]] = []
        for host, host_port in [
            (settings.registrar_host, port),
            *(_split_address(item) for item in settings.trusted_proxies),
        ]:
            for address in self._resolve(host):
                sources.append((address, host_port))
        return sources

    @staticmethod
    def _resolve(host: str) -> set[str]:
        try:
            return {str(ipaddress.ip_address(host))}
        except ValueError:
            pass
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_UDP)
        except OSError:
            log.warning("cannot resolve SIP proxy %s; calls from it will be refused", host)
            return set()
        return {str(info[4][0]) for info in infos}

    def _run_commands(self) -> None:
        while True:
            try:
                name, call_id, work = self._commands.get_nowait()
            except queue.Empty:
                return
            self._guard(name, call_id, work)

    def _request_stop(self) -> None:
        self._stopping = True

    def _shutdown(self) -> None:
        """Hang up all, pump until empty, drop media ports, shut the account, destroy once."""
        ep = self._ep
        if ep is None:
            return
        for call_id in list(self._calls):
            with contextlib.suppress(Exception):
                self._do_hangup(call_id, 0)
        self._do_hangup_simulated()
        deadline = time.monotonic() + _SHUTDOWN_PUMP_SECONDS
        while (self._calls or self._loopback_calls) and time.monotonic() < deadline:
            ep.libHandleEvents(20)
        # Calls that never reached DISCONNECTED in time are released here, before the
        # library goes: a Call or media port outliving libDestroy() aborts the process.
        with self._registry_lock:
            self._calls.clear()
        self._held_refusals.clear()
        self._loopback_calls.clear()
        self._graveyard.clear()
        self._port = None
        for caller in self._loopback_callers.values():
            with contextlib.suppress(Exception):
                caller.shutdown()
        self._loopback_callers.clear()
        if self._account is not None:
            with contextlib.suppress(Exception):
                if self._account.getInfo().regIsActive:
                    self._account.setRegistration(False)
                    deadline = time.monotonic() + 1.0
                    while time.monotonic() < deadline and self._account.getInfo().regIsActive:
                        ep.libHandleEvents(20)
            self._account.shutdown()
            self._account = None
        self._destroy_library()

    def _destroy_library(self) -> None:
        if self._ep is None:
            return
        try:
            self._ep.libDestroy()
        except Exception:
            log.exception("pjsua2 libDestroy failed")
        self._ep = None

    # ---- registration ------------------------------------------------------------------

    def _do_local_account(self) -> None:
        if self._account is not None:
            return
        cfg = pj.AccountConfig()
        cfg.idUri = f"sip:{self.settings.username}@127.0.0.1:{self.local_port}"
        cfg.sipConfig.transportId = self._transport_id
        account = _Account(self)
        account.create(cfg, True)
        self._account = account
        self._emit(
            RegistrationChanged(
                RegistrationState.REGISTERED, 200, "local loopback account (no registrar)", True
            )
        )

    def _do_simulate(self, caller_uri: str, headers: tuple[tuple[str, str], ...]) -> None:
        caller = self._loopback_callers.get(caller_uri)
        if caller is None:
            cfg = pj.AccountConfig()
            cfg.idUri = caller_uri
            cfg.sipConfig.transportId = self._transport_id
            caller = _LoopbackCaller()
            caller.create(cfg, False)
            self._loopback_callers[caller_uri] = caller
        call = _LoopbackCall(self, caller)
        prm = self._op()
        for name, value in headers:
            header = pj.SipHeader()
            header.hName = name
            header.hValue = value
            prm.txOption.headers.append(header)
        self._loopback_calls.append(call)
        call.makeCall(f"sip:{self.settings.username}@127.0.0.1:{self.local_port}", prm)

    def _on_loopback_state(self, call: _LoopbackCall) -> None:
        disconnected = call.getInfo().state == pj.PJSIP_INV_STATE_DISCONNECTED
        if disconnected and call in self._loopback_calls:
            self._loopback_calls.remove(call)
            self._graveyard.append(call)

    def _do_hangup_simulated(self) -> None:
        for call in list(self._loopback_calls):
            with contextlib.suppress(Exception):
                call.hangup(self._op(200))

    def _account_config(self, password: str) -> Any:
        settings = self.settings
        cfg = pj.AccountConfig()
        cfg.idUri = settings.account_uri
        cfg.regConfig.registrarUri = settings.registrar_uri
        cfg.regConfig.timeoutSec = settings.register_expires_seconds
        cfg.regConfig.retryIntervalSec = 0  # the phone runs its own back-off
        cfg.regConfig.registerOnAdd = True
        cred = pj.AuthCredInfo(
            "digest", "*", settings.auth_username or settings.username, 0, password
        )
        cfg.sipConfig.authCreds.append(cred)
        # Every request goes through the registrar / proxy: that is where calls are trusted.
        cfg.sipConfig.proxies.append(f"{settings.registrar_uri};lr")
        cfg.sipConfig.transportId = self._transport_id
        cfg.mediaConfig.srtpUse = _SRTP[settings.srtp]
        cfg.mediaConfig.srtpSecureSignaling = 0
        if settings.bind_address != "0.0.0.0":
            cfg.mediaConfig.transportConfig.boundAddress = settings.bind_address
        return cfg

    def _do_register(self, password: str) -> None:
        self._want_registered = True
        self._retry_at = None
        self._retry_delay = float(self.settings.register_first_retry_seconds)
        cfg = self._account_config(password)
        self._emit(RegistrationChanged(RegistrationState.REGISTERING, 0, "", False))
        if self._account is None:
            account = _Account(self)
            account.create(cfg, True)
            self._account = account
        else:
            # modify() re-registers by itself when the credentials changed; only when they
            # did not (re-register after unregister) does the renewal need asking for.
            self._account.modify(cfg)
            self._renew_registration()

    def _do_unregister(self) -> None:
        self._want_registered = False
        self._retry_at = None
        if self._account is not None and self._account.getInfo().regIsActive:
            self._account.setRegistration(False)
        else:
            self._emit(RegistrationChanged(RegistrationState.UNREGISTERED, 0, "", True))

    def _do_network_changed(self) -> None:
        self._ep.handleIpChange(pj.IpChangeParam())
        if self._want_registered and self._account is not None:
            self._retry_delay = float(self.settings.register_first_retry_seconds)
            self._retry_at = None
            self._renew_registration()

    def _renew_registration(self) -> None:
        """Ask for a fresh REGISTER unless one is already on its way (modify() and
        handleIpChange() start one themselves when they see a reason to)."""
        assert self._account is not None
        try:
            self._account.setRegistration(True)
        except pj.Error as exc:
            if exc.status != _PJSIP_EBUSY:
                raise

    def _retry_registration_if_due(self) -> None:
        if self._retry_at is None or time.monotonic() < self._retry_at:
            return
        self._retry_at = None
        if self._want_registered and self._account is not None:
            self._renew_registration()

    def _on_reg_state(self, prm: Any) -> None:
        code = int(prm.code)
        reason = str(prm.reason)
        expires = int(prm.expiration)
        if 200 <= code < 300:
            self._retry_delay = float(self.settings.register_first_retry_seconds)
            if expires > 0 and self._want_registered:
                self._emit(
                    RegistrationChanged(RegistrationState.REGISTERED, code, reason, False, expires)
                )
            else:
                self._emit(RegistrationChanged(RegistrationState.UNREGISTERED, code, reason, True))
            return
        final = code in _FINAL_REGISTRATION_CODES or not self._want_registered
        if final:
            self._want_registered = False
        else:
            self._retry_at = time.monotonic() + self._retry_delay
            self._retry_delay = min(self._retry_delay * 2, _MAX_RETRY_SECONDS)
        self._emit(RegistrationChanged(RegistrationState.FAILED, code, reason, final))

    # ---- calls -------------------------------------------------------------------------

    def _record(self, call_id: str) -> _CallRecord:
        record = self._calls.get(call_id)
        if record is None:
            raise KeyError(f"no such call: {call_id}")
        return record

    def _add(self, record: _CallRecord) -> None:
        with self._registry_lock:
            self._calls[record.call.call_id] = record

    def _is_trusted(self, source: str) -> bool:
        host, port = _split_address(source)
        return any(
            host == t_host and (t_port is None or t_port == port)
            for t_host, t_port in self._trusted
        )

    def _on_incoming_call(self, account: _Account, prm: Any) -> None:
        received_monotonic = time.monotonic()
        received_wall = time.time()
        source = str(prm.rdata.srcAddress)
        call = _Call(self, account, f"c{next(self._ids)}-{self._handle_tag}", prm.callId)
        record = _CallRecord(call, CallDirection.INBOUND, received_monotonic, offered=False)
        self._add(record)
        try:
            details = parse_invite(
                str(prm.rdata.wholeMsg),
                trusted=True,
                queue_header=self.settings.queue_header,
                queue_by_dialled=self.settings.queue_by_dialled,
                wait_header=self.settings.wait_header,
            )
        except Exception as exc:  # the call must still ring (or be refused) on a parser bug
            log.exception("caller-ID parsing failed")
            self._emit(PhoneError("parse_invite", _describe(exc), call.call_id))
            details = InviteDetails()
        busy = any(other.offered for other in self._calls.values() if other is not record)
        refusal: tuple[int, str] | None = None
        if not self._is_trusted(source):
            refusal = (403, "not from the SIP proxy")
        elif not self._flood.take():
            refusal = (503, "INVITE rate limit")
        elif busy and not self.settings.call_waiting:
            refusal = (486, "busy, call waiting off")
        if refusal is not None:
            code, reason = refusal
            record.local_hangup = True
            # Later, from the loop: not from inside this callback, where pjsua 2.15.1 aborts
            # (pjsip_rx_data_free_cloned assertion) on a final response to an offer-less
            # INVITE, and held so that a flood cannot churn the ioqueue (REFUSAL_HOLD_SECONDS).
            due = received_monotonic + REFUSAL_HOLD_SECONDS
            self._held_refusals.append((due, call.call_id, code))
            self._emit(CallRefused(source, code, reason, details.sip_call_id))
            return
        record.offered = True
        caller = details.caller
        e164: str | None = None
        if caller.number and not caller.withheld:
            try:
                e164 = self._normalise(caller.number)
            except Exception as exc:
                self._emit(PhoneError("normalise", _describe(exc), call.call_id))
        self._emit(
            IncomingCall(
                call_id=call.call_id,
                sip_call_id=details.sip_call_id,
                caller_number=caller.number,
                caller_e164=e164,
                display_name=caller.display_name,
                withheld=caller.withheld,
                identity_source=caller.source,
                dialled_number=details.dialled_number,
                queue=details.queue,
                waited_seconds=details.waited_seconds,
                received_monotonic=received_monotonic,
                received_wall=received_wall,
                source_address=source,
                waiting=busy,
                headers=details.headers,
            )
        )
        if self.settings.auto_ringing:
            call.answer(self._op(180))

    def _bury(self) -> None:
        """Free the Calls that reached DISCONNECTED, except where pjsua has already given the
        slot (``Call.getId()``) to a live call: ``~Call()`` clears its slot's user data and hangs
        up what is active there, so freed then it would cut the new call off from its events
        and end it (under a flood, calls that never ended and refusals that failed with
        "INVITE session already terminated"). Those wait until their slot is free again."""
        if not self._graveyard:
            return
        live = {record.call.getId() for record in self._calls.values()}
        live.update(call.getId() for call in self._loopback_calls)
        self._graveyard = [call for call in self._graveyard if call.getId() in live]

    def _send_due_refusals(self) -> None:
        """The held refusals whose time has come (see ``REFUSAL_HOLD_SECONDS``)."""
        now = time.monotonic()
        while self._held_refusals and self._held_refusals[0][0] <= now:
            _due, call_id, code = self._held_refusals.popleft()
            record = self._calls.get(call_id)
            if record is not None:  # the caller may have given up meanwhile
                self._guard("refuse", call_id, record.call.hangup, self._op(code))

    @staticmethod
    def _op(code: int = 0) -> Any:
        prm = pj.CallOpParam(True)
        if code:
            prm.statusCode = code
        return prm

    def _answer_with(self, call_id: str, code: int) -> None:
        self._record(call_id).call.answer(self._op(code))

    def _do_hangup(self, call_id: str, code: int) -> None:
        record = self._record(call_id)
        record.local_hangup = True
        record.call.hangup(self._op(code))

    def _do_unhold(self, call_id: str) -> None:
        prm = self._op()
        prm.opt.flag = pj.PJSUA_CALL_UNHOLD
        self._record(call_id).call.reinvite(prm)

    def _do_mute(self, call_id: str, muted: bool) -> None:
        record = self._record(call_id)
        record.muted = muted
        self._apply_mute(record)

    def _apply_mute(self, record: _CallRecord) -> None:
        info = record.call.getInfo()
        for index, media in enumerate(info.media):
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status in (
                pj.PJSUA_CALL_MEDIA_ACTIVE,
                pj.PJSUA_CALL_MEDIA_REMOTE_HOLD,
            ):
                record.call.getAudioMedia(index).adjustTxLevel(0.0 if record.muted else 1.0)

    def _do_dtmf(self, call_id: str, digits: str, method: DtmfMethod) -> None:
        call = self._record(call_id).call
        if method is DtmfMethod.RFC2833:
            call.dialDtmf(digits)
            return
        prm = pj.CallSendDtmfParam()
        prm.method = pj.PJSUA_DTMF_METHOD_SIP_INFO
        prm.digits = digits
        call.sendDtmf(prm)

    def _do_dial(self, call_id: str, uri: str) -> None:
        if self._account is None:
            self._emit(PhoneError("dial", "not registered: no SIP account yet", call_id))
            self._emit(
                CallEnded(call_id, CallDirection.OUTBOUND, 0, "no account", Party.LOCAL, False, 0.0)
            )
            return
        call = _Call(self, self._account, call_id, pj.PJSUA_INVALID_ID)
        record = _CallRecord(call, CallDirection.OUTBOUND, time.monotonic())
        self._add(record)
        try:
            call.makeCall(uri, self._op())
        except Exception as exc:
            with self._registry_lock:
                self._calls.pop(call_id, None)
            self._emit(PhoneError("dial", _describe(exc), call_id))
            self._emit(
                CallEnded(call_id, CallDirection.OUTBOUND, 0, str(exc), Party.LOCAL, False, 0.0)
            )

    def _on_call_state(self, call: _Call) -> None:
        record = self._calls.get(call.call_id)
        if record is None:
            return
        info = call.getInfo()
        code = int(info.lastStatusCode)
        reason = str(info.lastReason)
        if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            self._release(record, code, reason)
            return
        state = _STATE_MAP.get(info.state)
        if state is None:
            return
        if state is CallState.CONFIRMED and not record.answered:
            record.answered = True
            record.connected_at = time.monotonic()
        if record.offered:
            self._emit(CallStateChanged(call.call_id, state, record.direction, code, reason))

    def _release(self, record: _CallRecord, code: int, reason: str) -> None:
        call = record.call
        with self._registry_lock:
            self._calls.pop(call.call_id, None)
        # Not freed inside its own callback (the SWIG director still uses it as the callback
        # returns: freed there, the process crashed later, anywhere); ``_bury`` frees it.
        self._graveyard.append(call)
        if not record.offered:
            return
        duration = time.monotonic() - record.connected_at if record.connected_at else 0.0
        self._emit(
            CallStateChanged(call.call_id, CallState.DISCONNECTED, record.direction, code, reason)
        )
        self._emit(
            CallEnded(
                call_id=call.call_id,
                direction=record.direction,
                code=code,
                reason=reason,
                ended_by=Party.LOCAL if record.local_hangup else Party.REMOTE,
                answered=record.answered,
                duration_seconds=duration,
            )
        )

    def _on_media_state(self, call: _Call) -> None:
        record = self._calls.get(call.call_id)
        if record is None:
            return
        info = call.getInfo()
        new_state: CallState | None = None
        for index, media in enumerate(info.media):
            if media.type != pj.PJMEDIA_TYPE_AUDIO:
                continue
            if media.status == pj.PJSUA_CALL_MEDIA_LOCAL_HOLD:
                new_state = CallState.HELD
            elif media.status == pj.PJSUA_CALL_MEDIA_REMOTE_HOLD:
                new_state = CallState.REMOTE_HELD
            elif media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                new_state = CallState.CONFIRMED
                self._connect_audio(call.getAudioMedia(index))
        if new_state is None or new_state == record.media_state:
            return
        previous, record.media_state = record.media_state, new_state
        self._apply_mute(record)
        if previous is None and new_state is CallState.CONFIRMED:
            return  # the first active media is the answer, already reported by onCallState
        self._emit(
            CallStateChanged(
                call.call_id, new_state, record.direction, int(info.lastStatusCode), "media"
            )
        )

    def _connect_audio(self, call_media: Any) -> None:
        if self._port is not None:
            call_media.startTransmit(self._port)
            self._port.startTransmit(call_media)
            return
        manager = self._ep.audDevManager()
        call_media.startTransmit(manager.getPlaybackDevMedia())
        manager.getCaptureDevMedia().startTransmit(call_media)

    def _on_dtmf(self, call: _Call, prm: Any) -> None:
        method = (
            DtmfMethod.SIP_INFO
            if prm.method == pj.PJSUA_DTMF_METHOD_SIP_INFO
            else DtmfMethod.RFC2833
        )
        self._emit(DtmfReceived(call.call_id, str(prm.digit), method))

    def _on_transfer_status(self, call: _Call, prm: Any) -> None:
        code = int(prm.statusCode)
        final = bool(prm.finalNotify)
        self._emit(TransferProgress(call.call_id, code, str(prm.reason), final))
        if final and 200 <= code < 300 and call.call_id in self._calls:
            # The transfer is complete: the agent drops out of the call.
            self._do_hangup(call.call_id, 0)
