"""Store-specific search queries (SQLite FTS5, PostgreSQL word and pattern indexes).

Each function returns plain rows and hides which store it runs on; the ranking and
merging of results across kinds is the service layer's (``callcenter/crm/search.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, TextClause, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from db.models import Customer, Email, PhoneNumber, ServiceRequest
from db.search_ddl import POSTGRES_START, POSTGRES_WORDS


@dataclass(frozen=True)
class NameRow:
    customer_id: uuid.UUID
    name: str
    company_name: str | None
    external_id: str | None
    score: float


def prefix_match(
    session: Session, column: InstrumentedAttribute[str | None], prefix: str
) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, as a range the store's index reads.

    SQLite compares with the binary collation, so the plain index serves it; PostgreSQL
    compares byte by byte with the ``text_pattern_ops`` operators, which its pattern index
    serves whatever the database's collation. Written as a range rather than ``LIKE 'p%'``:
    under a collation other than C the planner guesses a LIKE's share from the pattern alone
    (26 rows for 'alfie%' where 2,550 matched, which the range's estimate gets right) and then
    collected every match before the LIMIT.
    """
    upper = prefix + "\U0010ffff"
    if session.get_bind().dialect.name == "sqlite":
        return (column >= prefix) & (column < upper)
    return column.op("~>=~", is_comparison=True)(prefix) & column.op("~<~", is_comparison=True)(
        upper
    )


def prefix_order(
    session: Session, column: InstrumentedAttribute[str | None]
) -> ColumnElement[str | None]:
    """``column`` in the order of the index ``prefix_match`` reads, so a read ordered by it
    stops at the LIMIT.

    On PostgreSQL that is ``USING ~<~`` (the ``text_pattern_ops`` order): ``ORDER BY column``
    alone is the database collation's order, which only the plain index holds, and the planner
    then walked that index from the first address, filtering 66,000 rows for "info".
    """
    if session.get_bind().dialect.name == "sqlite":
        return column.expression
    return UnaryExpression(column.expression, modifier=custom_op("USING ~<~"))


def _fts_query(tokens: list[str], prefix: list[bool]) -> str:
    return " ".join(
        '"' + t.replace('"', '""') + '"' + ("*" if p else "")
        for t, p in zip(tokens, prefix, strict=True)
    )


_SQLITE_NAMES = text(
    "SELECT c.id, c.name, c.company_name, c.external_id "
    "FROM (SELECT rowid AS r FROM customer_fts WHERE customer_fts MATCH :q LIMIT :n) AS hits "
    "JOIN customers c ON c.rowid = hits.r WHERE c.deleted = 0"
)


def _postgres_pass(upper: str) -> TextClause:
    """One pass of the PostgreSQL name search: first the customers whose words, read as one
    line, start with the typed ones (a b-tree range read in order, which stops at the LIMIT),
    then, only while the LIMIT is not reached, the others from the GIN index.

    ``upper`` closes the range: ``'!'`` (the byte after a space) keeps the typed words whole;
    the highest code point keeps the last one a prefix. Both branches keep only rows whose
    words match ``:q``, so the pass finds what the GIN query alone finds; the b-tree decides
    which of many matches come first (those whose name starts with the text, the ones the
    service ranks first) and makes a common prefix cost no more than a rare one.
    """
    in_range = (
        f"{POSTGRES_START} ~>=~ lower(:line) AND {POSTGRES_START} ~<~ (lower(:line) || {upper})"
    )
    # The operator's function, which no index serves: with ``@@`` the planner ANDs the GIN
    # bitmap with the range and sorts every match, the very read the first branch avoids.
    checked = f"ts_match_vq({POSTGRES_WORDS}, to_tsquery('simple', :q)) AND NOT deleted"
    return text(
        "(SELECT id, name, company_name, external_id FROM customers "
        f"WHERE {in_range} AND {checked} ORDER BY {POSTGRES_START} USING ~<~ LIMIT :n) "
        "UNION ALL "
        "(SELECT id, name, company_name, external_id FROM customers "
        f"WHERE {POSTGRES_WORDS} @@ to_tsquery('simple', :q) AND NOT deleted "
        f"AND NOT ({in_range}) LIMIT :n) "
        "LIMIT :n"
    )


_POSTGRES_WHOLE = _postgres_pass("'!'")
_POSTGRES_PREFIX = _postgres_pass("chr(1114111)")


def _tsquery(tokens: list[str], prefix: list[bool]) -> str:
    """Every token, quoted as a lexeme (tokens are word characters only, so no quote in them
    needs escaping beyond the doubling done here), a prefix where ``prefix`` says so."""
    return " & ".join(
        "'" + t.replace("'", "''") + "'" + (":*" if p else "")
        for t, p in zip(tokens, prefix, strict=True)
    )


