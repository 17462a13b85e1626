"""Search as you type across customer names, phone numbers, e-mails and SR numbers.

One box, any of those: the text is tried as each kind it could be, and the hits are merged
with exact, specific matches (an SR number, a number) ranked above name matches.
"""

from __future__ import annotations

import re

from callcenter.crm.customer_fields import spaced_cjk
from callcenter.crm.phones import digits_for_prefix_search
from callcenter.platform.context import ServiceContext
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import SearchHit
from db import search as queries

DEFAULT_LIMIT = 20
MIN_DIGITS = 3
#: Name candidates fetched per hit shown, re-ranked here by ``_name_relevance``.
CANDIDATE_FACTOR = 5
_WORD = re.compile(r"\w+", re.UNICODE)
_SR = re.compile(r"^(?:SR-?)?([0-9A-Z]+)$", re.IGNORECASE)
_PHONEISH = re.compile(r"^[\d\s()+.\-/]+$")

SCORE_SR = 4.0
SCORE_PHONE = 3.0
SCORE_EMAIL = 2.0
SCORE_NAME = 1.0


def name_tokens(text: str) -> list[str]:
    """Words of the query as the full-text index sees them (CJK characters one by one)."""
    return _WORD.findall(spaced_cjk(text))


def set_apart(token: str) -> bool:
    """A token that is always a whole word of the indexed text: a character ``spaced_cjk``
    puts spaces round (so "张" never starts a longer word)."""
    return len(token) == 1 and spaced_cjk("a" + token) != "a" + token


def phone_prefixes(text: str) -> tuple[str | None, str | None]:
    """(E.164 prefix, national-digits prefix) for a partly typed number."""
    digits = digits_for_prefix_search(text)
    if len(digits) < MIN_DIGITS:
        return None, None
    stripped = text.strip()
    if stripped.startswith("+"):
        return "+" + digits, None
    if digits.startswith("00"):
        return "+" + digits[2:], None
    national = digits.lstrip("0") or None
    return "+" + digits, national


def _name_relevance(query: str, tokens: list[str], row: queries.NameRow, best: float) -> float:
    """0..1: whole-word matches and a name that starts with the query beat mere prefixes.

    The index ranks by term statistics, which favour short names; people typing "ann lee"
    mean Ann Lee before Anna Leeson.
    """
    words = {w.lower() for w in name_tokens(f"{row.name} {row.company_name or ''}")}
    whole = sum(t.lower() in words for t in tokens) / len(tokens)
    starts = 1.0 if row.name.lower().startswith(query.lower()) else 0.0
    statistics = max(row.score, 0.0) / best
    return 0.5 * whole + 0.3 * starts + 0.2 * statistics


def search(ctx: ServiceContext, text: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Ranked hits for ``text``; at most ``limit``, one per customer or SR."""
    require(ctx, Action.READ_CUSTOMERS)
    query = text.strip()
    if not query:
        return []
    hits: dict[tuple[str, object], SearchHit] = {}

    def add(hit: SearchHit) -> None:
        key = (hit.kind, hit.service_request_id or hit.customer_id)
        if key not in hits or hits[key].score < hit.score:
            hits[key] = hit

    with ctx.sessions() as session:
        sr_match = _SR.match(query)
        if sr_match and len(query) >= 3:
            number = "SR-" + sr_match.group(1).upper()
            for sr_id, sr_number, subject, customer_id in queries.service_requests_by_number(
                session, number, limit
            ):
                exact = 1.0 if sr_number == number else 0.0
                add(
                    SearchHit(
                        "service_request",
                        customer_id,
                        sr_id,
                        sr_number,
                        subject,
                        "SR number",
                        SCORE_SR + exact,
                    )
                )
        phoneish = bool(_PHONEISH.match(query))
        if phoneish:
            e164_prefix, national_prefix = phone_prefixes(query)
            for customer_id, name, company, raw in queries.customers_by_phone(
                session, e164_prefix, national_prefix, limit
            ):
                add(
                    SearchHit(
                        "customer", customer_id, None, name, company or raw, "phone", SCORE_PHONE
                    )
                )
        if "@" in query or (" " not in query and len(query) >= 2 and not phoneish):
            for customer_id, name, _company, address in queries.customers_by_email(
                session, query, limit
            ):
                add(SearchHit("customer", customer_id, None, name, address, "e-mail", SCORE_EMAIL))
        tokens = name_tokens(query)
        if tokens and "@" not in query and not phoneish:
            rows = queries.customers_by_name(
                session, tokens, limit * CANDIDATE_FACTOR, [set_apart(t) for t in tokens]
            )
            best = max((r.score for r in rows), default=1.0) or 1.0
            for row in rows:
                add(
                    SearchHit(
                        "customer",
                        row.customer_id,
                        None,
                        row.name,
                        row.company_name or row.external_id or "",
                        "name",
                        SCORE_NAME + _name_relevance(query, tokens, row, best),
                    )
                )
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.title))
    return ranked[:limit]
