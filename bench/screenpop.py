"""Screen-pop latency of the real desktop: SIPp calls through Kamailio to the offscreen window.

Usage: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python bench/screenpop.py --config PATH
       [--calls 200] [--rate 2]

The desk reads the config's local store (``agent_username`` / ``local_store_dir``); callers are
real numbers sampled from it, in the forms phone trunks send them. The latency runs from the
INVITE leaving SIPp (its clock, logged by the scenario) to ``screenpop.shown`` in the desktop's
event log (the record painted), matched by SIP Call-ID. Beside it, from the same SIPp endpoint
in the same run: INVITE -> 100 Trying (the proxy's answer, the network floor) and INVITE -> 180
Ringing (sent by the desktop's SIP stack as it offers the call).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from sqlalchemy import func, select

from bench.desk_harness import DesktopUnderTest
from bench.report import Section, Series
from callcenter.crm.customers import customer_count
from callcenter.platform import config as config_module
from callcenter.platform.config import Config
from callcenter.sync.stores import LOCAL, open_context
from db.models import PhoneNumber

P50_MS = 10.0
P99_MS = 30.0
#: The parts of a pop the desk logs with ``screenpop.shown``, and their names in the report.
PARTS = (
    ("queued_ms", "  of it: the phone takes the INVITE up and hands it to the GUI thread"),
    ("read_ms", "  of it: reading the store (lookup and 360 record)"),
    ("paint_ms", "  of it: building and painting the panes"),
)


def trunk_form(e164: str, index: int) -> str:
    """The caller's number the way a phone trunk sends it: E.164, 00-international or, for
    UK numbers, national; rotating, so the desk's normalisation is part of every pop."""
    if index % 3 == 1:
        return "00" + e164[1:]
    if index % 3 == 2 and e164.startswith("+44"):
        return "0" + e164[3:]
    return e164


def callers(config: Config, calls: int) -> list[str]:
    """Numbers of the desk's store, picked at random, in the forms trunks send."""
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
    return [trunk_form(str(e164), i) for i, e164 in enumerate(rows)]


def part_series(pops: list[dict[str, object]]) -> list[Series]:
    """The parts of these ``screenpop.shown`` events' latency, one series each."""
    return [
        Series.of(words, [float(pop[key]) for pop in pops if key in pop])  # type: ignore[arg-type]
        for key, words in PARTS
    ]


def _stamp(value: str) -> float:
    return dt.datetime.fromisoformat(value).timestamp()


def run(config: Config, work: Path, calls: int = 200, rate: float = 2.0) -> Section:
    numbers = callers(config, calls)
    with DesktopUnderTest(config, work) as desk:
        stored = customer_count(desk.desk_running.desk.ctx)
        sipp = desk.call("uac_pop.xml", numbers, name="sipp-pop", rate=rate, limit=1, hold_ms=200)
        events = desk.events()
    sent = {line[0]: float(line[1]) + float(line[2]) / 1e6 for line in sipp.logged()}
    handle_of = {e["sip_call_id"]: e["call_id"] for e in events if e["event"] == "call.incoming"}
    shown = {e["call_id"]: e for e in events if e["event"] == "screenpop.shown"}
    from_sipp, in_desk, kinds, matched = [], [], [], []
    for sip_call_id, at in sent.items():
        pop = shown.get(handle_of.get(sip_call_id, ""))
        if pop is not None:
            from_sipp.append((_stamp(pop["ts"]) - at) * 1000)
            in_desk.append(float(pop["latency_ms"]))
            kinds.append(pop["kind"])
            matched.append(pop)
    section = Section(
        "screenpop",
        "Screen pop",
        setup=(
            f"{stored:,} customers in the desk's local store; {len(numbers)} SIPp calls at "
            f"{rate:g}/s through Kamailio to the offscreen desktop (callers' numbers "
            "as trunks send them: E.164, 00-international, UK national); SIPp exit status "
            f"{sipp.returncode}, {len(from_sipp)} pops matched, "
            f"{kinds.count('customer')} one-customer pops, {kinds.count('choose')} choosers."
        ),
    )
    section.series += [
        Series.of("INVITE leaves SIPp -> record painted", from_sipp),
        Series.of("INVITE reaches the phone -> record painted", in_desk),
        *part_series(matched),
        Series.of("SIP floor: INVITE -> 100 Trying (proxy)", sipp.rtt_ms("1")),
        Series.of("SIP floor: INVITE -> 180 Ringing (desktop)", sipp.rtt_ms("2")),
    ]
    if from_sipp:
        pops = section.series[0]
        section.check(f"pop p50 <= {P50_MS:g} ms", pops.median, P50_MS, "ms")
        section.check(f"pop p99 <= {P99_MS:g} ms", pops.p(0.99), P99_MS, "ms")
    if len(from_sipp) != len(numbers) or sipp.returncode != 0:
        section.notes.append(
            f"{len(numbers) - len(from_sipp)} calls without a matched pop; SIPp said: "
            + sipp.screen()[-500:].replace("\n", " ")
        )
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--rate", type=float, default=2.0, help="calls per second")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cc-bench-pop-"))
    print(run(config_module.load(args.config), work, args.calls, args.rate).text())


if __name__ == "__main__":
    main()
