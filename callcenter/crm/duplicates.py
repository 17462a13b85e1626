"""Likely duplicate customers, each pair with why it looks like one person or company.

Four reasons, strongest first: the same E.164 number, the same e-mail address, the same name
and the same company, the same name with neither having a company and the same city. Names,
companies and cities are compared folded (``fold``: case, spaces, full-width and half-width
forms), so "Ann Lee", "annlee" and a full-width "ANN LEE" are one name; a pair whose names
are equal only folded says "similar name". Every reason is found by the store (GROUP BY on
the number, the address or the folded name), never by reading every customer into Python,
so the list of a 100,000-customer store is a few statements. A number, an address or a name
held by more than ``MAX_GROUP`` live customers is a switchboard, a shared mailbox or a
common name, not a duplicate, and is left out of the list (``duplicates_of`` one customer
still shows them).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations, groupby
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, select
from sqlalchemy.orm import Session

from callcenter.platform.context import ServiceContext
from callcenter.platform.permissions import Action, require
from db.models import Customer, Email, PhoneNumber

#: More live customers than this on one key is a shared line or a common name, not a pair.
MAX_GROUP = 6
DEFAULT_LIMIT = 200

_customers = Customer.__table__
_phones = PhoneNumber.__table__
_emails = Email.__table__

#: U+FF01..U+FF5E are the full-width forms of U+0021..U+007E; U+3000 the ideographic space.
_FULL = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
_HALF = "".join(chr(c) for c in range(0x21, 0x7F))
_FOLD = str.maketrans({**{f: h for f, h in zip(_FULL, _HALF, strict=True)}, " ": "", "\u3000": ""})
_SQLITE_FOLD = "cc_fold"


def fold(text: str | None) -> str:
    """A name as the duplicate check compares it: no spaces, half-width, lower case."""
    return (text or "").translate(_FOLD).lower()


class Reason(StrEnum):
    SAME_NUMBER = "same number"
    SAME_EMAIL = "same e-mail"
    SAME_NAME_AND_COMPANY = "same name and company"
    SAME_NAME_AND_CITY = "same name and city"


#: How much each reason says; a pair's strength is the sum of its reasons'.
WEIGHT = {
    Reason.SAME_NUMBER: 4,
    Reason.SAME_EMAIL: 4,
    Reason.SAME_NAME_AND_COMPANY: 2,
    Reason.SAME_NAME_AND_CITY: 1,
}


@dataclass(frozen=True)
class DuplicateReason:
    """One reason: what is the same (the number, the address, the company or city), and for
    names whether they were only equal folded ("similar name")."""

    reason: Reason
    value: str
    similar: bool = False


@dataclass(frozen=True)
class CustomerBrief:
    id: uuid.UUID
    name: str
    company_name: str | None
    city: str | None


@dataclass(frozen=True)
class DuplicatePair:
    """Two live customers that look like one, in id order (which survives is a person's call)."""

    first: CustomerBrief
    second: CustomerBrief
    reasons: tuple[DuplicateReason, ...]

    @property
    def strength(self) -> int:
        return sum(WEIGHT[r.reason] for r in self.reasons)


def _folded(conn: Connection, column: ColumnElement[Any]) -> ColumnElement[str]:
    """``fold(column)`` in the store's SQL: a registered function on SQLite (which lower-cases
    ASCII only), ``translate`` and ``lower`` on PostgreSQL."""
    text = func.coalesce(column, "")
    if conn.dialect.name == "sqlite":
        return func.cc_fold(text)
    spaceless = func.replace(func.replace(text, " ", ""), "\u3000", "")
    return func.lower(func.translate(spaceless, _FULL, _HALF))


def _connection(session: Session) -> Connection:
    """The session's connection, with ``cc_fold`` registered when it is SQLite."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        raw.create_function(_SQLITE_FOLD, 1, fold, deterministic=True)  # type: ignore[union-attr]
    return conn


_Found = dict[tuple[uuid.UUID, uuid.UUID], dict[Reason, DuplicateReason]]


def _add(found: _Found, ids: Iterable[uuid.UUID], reason: DuplicateReason) -> None:
    for a, b in combinations(sorted(set(ids), key=str), 2):
        found.setdefault((a, b), {}).setdefault(reason.reason, reason)


def _shared_key(
    conn: Connection, table: Any, key: ColumnElement[Any], only: uuid.UUID | None
) -> list[tuple[str, uuid.UUID]]:
    """(key, customer) for every key (a number, an address) two or more live customers hold:
    among all keys held by at most MAX_GROUP customers, or those ``only`` holds.

    The candidates are grouped on the key's index alone (a covering scan: 0.2 s for 100,000
    numbers where filtering tombstones in the same pass visits every row at random, 1-2 s);
    the few candidates' holders are then read and tombstones left out."""
    if only is None:
        candidates = select(key).where(key.is_not(None)).group_by(key).having(func.count() > 1)
    else:
        candidates = select(key).where(table.c.customer_id == only, table.c.deleted.is_(False))
    keys = [k for k in conn.execute(candidates).scalars() if k is not None]
    holders: dict[str, set[uuid.UUID]] = {}
    for start in range(0, len(keys), 500):
        rows = conn.execute(
            select(key, table.c.customer_id)
            .join(_customers, _customers.c.id == table.c.customer_id)
            .where(
                key.in_(keys[start : start + 500]),
                table.c.deleted.is_(False),
                _customers.c.deleted.is_(False),
            )
        )
        for value, customer_id in rows:
            holders.setdefault(value, set()).add(customer_id)
    return [
        (value, customer_id)
        for value, ids in holders.items()
        if len(ids) >= 2 and (only is not None or len(ids) <= MAX_GROUP)
        for customer_id in ids
    ]


