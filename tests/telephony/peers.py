"""Real SIP peers for the telephony tests: a Kamailio registrar/proxy and SIPp runs.

Everything listens on 127.0.0.1 on free ports and is stopped by the fixture that started it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from telephony.events import PhoneEvent

SCENARIOS = Path(__file__).parent / "scenarios"
HOST = "127.0.0.1"
E = TypeVar("E")


def die_with_parent(command: list[str]) -> list[str]:
    """Wrap ``command`` so the kernel sends it SIGTERM when the test process dies: a crashed
    run (pjsua2 aborts on some assertions) then leaves no Kamailio, SIPp or PulseAudio behind.
    ``setpriv`` (util-linux) sets the signal and execs; no ``preexec_fn`` in a threaded process.
    """
    if shutil.which("setpriv") is None:
        return command
    return ["setpriv", "--pdeathsig", "TERM", "--", *command]


def free_port(kind: int = socket.SOCK_DGRAM) -> int:
    """A port free for both UDP and TCP right now (Kamailio listens on both)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, kind) as probe:
            probe.bind((HOST, 0))
            port = int(probe.getsockname()[1])
        other = socket.SOCK_STREAM if kind == socket.SOCK_DGRAM else socket.SOCK_DGRAM
        with socket.socket(socket.AF_INET, other) as check:
            try:
                check.bind((HOST, port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port")


KAMAILIO_CFG = """#!KAMAILIO
debug=2
log_stderror=yes
memdbg=5
memlog=5
children=1
tcp_children=1
auto_aliases=no
listen=udp:{host}:{port}
listen=tcp:{host}:{port}
{tls_listen}
alias="{host}:{port}"

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "siputils.so"
loadmodule "textops.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "auth.so"
loadmodule "htable.so"
loadmodule "xlog.so"
{tls_modules}

modparam("usrloc", "db_mode", 0)
modparam("htable", "htable", "users=>size=4;")

event_route[htable:mod-init] {{
{users}
}}

request_route {{
    if (!mf_process_maxfwd_header("10")) {{
        sl_send_reply("483", "Too Many Hops");
        exit;
    }}
    # pjsip drops a message over 4,000 bytes (PJSIP_MAX_PKT_LEN) without a word: the proxy
    # refuses it, so the caller hears a refusal instead of ringing into nothing.
    if (msg:len > 4000) {{
        sl_send_reply("513", "Message Too Large");
        exit;
    }}
    if (is_method("OPTIONS") && uri==myself && $rU==$null) {{
        sl_send_reply("200", "Alive");
        exit;
    }}
    if (has_totag()) {{
        if (loose_route()) {{
            t_relay();
            exit;
        }}
        if (is_method("ACK")) {{
            if (t_check_trans()) {{
                t_relay();
            }}
            exit;
        }}
        sl_send_reply("404", "No Dialog Route");
        exit;
    }}
    if (is_method("CANCEL")) {{
        if (t_check_trans()) {{
            t_relay();
        }}
        exit;
    }}
    t_check_trans();
    if (is_method("REGISTER")) {{
        if (!pv_www_authenticate("$td", "$sht(users=>$au)", "0")) {{
            www_challenge("$td", "0");
            exit;
        }}
        if (!save("location")) {{
            sl_reply_error();
        }}
        exit;
    }}
    remove_hf("Route");
    if (is_method("INVITE|SUBSCRIBE|REFER")) {{
        record_route();
    }}
    if ($rd == "{host}" && ($rp == {port} || $rp == {tls_port})) {{
        if (!lookup("location")) {{
            sl_send_reply("404", "Not Found");
            exit;
        }}
    }}
    if (!t_relay()) {{
        sl_reply_error();
    }}
}}
"""

TLS_CFG = """[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = {key}
certificate = {cert}

[client:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
"""


@dataclass
class Kamailio:
    """A running Kamailio registrar + proxy with digest users from an htable."""

    port: int
    tls_port: int
    workdir: Path
    users: dict[str, str]
    cert_file: Path | None
    process: subprocess.Popen[bytes] | None = None
    log_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_path = self.workdir / "kamailio.log"

    @property
    def address(self) -> str:
        return f"{HOST}:{self.port}"

    def start(self) -> None:
        tls_listen = tls_modules = ""
        if self.cert_file is not None:
            key = self.workdir / "key.pem"
            (self.workdir / "tls.cfg").write_text(TLS_CFG.format(key=key, cert=self.cert_file))
            tls_listen = f"enable_tls=yes\nlisten=tls:{HOST}:{self.tls_port}"
            tls_modules = (
                f'loadmodule "tls.so"\nmodparam("tls", "config", "{self.workdir / "tls.cfg"}")'
            )
        users = "\n".join(f'    $sht(users=>{u}) = "{p}";' for u, p in self.users.items())
        cfg = self.workdir / "kamailio.cfg"
        cfg.write_text(
            KAMAILIO_CFG.format(
                host=HOST,
                port=self.port,
                tls_port=self.tls_port,
                tls_listen=tls_listen,
                tls_modules=tls_modules,
                users=users,
            )
        )
        check = subprocess.run(
            ["kamailio", "-c", "-f", str(cfg)], capture_output=True, text=True, check=False
        )
        if check.returncode != 0:
            raise RuntimeError(f"kamailio -c failed:\n{check.stdout}\n{check.stderr}")
        rundir = self.workdir / "run"
        rundir.mkdir(exist_ok=True)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                die_with_parent(
                    [
                        "kamailio",
                        "-f",
                        str(cfg),
                        "-DD",
                        "-E",
                        "-Y",
                        str(rundir),
                        "-P",
                        str(rundir / "kamailio.pid"),
                        "-m",
                        "64",
                        "-M",
                        "8",
                    ]
                ),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_alive()
        except BaseException:
            self.stop()
            raise

    def _wait_alive(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind((HOST, 0))
            probe.settimeout(0.2)
            own_port = probe.getsockname()[1]
            attempt = 0
            while time.monotonic() < deadline:
                assert self.process is not None
                if self.process.poll() is not None:
                    raise RuntimeError(f"kamailio exited:\n{self.log_path.read_text()[-3000:]}")
                attempt += 1
                options = (
                    f"OPTIONS sip:{HOST}:{self.port} SIP/2.0\r\n"
                    f"Via: SIP/2.0/UDP {HOST}:{own_port};branch=z9hG4bKprobe{attempt}\r\n"
                    f"From: <sip:probe@{HOST}>;tag=1\r\nTo: <sip:{HOST}:{self.port}>\r\n"
                    f"Call-ID: probe{attempt}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 5\r\n"
                    "Content-Length: 0\r\n\r\n"
                )
                probe.sendto(options.encode(), (HOST, self.port))
                with contextlib.suppress(TimeoutError):
                    if b"200 Alive" in probe.recv(4096):
                        return
        raise RuntimeError(f"kamailio did not answer OPTIONS:\n{self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)


def make_certificate(workdir: Path) -> Path:
    """A self-signed certificate for 127.0.0.1 (key next to it as key.pem)."""
    cert = workdir / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(workdir / "key.pem"),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert


@dataclass
class SippResult:
    returncode: int
    output: str
    workdir: Path

    def rtt_ms(self) -> list[float]:
        """Response times of the ``rtd`` response, one per call, from ``-trace_rtt``."""
        values: list[float] = []
        for path in self.workdir.glob("*_rtt.csv"):
            for line in path.read_text().splitlines()[1:]:
                parts = line.split(";")
                if len(parts) >= 2 and parts[1].strip():
                    values.append(float(parts[1]))
        return values


class Sipp:
    """One SIPp process running a scenario from ``scenarios/``; started in the background so
    the test can drive the phone meanwhile."""

    def __init__(
        self,
        scenario: str,
        workdir: Path,
        *,
        target: str | None = None,
        service: str = "agent",
        keys: dict[str, str] | None = None,
        extra: list[str] | None = None,
        calls: int = 1,
        timeout_s: int = 60,
    ) -> None:
        if shutil.which("sipp") is None:
            raise RuntimeError("sipp is not installed")
        self.port = free_port()
        self.media_port = free_port()
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        args = ["sipp"]
        if target is not None:
            args.append(target)
        args += [
            "-sf",
            str(SCENARIOS / scenario),
            "-i",
            HOST,
            "-p",
            str(self.port),
            "-mi",
            HOST,
            "-mp",
            str(self.media_port),
            "-s",
            service,
            "-m",
            str(calls),
            "-nostdin",
            "-timeout",
            f"{timeout_s}s",
            "-timeout_error",
            "-max_recv_loops",
            "1000",
        ]
        for name, value in (keys or {}).items():
            args += ["-key", name, value]
        args += extra or []
        self.args = args
        self.process = subprocess.Popen(
            die_with_parent(args),
            cwd=workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self, timeout: float = 90.0) -> SippResult:
        try:
            out, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            out, _ = self.process.communicate()
        text = out.decode("utf-8", errors="replace")
        for path in self.workdir.glob("*_errors.log"):
            text += "\n" + path.read_text(errors="replace")
        return SippResult(self.process.returncode, text, self.workdir)

    def kill(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)

    def expect_success(self, timeout: float = 90.0) -> SippResult:
        result = self.wait(timeout)
        assert result.returncode == 0, (
            f"sipp failed ({result.returncode}): {' '.join(self.args)}\n{result.output[-4000:]}"
        )
        return result


class EventLog:
    """Collects phone events (from the telephony thread) and lets tests wait for one."""

    def __init__(self) -> None:
        self.events: list[PhoneEvent] = []
        self._cond = threading.Condition()
        self.hooks: list[Callable[[PhoneEvent], None]] = []

    def __call__(self, event: PhoneEvent) -> None:
        for hook in list(self.hooks):
            hook(event)
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def clear(self) -> None:
        with self._cond:
            self.events.clear()

    def of(self, kind: type[E]) -> list[E]:
        with self._cond:
            return [event for event in self.events if isinstance(event, kind)]

    def wait_for(
        self,
        kind: type[E],
        predicate: Callable[[E], bool] = lambda _event: True,
        timeout: float = 10.0,
    ) -> E:
        deadline = time.monotonic() + timeout
        seen = 0
        with self._cond:
            while True:
                for event in self.events[seen:]:
                    if isinstance(event, kind) and predicate(event):
                        return event
                seen = len(self.events)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"no {kind.__name__} within {timeout}s; events: {self.events[-15:]}"
                    )
                self._cond.wait(remaining)