def _names(
    session: Session, passes: list[tuple[TextClause, dict[str, str]]], limit: int
) -> list[NameRow]:
    """Whole-word matches first, then prefix matches, each without full-text scoring.

    Scoring every match of a short prefix costs tens of milliseconds on a million customers
    ("al" matches 19,000); taking whole words first and ranking the few kept rows in the
    service keeps as-you-type search in single milliseconds.
    """
    found: dict[uuid.UUID, NameRow] = {}
    for (statement, params), score in zip(passes, (1.0, 0.5), strict=False):
        if len(found) >= limit:
            break
        for r in session.execute(statement, {**params, "n": limit}):
            key = r[0] if isinstance(r[0], uuid.UUID) else uuid.UUID(str(r[0]))
            found.setdefault(key, NameRow(key, r[1], r[2], r[3], score))
    return list(found.values())[:limit]


def customers_by_name(
    session: Session, tokens: list[str], limit: int, whole: Sequence[bool] = ()
) -> list[NameRow]:
    """Customers whose name, company or external id has words starting with every token.

    ``whole`` marks the tokens that can only ever be a whole word of the indexed text (a
    Chinese character, which ``search_text`` sets apart); they are matched as words in the
    prefix pass too, and when every token is one, the prefix pass is the first pass again and
    is skipped. A prefix of a common character ('有':*) collects every company that has it.
    """
    if not tokens:
        return []
    exact = [False] * len(tokens)
    prefix = [not (i < len(whole) and whole[i]) for i in range(len(tokens))]
    kinds = [exact] if prefix == exact else [exact, prefix]
    if session.get_bind().dialect.name == "sqlite":
        return _names(
            session, [(_SQLITE_NAMES, {"q": _fts_query(tokens, k)}) for k in kinds], limit
        )
    line = " ".join(tokens)
    statements = (_POSTGRES_WHOLE, _POSTGRES_PREFIX)
    return _names(
        session,
        [
            (statement, {"q": _tsquery(tokens, k), "line": line})
            for statement, k in zip(statements, kinds, strict=False)
        ],
        limit,
    )


def customers_by_phone(
    session: Session, e164_prefix: str | None, national_prefix: str | None, limit: int
) -> list[tuple[uuid.UUID, str, str | None, str]]:
    """(customer id, name, company, matched raw number) for numbers starting with a prefix, in
    number order (``prefix_order``: with the range's estimate right, a common prefix otherwise
    read the table from its first page until the LIMIT was met)."""
    found: dict[uuid.UUID, tuple[uuid.UUID, str, str | None, str]] = {}
    for column, prefix in (
        (PhoneNumber.e164, e164_prefix),
        (PhoneNumber.national, national_prefix),
    ):
        if not prefix:
            continue
        rows = session.execute(
            select(Customer.id, Customer.name, Customer.company_name, PhoneNumber.raw)
            .join(Customer, Customer.id == PhoneNumber.customer_id)
            .where(
                prefix_match(session, column, prefix),
                PhoneNumber.deleted.is_(False),
                Customer.deleted.is_(False),
            )
            .order_by(prefix_order(session, column))
            .limit(limit)
        ).all()
        for r in rows:
            found.setdefault(r[0], (r[0], r[1], r[2], r[3]))
    return list(found.values())[:limit]


def customers_by_email(
    session: Session, prefix: str, limit: int
) -> list[tuple[uuid.UUID, str, str | None, str]]:
    """(customer id, name, company, address) for addresses starting with ``prefix``, in
    address order.

    Read in the index's order (``prefix_order``), so it stops at the LIMIT whatever the
    planner guesses: without an order, a guess of a few hundred matches for "info" (75,000 at
    200,000 customers) chose a bitmap that collected every one first.
    """
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.company_name, Email.address)
        .join(Customer, Customer.id == Email.customer_id)
        .where(
            prefix_match(session, Email.address_lower, prefix.lower()),
            Email.deleted.is_(False),
            Customer.deleted.is_(False),
        )
        .order_by(prefix_order(session, Email.address_lower))
        .limit(limit)
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def service_requests_by_number(
    session: Session, prefix: str, limit: int
) -> list[tuple[uuid.UUID, str, str, uuid.UUID | None]]:
    """(SR id, number, subject, customer id) for SR numbers starting with ``prefix``."""
    rows = session.execute(
        select(
            ServiceRequest.id,
            ServiceRequest.number,
            ServiceRequest.subject,
            ServiceRequest.customer_id,
        )
        .where(
            prefix_match(session, ServiceRequest.number, prefix.upper()),
            ServiceRequest.deleted.is_(False),
        )
        .order_by(prefix_order(session, ServiceRequest.number))
        .limit(limit)
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]