def _by_key(pairs: list[tuple[str, uuid.UUID]]) -> dict[str, set[uuid.UUID]]:
    grouped: dict[str, set[uuid.UUID]] = {}
    for key, customer_id in pairs:
        grouped.setdefault(key, set()).add(customer_id)
    return grouped


def _same_names(
    conn: Connection, only: uuid.UUID | None
) -> list[tuple[uuid.UUID, str, str, str, str]]:
    """(customer, name, folded name, folded company, folded city) of live customers sharing
    a folded name and a folded company, or, with no company, a folded city (a customer with
    neither shares with the others that have neither). Ordered by group."""
    company = _folded(conn, _customers.c.company_name)
    keyed = (
        select(
            _customers.c.id,
            _customers.c.name,
            _folded(conn, _customers.c.name).label("n"),
            company.label("co"),
            # A company decides alone; without one the city does.
            case((company == "", _folded(conn, _customers.c.city)), else_="").label("ci"),
        )
        .where(_customers.c.deleted.is_(False))
        .subquery()
    )
    group = (keyed.c.n, keyed.c.co, keyed.c.ci)
    sized = select(keyed, func.count().over(partition_by=group).label("size")).subquery()
    statement = (
        select(sized.c.id, sized.c.name, sized.c.n, sized.c.co, sized.c.ci)
        .where(sized.c.size >= 2)
        .order_by(sized.c.n, sized.c.co, sized.c.ci)
    )
    if only is None:
        statement = statement.where(sized.c.size <= MAX_GROUP)
    else:
        mine = select(*group).where(keyed.c.id == only).subquery()
        statement = statement.join(
            mine, and_(sized.c.n == mine.c.n, sized.c.co == mine.c.co, sized.c.ci == mine.c.ci)
        )
    return [(row[0], row[1], row[2], row[3], row[4]) for row in conn.execute(statement)]


def _name_reasons(conn: Connection, found: _Found, only: uuid.UUID | None) -> None:
    rows = _same_names(conn, only)
    briefs = _briefs(conn, {row[0] for row in rows})
    for (_name, company, _city), members in groupby(rows, key=lambda row: row[2:]):
        for (a, a_name, *_), (b, b_name, *_) in combinations(list(members), 2):
            shown = briefs[a]
            reason = DuplicateReason(
                Reason.SAME_NAME_AND_COMPANY if company else Reason.SAME_NAME_AND_CITY,
                (shown.company_name if company else shown.city) or "",
                similar=a_name != b_name,
            )
            _add(found, (a, b), reason)


def _briefs(conn: Connection, ids: set[uuid.UUID]) -> dict[uuid.UUID, CustomerBrief]:
    briefs: dict[uuid.UUID, CustomerBrief] = {}
    id_list = list(ids)
    for start in range(0, len(id_list), 500):
        chunk = id_list[start : start + 500]
        for row in conn.execute(
            select(
                _customers.c.id, _customers.c.name, _customers.c.company_name, _customers.c.city
            ).where(_customers.c.id.in_(chunk))
        ):
            briefs[row[0]] = CustomerBrief(row[0], row[1], row[2], row[3])
    return briefs


def _found(conn: Connection, only: uuid.UUID | None) -> _Found:
    found: _Found = {}
    for table, key, reason in (
        (_phones, _phones.c.e164, Reason.SAME_NUMBER),
        (_emails, _emails.c.address_lower, Reason.SAME_EMAIL),
    ):
        for value, holders in _by_key(_shared_key(conn, table, key, only)).items():
            _add(found, holders, DuplicateReason(reason, value))
    _name_reasons(conn, found, only)
    if only is not None:
        found = {pair: why for pair, why in found.items() if only in pair}
    return found


def _pairs(conn: Connection, found: _Found, limit: int) -> list[DuplicatePair]:
    briefs = _briefs(conn, {i for pair in found for i in pair})
    pairs = [
        DuplicatePair(
            briefs[a],
            briefs[b],
            tuple(sorted(why.values(), key=lambda r: (-WEIGHT[r.reason], r.reason))),
        )
        for (a, b), why in found.items()
    ]
    pairs.sort(key=lambda p: (-p.strength, p.first.name, p.second.name, str(p.first.id)))
    return pairs[:limit]


def likely_duplicates(ctx: ServiceContext, *, limit: int = DEFAULT_LIMIT) -> list[DuplicatePair]:
    """Pairs of live customers that look like one, strongest first, at most ``limit``."""
    require(ctx, Action.MERGE_CUSTOMERS)
    with ctx.sessions() as session:
        conn = _connection(session)
        return _pairs(conn, _found(conn, None), limit)


def duplicates_of(
    ctx: ServiceContext, customer_id: uuid.UUID, *, limit: int = DEFAULT_LIMIT
) -> list[DuplicatePair]:
    """The pairs one customer is in (however many share its number or name)."""
    require(ctx, Action.MERGE_CUSTOMERS)
    with ctx.sessions() as session:
        conn = _connection(session)
        return _pairs(conn, _found(conn, customer_id), limit)
