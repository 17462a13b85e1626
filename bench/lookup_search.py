"""Latency of caller lookup and search-as-you-type on an existing store.

Usage: .venv/bin/python bench/lookup_search.py --config PATH [--samples 500] [--store shared]

Samples real rows (stored raw numbers, name / e-mail / SR-number prefixes) and times the
services the screen pop and the search box call, printing median, p95, p99, min and max.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from callcenter import config as config_module
from callcenter.context import ServiceContext
from callcenter.lookup import lookup_caller
from callcenter.search import search
from callcenter.stores import open_store
from db.models import Customer, Email, PhoneNumber, ServiceRequest


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(label: str, timings: list[float]) -> None:
    ms = [t * 1000 for t in timings]
    print(
        f"{label:<28} n={len(ms):<5} median={statistics.median(ms):7.2f} ms  "
        f"p95={percentile(ms, 0.95):7.2f}  p99={percentile(ms, 0.99):7.2f}  "
        f"min={min(ms):6.2f}  max={max(ms):7.2f}"
    )


def timed(inputs: list[str], apply: Callable[[str], object]) -> list[float]:
    out = []
    for text in inputs:
        start = time.perf_counter()
        apply(text)
        out.append(time.perf_counter() - start)
    return out


def sample(ctx: ServiceContext, column: Any, n: int) -> list[str]:
    with ctx.sessions() as session:
        return [str(v) for v in session.scalars(select(column).order_by(func.random()).limit(n))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--store", default="shared", choices=("shared", "local"))
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    cfg = config_module.load(args.config)
    engine = open_store(cfg, args.store)
    ctx = ServiceContext.for_engine(engine, cfg.default_region)
    rng = random.Random(args.seed)
    with ctx.sessions() as s:
        print(
            f"store: {engine.url.render_as_string(hide_password=True)}; customers: "
            f"{s.scalar(select(func.count()).select_from(Customer))}"
        )
    numbers = sample(ctx, PhoneNumber.raw, args.samples)
    names = sample(ctx, Customer.name, args.samples)
    emails = sample(ctx, Email.address, args.samples)
    srs = sample(ctx, ServiceRequest.number, args.samples)
    for text in numbers[:20]:
        lookup_caller(ctx, text)  # warm caches the way a running desk has them
    report("lookup (stored raw formats)", timed(numbers, lambda t: lookup_caller(ctx, t)))

    def prefixes(values: list[str], lo: int, hi: int) -> list[str]:
        return [v[: rng.randint(lo, min(hi, len(v)))] for v in values if v]

    report("search name prefix (2-8)", timed(prefixes(names, 2, 8), lambda t: search(ctx, t)))
    report("search number prefix (4-9)", timed(prefixes(numbers, 4, 9), lambda t: search(ctx, t)))
    report("search e-mail prefix (3-10)", timed(prefixes(emails, 3, 10), lambda t: search(ctx, t)))
    report("search SR number prefix", timed(prefixes(srs, 5, 11), lambda t: search(ctx, t)))
    engine.dispose()


if __name__ == "__main__":
    main()
