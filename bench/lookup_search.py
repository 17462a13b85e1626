"""Latency of caller lookup and search-as-you-type on a store.

Usage: .venv/bin/python bench/lookup_search.py --config PATH [--samples 500] [--store local]

Samples real rows (stored raw numbers, name / e-mail / SR-number prefixes as someone types
them) and times the services the screen pop and the search box call.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from bench.report import Section, Series
from callcenter.crm.lookup import lookup_caller
from callcenter.crm.search import search
from callcenter.platform import config as config_module
from callcenter.platform.context import ServiceContext
from callcenter.sync.stores import open_store
from db.models import Customer, Email, PhoneNumber, ServiceRequest

P95_MS = 15.0


def timed(inputs: list[str], apply: Callable[[str], object]) -> list[float]:
    out = []
    for text in inputs:
        start = time.perf_counter()
        apply(text)
        out.append((time.perf_counter() - start) * 1000)
    return out


def sample(ctx: ServiceContext, column: Any, n: int) -> list[str]:
    with ctx.sessions() as session:
        return [str(v) for v in session.scalars(select(column).order_by(func.random()).limit(n))]


def run(ctx: ServiceContext, store: str, samples: int = 500, seed: int = 7) -> Section:
    """Lookup and the four kinds of search on ``ctx``'s store, named ``store``."""
    rng = random.Random(seed)
    with ctx.sessions() as s:
        customers = int(s.scalar(select(func.count()).select_from(Customer)) or 0)
    numbers = sample(ctx, PhoneNumber.raw, samples)
    names = sample(ctx, Customer.name, samples)
    emails = sample(ctx, Email.address, samples)
    srs = sample(ctx, ServiceRequest.number, samples)
    for text in numbers[:20]:
        lookup_caller(ctx, text)  # warm caches the way a running desk has them

    def prefixes(values: list[str], lo: int, hi: int) -> list[str]:
        return [v[: rng.randint(lo, min(hi, len(v)))] for v in values if v]

    section = Section(
        f"search-{store}",
        f"Search as you type ({store} store)",
        setup=(
            f"{customers:,} customers; {samples} samples of each kind, picked at random from the "
            "store; a prefix of random length as typed (names 2-8 characters, numbers 4-9, "
            "e-mails 3-10, SR numbers 5-11)."
        ),
    )
    section.series += [
        Series.of("lookup (stored raw formats)", timed(numbers, lambda t: lookup_caller(ctx, t))),
        Series.of("name prefix", timed(prefixes(names, 2, 8), lambda t: search(ctx, t))),
        Series.of("number prefix", timed(prefixes(numbers, 4, 9), lambda t: search(ctx, t))),
        Series.of("e-mail prefix", timed(prefixes(emails, 3, 10), lambda t: search(ctx, t))),
        Series.of("SR number prefix", timed(prefixes(srs, 5, 11), lambda t: search(ctx, t))),
    ]
    for series in section.series[1:]:
        section.check(f"{series.label} p95 <= {P95_MS:g} ms", series.p(0.95), P95_MS, "ms")
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--store", default="local", choices=("shared", "local"))
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    cfg = config_module.load(args.config)
    engine = open_store(cfg, args.store)
    try:
        section = run(
            ServiceContext.for_engine(engine, cfg.default_region), args.store, args.samples
        )
    finally:
        engine.dispose()
    print(section.text())


if __name__ == "__main__":
    main()
