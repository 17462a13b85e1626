"""Every benchmark in one command: builds the data, measures, prints, writes bench/RESULTS.md.

Usage: .venv/bin/python -m bench [--scale full|smoke] [--only NAMES] [--results PATH]

``full`` measures at the product's sizes (1,000,000 customers; the demo store is built once,
in about a quarter of an hour, and kept in its own PostgreSQL database for later runs) and
writes bench/RESULTS.md. ``smoke`` runs every benchmark on tiny data in scratch databases
(dropped afterwards) so the benchmarks cannot rot; the test suite runs it. The desktop runs
offscreen, with a private PulseAudio daemon as its headset.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from bench import data
from bench.report import Section, write_results
from callcenter.platform.config import Config

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("replication", "search", "supervisor", "screenpop", "startup", "soak")


@dataclass(frozen=True)
class Scale:
    customers: int
    push: int
    pull: int
    samples: int
    agents: int
    calls_history: int
    refreshes: int
    pop_calls: int
    pop_rate: float
    launches: int
    idle_s: float
    soak_calls: int


FULL = Scale(1_000_000, 10_000, 1_000_000, 500, 500, 7_960_000, 50, 200, 2.0, 5, 10.0, 2000)
SMOKE = Scale(300, 200, 300, 20, 20, 2000, 3, 5, 4.0, 1, 1.0, 12)


def _git_commit() -> str:
    done = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("full", "smoke"), default="full")
    parser.add_argument(
        "--only", default=",".join(NAMES), help=f"comma-separated, of: {', '.join(NAMES)}"
    )
    parser.add_argument(
        "--results", type=Path, help="default: bench/RESULTS.md (a whole full run only)"
    )
    parser.add_argument("--data", type=Path, help="the desk's folder (default: bench/data/)")
    parser.add_argument("--pg", default=data.PG_ADMIN, help="PostgreSQL admin URL")
    parser.add_argument(
        "--database",
        help="the full run's demo store (default: cc_bench_1000000; built when missing)",
    )
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(NAMES))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    smoke = args.scale == "smoke"
    scale = SMOKE if smoke else FULL
    # Only a whole full run rewrites bench/RESULTS.md; a partial one prints (or --results).
    whole = set(chosen) == set(NAMES)
    results = args.results or (ROOT / "bench" / "RESULTS.md" if whole and not smoke else None)
    from bench.machine import describe

    machine = describe(args.pg)  # before the run: its load average is the one at the start
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cc-bench-")))
        from tests.helpers.pulse import virtual_headset

        os.environ.update(stack.enter_context(virtual_headset(scratch / "pulse")))
        if smoke:
            dataset = data.Dataset(scale.customers, 1, f"cc_bench_smoke_{uuid.uuid4().hex[:8]}")
            stack.callback(data.drop_database, args.pg, dataset.database)
            folder = args.data or scratch / "desk"
        else:
            name = args.database or f"cc_bench_{scale.customers}"
            dataset = data.Dataset(scale.customers, 1, name)
            folder = args.data or ROOT / "bench" / "data" / "desk"
        sections = measure(Plan(args.pg, dataset, folder, scratch, scale, tuple(chosen)))
    if results is not None:
        header = (
            f"Written by `.venv/bin/python -m bench --scale {args.scale}` on "
            f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC at commit {_git_commit()}."
        )
        write_results(results, header, machine, sections)
        print(f"wrote {results}")
    return 0


@dataclass(frozen=True)
class Plan:
    """One run: where the data lives, how big, and which benchmarks."""

    admin_url: str
    dataset: data.Dataset
    folder: Path
    scratch: Path
    scale: Scale
    chosen: tuple[str, ...]


def _step(sections: list[Section], name: str, work: Callable[[], Section]) -> None:
    print(f"-- {name} …", flush=True)
    began = time.monotonic()
    section = work()
    section.figures.append(("benchmark took", f"{time.monotonic() - began:.0f} s"))
    print(section.text(), flush=True)
    sections.append(section)


def _ensure_desk(config: Config, shared_url: str) -> None:
    """A desk that has made its first sync (made now, untimed, when it has not)."""
    from callcenter.sync.stores import first_sync, local_status

    if not local_status(config).initial_done:
        print("-- the desk's first sync (not timed) …", flush=True)
        first_sync(config)


def measure(plan: Plan) -> list[Section]:
    """Build or reuse the data, then run the chosen benchmarks in an order that needs each
    piece of data once."""
    from bench import lookup_search, replication, screenpop, soak, startup, supervisor
    from callcenter.platform.context import ServiceContext
    from callcenter.sync.stores import LOCAL, open_store
    from db.store import open_engine

    sections: list[Section] = []
    scale, chosen, scratch = plan.scale, plan.chosen, plan.scratch
    shared_url, built = data.ensure_shared(plan.admin_url, plan.dataset)
    if built:
        print(f"   built the demo store in {built / 60:.1f} min")
    config = data.desk_config(plan.folder, shared_url)
    if "replication" in chosen:

        def replicate() -> Section:
            section = replication.run(plan.admin_url, scale.push, scale.pull)
            figures, check = replication.first_sync_of(config)
            section.figures += figures
            section.checks.append(check)
            return section

        _step(sections, "replication", replicate)
    else:
        _ensure_desk(config, shared_url)
    if "search" in chosen:
        for store, url in (("local", None), ("PostgreSQL", shared_url)):
            engine = open_store(config, LOCAL) if url is None else open_engine(url)
            ctx = ServiceContext.for_engine(engine, config.default_region)
            _step(
                sections,
                f"search ({store})",
                lambda ctx=ctx, store=store: lookup_search.run(ctx, store, scale.samples),
            )
            engine.dispose()
    if "supervisor" in chosen:
        _step(
            sections,
            "supervisor",
            lambda: supervisor.run(
                plan.admin_url, scale.agents, scale.calls_history, scale.refreshes
            ),
        )
    if "screenpop" in chosen:
        _step(
            sections,
            "screen pop",
            lambda: screenpop.run(config, scratch / "pop", scale.pop_calls, scale.pop_rate),
        )
    if "startup" in chosen:
        _step(
            sections,
            "start-up",
            lambda: startup.run(config, scratch / "startup", scale.launches, scale.idle_s),
        )
    if "soak" in chosen:
        _step(sections, "soak", lambda: soak.run(config, scratch / "soak", scale.soak_calls))
    return sections


if __name__ == "__main__":
    sys.exit(main())
