"""Callers for the demo's "Simulate incoming call": a known customer, a number several
customers share, a number nobody has, and a withheld caller, picked from the desk's store."""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select

from callcenter.crm.lookup import lookup_caller
from callcenter.platform.context import ServiceContext
from db.models import Customer, PhoneNumber

SAMPLE = 50


class DemoCaller(StrEnum):
    KNOWN = "known customer"
    SHARED = "shared number"
    UNKNOWN = "unknown number"
    WITHHELD = "withheld number"


@dataclass(frozen=True)
class SimulatedCall:
    """Who calls (a SIP URI with display name) and the extra headers the PBX would add."""

    caller_uri: str
    headers: tuple[tuple[str, str], ...]


def _uri(name: str, number: str) -> str:
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}" <sip:{number}@127.0.0.1>'


def _numbers(ctx: ServiceContext, shared: bool) -> list[tuple[str, str]]:
    """(E.164, a customer name) for numbers held by one customer, or by several."""
    count = func.count(func.distinct(PhoneNumber.customer_id))
    wanted = (
        select(PhoneNumber.e164).where(PhoneNumber.e164.is_not(None)).group_by(PhoneNumber.e164)
    )
    wanted = wanted.having(count > 1) if shared else wanted.having(count == 1)
    with ctx.sessions() as session:
        numbers = list(session.scalars(wanted.limit(SAMPLE)))
        if not numbers:
            return []
        rows = session.execute(
            select(PhoneNumber.e164, func.min(Customer.name))
            .join(Customer, Customer.id == PhoneNumber.customer_id)
            .where(PhoneNumber.e164.in_(numbers))
            .group_by(PhoneNumber.e164)
        ).all()
    return [(str(e164), str(name)) for e164, name in rows]


def simulated_call(
    ctx: ServiceContext, kind: DemoCaller, queue: str, rng: random.Random | None = None
) -> SimulatedCall:
    """A call of ``kind`` into ``queue``; falls back to an unknown caller if the store lacks one."""
    rng = rng or random.Random()
    headers: tuple[tuple[str, str], ...] = (("X-Queue", queue),)
    if kind == DemoCaller.WITHHELD:
        return SimulatedCall(
            _uri("Anonymous", "anonymous").replace("127.0.0.1", "anonymous.invalid"),
            (*headers, ("Privacy", "id")),
        )
    if kind in (DemoCaller.KNOWN, DemoCaller.SHARED):
        choices = _numbers(ctx, shared=kind == DemoCaller.SHARED)
        if choices:
            number, name = rng.choice(choices)
            display = name if kind == DemoCaller.KNOWN else ""
            return SimulatedCall(_uri(display, number), headers)
    for _ in range(SAMPLE):
        number = f"+44161496{rng.randrange(1000):04d}"  # Ofcom's range for drama
        if not lookup_caller(ctx, number).matches:
            break
    return SimulatedCall(_uri("", number), headers)
