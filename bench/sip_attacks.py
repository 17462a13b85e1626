"""Hostile SIP at the real desktop: floods, scanners and malformed INVITEs, each followed by a
real call whose pop is timed.

Usage: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python bench/sip_attacks.py [--quick]

The offscreen desktop is registered with Kamailio on loopback and Ready, the way
``callcenter desktop`` runs. Every attack is followed by a caller whose number is on a
customer's record: the row says whether the desktop survived (still registered, no call left
in the phone), its resident memory before and after (after a garbage collection), and how
long that caller's pop took (INVITE received to pop painted). ``--quick`` runs 200 INVITEs
per flood instead of 1,000. Loopback only; every attack is bounded in count and time.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from bench.desk_harness import DesktopUnderTest, pump, pump_until
from bench.soak import rss_mib
from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.platform.config import from_table
from callcenter.sync.stores import LOCAL, open_context
from db.enums import PhoneKind
from tests.callcenter.conftest import seed_people
from tests.telephony.peers import HOST, Sipp

REAL_CALLER = 'From: "Klara F." <sip:+4930123456@127.0.0.1>'
#: Every key the scenarios substitute, harmless unless an attack replaces it.
CALLER_KEYS = {
    "from_hdr": 'From: "Caller" <sip:+4930999@127.0.0.1>',
    "to_hdr": "<sip:+498001234@127.0.0.1>",
    "pai": "X-No-PAI: 1",
    "rpid": "X-No-RPID: 1",
    "privacy": "X-No-Privacy: 1",
    "queue": "X-Queue: sales",
    "wait": "X-No-Wait: 1",
    "extra": "X-Nothing: 1",
    "sdp_head": "v=0",
}


@dataclass
class Row:
    attack: str
    rate: str
    survived: bool
    rss_before: float
    rss_after: float
    pop_ms: float | None
    note: str = ""


def wait(process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while process.poll() is None:
        if time.monotonic() > deadline:
            process.kill()
            break
        QCoreApplication.processEvents()
        time.sleep(0.002)


class Bench:
    def __init__(self, desk: DesktopUnderTest, work: Path) -> None:
        self.desk = desk
        self.work = work
        self.runs = 0
        running = desk.desk_running
        self.window = running.window
        self.phone = running.desk.phone
        self.latencies: list[float] = []
        self.window.calls.pop_painted.connect(lambda _c, ms: self.latencies.append(ms))
        assert desk.kamailio is not None
        self.proxy = desk.kamailio.address

    def sipp(
        self,
        scenario: str,
        target: str,
        *,
        calls: int = 1,
        keys: dict[str, str] | None = None,
        extra: list[str] | None = None,
    ) -> Sipp:
        """A SIPp run from ``tests/telephony/scenarios`` with every key its scenarios use."""
        self.runs += 1
        return Sipp(
            scenario,
            self.work / f"sipp{self.runs}",
            target=target,
            keys={**CALLER_KEYS, **(keys or {})},
            calls=calls,
            extra=extra,
            timeout_s=180,
        )

    def settle(self) -> None:
        """Every call over and the window free again (missed calls need no log)."""
        pump_until(
            lambda: not self.desk.desk_running.desk.calls and self.window.calls.current is None,
            20,
            "the calls of the attack to end",
        )
        pump(1.2)  # the INVITE rate limit refills: the next caller is not part of the flood

    def real_call(self) -> float | None:
        before = len(self.latencies)
        caller = self.sipp(
            "uac_caller_hangs_up.xml",
            self.proxy,
            keys={"from_hdr": REAL_CALLER},
            extra=["-d", "200"],
        )
        try:
            pump_until(lambda: len(self.latencies) > before, 10, "the real caller's pop")
        except RuntimeError:
            caller.kill()
            return None
        record = self.window.pages.record_view.record
        ok = record is not None and record.profile.external_id == "K-7"
        self.window.call_panel.buttons["answer"].click()
        pump_until(lambda: self.window.call_panel.phase == "ended", 10, "the real call to end")
        log = self.window.log_panel
        log.disposition.setCurrentIndex(log.disposition.findData("resolved"))
        log.save_ready.click()
        if log.error.text():
            raise RuntimeError(f"the real call's log did not save: {log.error.text()}")
        wait(caller.process, 20)
        return self.latencies[before] if ok else None

    def attack(self, name: str, rate: str, run: Sipp | subprocess.Popen[bytes]) -> Row:
        before = rss_mib()
        process = run.process if isinstance(run, Sipp) else run
        wait(process, 240)
        note = ""
        try:
            self.settle()
        except RuntimeError:
            desk = self.desk.desk_running.desk
            held = {c: s.ended for c, s in desk.calls.items()}
            note = f"still held after 20 s: {held}, on screen {self.window.calls.current}"
        registered = "registered" in self.window.reg_label.text()
        left = self.phone.call_ids() if self.phone is not None else ()
        pop = self.real_call()
        survived = registered and not left and pop is not None
        return Row(
            name,
            rate,
            survived,
            before,
            rss_mib(),
            pop,
            note or ("" if not left else f"left {left}"),
        )


def attacks(bench: Bench, flood_calls: int) -> list[Row]:
    rows = []
    phone = bench.phone
    assert phone is not None
    direct = f"{HOST}:{phone.local_port}"
    for rate in (100, 500):
        for path, target in (("direct (untrusted)", direct), ("proxy", bench.proxy)):
            for transport in ("udp", "tcp"):
                if transport == "tcp" and path != "proxy":
                    continue  # the desk listens on UDP only: TCP straight at it finds no port
                extra = ["-r", str(rate), "-l", str(flood_calls), "-recv_timeout", "10000"]
                if transport == "tcp":
                    extra += ["-t", "t1"]
                run = bench.sipp(
                    "uac_flood_sdp.xml",
                    target,
                    calls=flood_calls,
                    extra=extra,
                )
                rows.append(
                    bench.attack(
                        f"INVITE flood, {path}, {transport.upper()}",
                        f"{flood_calls} at {rate}/s",
                        run,
                    )
                )
    for name, keys in (
        (
            "display name not UTF-8",
            {"from_hdr": 'From: "Bad \udcff\udcfe" <sip:+4930111@127.0.0.1>'},
        ),
        ("8 KB display name", {"from_hdr": f'From: "{"x" * 8192}" <sip:+4930112@127.0.0.1>'}),
        (
            "50 P-Asserted-Identity",
            {
                "pai": "\r\n".join(
                    f"P-Asserted-Identity: <sip:+44{i:010d}@127.0.0.1>" for i in range(50)
                )
            },
        ),
        ("CRLF and NUL in the URI user", {"from_hdr": "From: <sip:+4930%0D%0A1%00@127.0.0.1>"}),
        ("garbage SDP", {"sdp_head": "v=banana\u0001"}),
    ):
        run = bench.sipp("uac_hostile.xml", bench.proxy, keys=keys)
        rows.append(bench.attack(name, "1 INVITE", run))
    for path, port in (("direct", str(phone.local_port)), ("proxy", bench.proxy.split(":")[1])):
        for tool in (
            ["svmap", "-p", port, HOST],
            ["svwar", "-p", port, "-m", "INVITE", "-e", "100-300", HOST],
            ["svcrack", "-p", port, "-u", "agent", "-r", "1000-1200", HOST],
        ):
            process = subprocess.Popen(tool, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            rows.append(bench.attack(f"{tool[0]}, {path}", " ".join(tool[3:-1]) or "scan", process))
    return rows


def table(rows: list[Row]) -> str:
    lines = [
        "| attack | count / rate | survived | RSS before / after (MiB) | next pop (ms) | note |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        pop = f"{r.pop_ms:.1f}" if r.pop_ms is not None else "no pop"
        lines.append(
            f"| {r.attack} | {r.rate} | {'yes' if r.survived else 'NO'} | "
            f"{r.rss_before:.1f} / {r.rss_after:.1f} | {pop} | {r.note} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 INVITEs per flood, not 1,000")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cc-bench-attacks-"))
    config = from_table(
        {"agent_username": "ann", "default_region": "DE"}, work / "store" / "callcenter.toml"
    )
    ctx = open_context(config, LOCAL)
    seed_people(ctx)
    customers.create_customer(
        ctx,
        NewCustomer(
            name="Klara Fischer", phones=(("030 123456", PhoneKind.HOME),), external_id="K-7"
        ),
    )
    ctx.dispose()
    with DesktopUnderTest(config, work / "run") as desk:
        bench = Bench(desk, work / "sipp")
        baseline = bench.real_call()
        rows = attacks(bench, 200 if args.quick else 1000)
    print(f"baseline pop before any attack: {baseline} ms")
    print(table(rows))


if __name__ == "__main__":
    main()
