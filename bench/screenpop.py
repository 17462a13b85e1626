"""Screen-pop latency of the real desktop: SIPp calls through Kamailio to the offscreen window.

Usage: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python bench/screenpop.py --config PATH
       [--user agent01] [--calls 200] [--rate 5]

The desk reads the config's local store (point ``agent_username`` / ``local_store_dir`` at a
store filled by ``callcenter demo-data``). Callers are real numbers sampled from it. Prints
the latency from the INVITE reaching the phone to the record painted (``screenpop.shown``),
and beside it SIPp's INVITE -> 180 Ringing round trip through Kamailio (the SIP floor).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from callcenter import config as config_module
from callcenter.customers import customer_count
from callcenter.phones import to_e164
from callcenter.stores import LOCAL, open_context
from db.models import PhoneNumber
from telephony.audio import AudioBridge
from telephony.pjsua_phone import PjsuaPhone
from telephony.settings import SipSettings
from tests.telephony.peers import HOST, Kamailio, Sipp, free_port, make_certificate
from ui.app import build

PASSWORD = "bench-Pa55"
SCENARIOS = Path(__file__).with_name("scenarios")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def line(label: str, values: list[float]) -> str:
    return (
        f"{label:<34} n={len(values):<4} median={statistics.median(values):6.2f} ms "
        f"p95={percentile(values, 0.95):6.2f} p99={percentile(values, 0.99):6.2f} "
        f"min={min(values):6.2f} max={max(values):6.2f}"
    )


def callers(config: config_module.Config, calls: int) -> list[str]:
    ctx = open_context(config, LOCAL)
    try:
        with ctx.sessions() as s:
            rows = s.scalars(
                select(PhoneNumber.e164)
                .where(PhoneNumber.e164.is_not(None))
                .order_by(func.random())
                .limit(calls)
            ).all()
    finally:
        ctx.dispose()
    return [str(e164) for e164 in rows]


def pump_until(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("the desktop did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--user", default="agent01")
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--rate", type=float, default=2.0, help="calls per second (one at a time)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cc-bench-pop-"))
    config = replace(config_module.load(args.config), event_log=work / "events.jsonl")
    numbers = callers(config, args.calls)
    with (work / "callers.csv").open("w", newline="", encoding="utf-8") as handle:
        handle.write("SEQUENTIAL\n" + "".join(f"{number};\n" for number in numbers))
    (work / "kamailio").mkdir()
    kamailio = Kamailio(
        port=free_port(),
        tls_port=free_port(),
        workdir=work / "kamailio",
        users={"agent": PASSWORD},
        cert_file=make_certificate(work / "kamailio"),
    )
    kamailio.start()
    app = QApplication.instance() or QApplication(sys.argv)
    settings = SipSettings(
        registrar_host=HOST,
        registrar_port=kamailio.port,
        username="agent",
        bind_address=HOST,
        local_port=free_port(),
    )

    def make_phone(audio: AudioBridge) -> PjsuaPhone:
        phone = PjsuaPhone(
            settings, normalise=lambda n: to_e164(n, config.default_region), audio=audio
        )
        phone.start()
        phone.register(PASSWORD)
        return phone

    running = build(config, args.user, make_phone)
    try:
        window = running.window
        window.show()
        pump_until(lambda: "registered" in window.reg_label.text(), 15)
        running.desk.state.set_ready()
        sipp = Sipp(
            str(SCENARIOS.resolve() / "uac_pop.xml"),
            work / "sipp",
            target=kamailio.address,
            calls=len(numbers),
            timeout_s=int(len(numbers) / args.rate) + 60,
            extra=[
                "-inf",
                str(work / "callers.csv"),
                "-r",
                str(args.rate),
                "-d",
                "200",
                "-trace_rtt",
                "-rtt_freq",
                "1",
            ],
        )
        while sipp.process.poll() is None:
            QCoreApplication.processEvents()
            time.sleep(0.001)
        result = sipp.wait()
        for _ in range(50):
            QCoreApplication.processEvents()
            time.sleep(0.01)
        events = [json.loads(x) for x in (work / "events.jsonl").read_text().splitlines()]
        pops = [float(e["latency_ms"]) for e in events if e["event"] == "screenpop.shown"]
        kinds = [e["kind"] for e in events if e["event"] == "screenpop.shown"]
        if result.returncode != 0:
            print(result.output[-3000:])
        print(f"customers in the desk store: {customer_count(running.desk.ctx):,}")
        print(
            f"calls: {len(numbers)}, SIPp exit {result.returncode}, pops: {len(pops)}, "
            f"one-customer pops: {kinds.count('customer')}"
        )
        print(line("screenpop.shown (INVITE->painted)", pops))
        print(line("SIP floor (INVITE->180 via proxy)", result.rtt_ms()))
    finally:
        running.window.hide()
        running.close()
        kamailio.stop()
        del app


if __name__ == "__main__":
    main()
