"""Callers for the demo's "Simulate incoming call": a known customer, a number several
customers share, a number nobody has, and a withheld caller, picked from the desk's store.

A demo in Chinese (``callcenter.platform.language``) is called by customers with Chinese
names where the store has them, so the screen reads Chinese from the caller on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, or_, select

from callcenter.crm.lookup import lookup_caller
from callcenter.platform import language as reading
from callcenter.platform.context import ServiceContext
from db.models import Customer, PhoneNumber

SAMPLE = 50
#: Where a demo in Chinese prefers its callers to call from: mainland China, Hong Kong, Macau.
CHINESE_NUMBERS = ("+86", "+852", "+853")


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


def _chinese(text: str) -> bool:
    """Whether ``text`` is written in Chinese (has a CJK ideograph)."""
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _numbers(
    ctx: ServiceContext, shared: bool, prefixes: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    """(E.164, a customer name) for numbers held by one customer, or by several (the name
    then a Chinese one if any of them has one: the demo in Chinese prefers those); only
    numbers starting with one of ``prefixes`` if there are any."""
    count = func.count(func.distinct(PhoneNumber.customer_id))
    wanted = select(PhoneNumber.e164).where(PhoneNumber.e164.is_not(None))
    if prefixes:
        wanted = wanted.where(or_(*(PhoneNumber.e164.startswith(p) for p in prefixes)))
    wanted = wanted.group_by(PhoneNumber.e164)
    wanted = wanted.having(count > 1) if shared else wanted.having(count == 1)
    with ctx.sessions() as session:
        numbers = list(session.scalars(wanted.limit(SAMPLE)))
        if not numbers:
            return []
        rows = session.execute(
            select(PhoneNumber.e164, func.max(Customer.name))
            .join(Customer, Customer.id == PhoneNumber.customer_id)
            .where(PhoneNumber.e164.in_(numbers))
            .group_by(PhoneNumber.e164)
        ).all()
    return [(str(e164), str(name)) for e164, name in rows]


def _chinese_callers(ctx: ServiceContext, shared: bool) -> list[tuple[str, str]]:
    """The numbers a demo in Chinese is called from: Chinese names on Chinese numbers, else
    Chinese names on any, else anyone's."""
    from_each = (_numbers(ctx, shared, (prefix,)) for prefix in CHINESE_NUMBERS)
    at_home = [c for numbers in from_each for c in numbers if _chinese(c[1])]
    if at_home:
        return at_home
    anyone = _numbers(ctx, shared)
    return [c for c in anyone if _chinese(c[1])] or anyone


def simulated_call(
    ctx: ServiceContext,
    kind: DemoCaller,
    queue: str,
    rng: random.Random | None = None,
    language: str | None = None,
) -> SimulatedCall:
    """A call of ``kind`` into ``queue``; falls back to an unknown caller if the store lacks one.

    In Chinese (``language``, else the one being read) the caller is one of the customers with
    a Chinese name when there are any, calling from a Chinese number if one of them does.
    """
    rng = rng or random.Random()
    language = language or reading.current()
    headers: tuple[tuple[str, str], ...] = (("X-Queue", queue),)
    if kind == DemoCaller.WITHHELD:
        return SimulatedCall(
            _uri("Anonymous", "anonymous").replace("127.0.0.1", "anonymous.invalid"),
            (*headers, ("Privacy", "id")),
        )
    if kind in (DemoCaller.KNOWN, DemoCaller.SHARED):
        shared = kind == DemoCaller.SHARED
        in_chinese = bool(language and language.startswith("zh"))
        choices = _chinese_callers(ctx, shared) if in_chinese else _numbers(ctx, shared)
        if choices:
            number, name = rng.choice(choices)
            display = name if kind == DemoCaller.KNOWN else ""
            return SimulatedCall(_uri(display, number), headers)
    for _ in range(SAMPLE):
        number = f"+44161496{rng.randrange(1000):04d}"  # Ofcom's range for drama
        if not lookup_caller(ctx, number).matches:
            break
    return SimulatedCall(_uri("", number), headers)
