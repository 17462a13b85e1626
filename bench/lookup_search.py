"""Latency of caller lookup and search-as-you-type on a store.

Usage: .venv/bin/python bench/lookup_search.py --config PATH [--samples 500] [--store local]

Samples real rows (stored raw numbers, name / e-mail / SR-number prefixes as someone types
them) and times the services the screen pop and the search box call. On PostgreSQL each kind
has its floor beside it, timed on the same samples in the same run: the bare indexed SELECT the
kind rests on, without the service around it (which also tries the text as the other kinds it
could be, a name search after an e-mail one, and ranks the hits). For names there are two: the
raw GIN word query (what the search was before revision 0021, and what it still falls back on)
and the raw b-tree read of the names that start with the text.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import TextClause, func, select, text

from bench.report import Section, Series
from callcenter.crm.lookup import lookup_caller
from callcenter.crm.search import (
    CANDIDATE_FACTOR,
    DEFAULT_LIMIT,
    name_tokens,
    phone_prefixes,
    search,
)
from callcenter.platform import config as config_module
from callcenter.platform.context import ServiceContext
from callcenter.sync.stores import open_store
from db.models import Customer, Email, PhoneNumber, ServiceRequest
from db.search_ddl import POSTGRES_START, POSTGRES_WORDS

P95_MS = 15.0
#: As many rows as the service asks each query for.
NAME_ROWS = DEFAULT_LIMIT * CANDIDATE_FACTOR

# The floors: each kind's bare indexed SELECT on PostgreSQL, ids only.
_RAW_GIN = text(
    f"SELECT id FROM customers WHERE {POSTGRES_WORDS} @@ to_tsquery('simple', :q) "
    "AND NOT deleted LIMIT :n"
)
_RAW_START = text(
    f"SELECT id FROM customers WHERE {POSTGRES_START} ~>=~ lower(:line) "
    f"AND {POSTGRES_START} ~<~ (lower(:line) || chr(1114111)) AND NOT deleted "
    f"ORDER BY {POSTGRES_START} USING ~<~ LIMIT :n"
)
_RAW_NUMBER = text(
    "SELECT customer_id FROM phone_numbers WHERE e164 ~>=~ :p AND e164 ~<~ :end "
    "AND NOT deleted LIMIT :n"
)
_RAW_EMAIL = text(
    "SELECT customer_id FROM emails WHERE address_lower ~>=~ :p AND address_lower ~<~ :end "
    "AND NOT deleted ORDER BY address_lower USING ~<~ LIMIT :n"
)
_RAW_SR = text(
    "SELECT id FROM service_requests WHERE number ~>=~ :p AND number ~<~ :end "
    "AND NOT deleted ORDER BY number USING ~<~ LIMIT :n"
)


def timed(inputs: list[str], apply: Callable[[str], object]) -> list[float]:
    out = []
    for typed in inputs:
        start = time.perf_counter()
        apply(typed)
        out.append((time.perf_counter() - start) * 1000)
    return out


def sample(ctx: ServiceContext, column: Any, n: int) -> list[str]:
    with ctx.sessions() as session:
        return [str(v) for v in session.scalars(select(column).order_by(func.random()).limit(n))]


def _prefix(value: str, n: int = DEFAULT_LIMIT) -> dict[str, object]:
    """The range of the texts that start with ``value``, as the product's prefix reads."""
    return {"p": value, "end": value + "\U0010ffff", "n": n}


def _raw(
    ctx: ServiceContext, statement: TextClause, params: list[dict[str, object]]
) -> list[float]:
    """Each statement timed alone on one session (a read-only transaction, as the service's)."""
    out = []
    with ctx.sessions() as session:
        for p in params:
            start = time.perf_counter()
            session.execute(statement, p).all()
            out.append((time.perf_counter() - start) * 1000)
    return out


def floors(
    ctx: ServiceContext, names: list[str], numbers: list[str], emails: list[str], srs: list[str]
) -> dict[str, list[Series]]:
    """The bare indexed SELECT of each kind, on the typed texts the service series used."""
    tokens = [name_tokens(t) for t in names]
    prefix_queries = [
        " & ".join(f"'{w.replace(chr(39), chr(39) * 2)}':*" for w in t) for t in tokens
    ]
    e164 = [phone_prefixes(t)[0] for t in numbers]
    return {
        "name prefix": [
            Series.of(
                "  floor: raw GIN word query",
                _raw(ctx, _RAW_GIN, [{"q": q, "n": NAME_ROWS} for q in prefix_queries if q]),
            ),
            Series.of(
                "  floor: raw b-tree start read",
                _raw(ctx, _RAW_START, [{"line": " ".join(t), "n": NAME_ROWS} for t in tokens if t]),
            ),
        ],
        "number prefix": [
            Series.of(
                "  floor: bare indexed SELECT",
                _raw(ctx, _RAW_NUMBER, [_prefix(p) for p in e164 if p]),
            )
        ],
        "e-mail prefix": [
            Series.of(
                "  floor: bare indexed SELECT",
                _raw(ctx, _RAW_EMAIL, [_prefix(e.lower()) for e in emails]),
            )
        ],
        "SR number prefix": [
            Series.of(
                "  floor: bare indexed SELECT",
                _raw(ctx, _RAW_SR, [_prefix(n.upper()) for n in srs]),
            )
        ],
    }


def run(ctx: ServiceContext, store: str, samples: int = 500, seed: int = 7) -> Section:
    """Lookup and the four kinds of search on ``ctx``'s store, named ``store``."""
    rng = random.Random(seed)
    with ctx.sessions() as s:
        customers = int(s.scalar(select(func.count()).select_from(Customer)) or 0)
        postgres = s.get_bind().dialect.name == "postgresql"
    numbers = sample(ctx, PhoneNumber.raw, samples)
    names = sample(ctx, Customer.name, samples)
    emails = sample(ctx, Email.address, samples)
    srs = sample(ctx, ServiceRequest.number, samples)
    for number in numbers[:20]:
        lookup_caller(ctx, number)  # warm caches the way a running desk has them

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
    typed = {
        "name prefix": prefixes(names, 2, 8),
        "number prefix": prefixes(numbers, 4, 9),
        "e-mail prefix": prefixes(emails, 3, 10),
        "SR number prefix": prefixes(srs, 5, 11),
    }
    section.series.append(
        Series.of("lookup (stored raw formats)", timed(numbers, lambda t: lookup_caller(ctx, t)))
    )
    measured = {
        label: Series.of(label, timed(texts, lambda t: search(ctx, t)))
        for label, texts in typed.items()
    }
    beside = floors(ctx, *typed.values()) if postgres else {}
    for label, series in measured.items():
        section.series += [series, *beside.get(label, [])]
    for series in measured.values():
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
