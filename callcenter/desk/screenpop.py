"""Screen pop: from a ringing call to what the agent sees before answering.

One match opens the 360° record at once; several offer a chooser that shows what matched; no
match offers quick-create / attach / log without a customer; a withheld number is the same
as no match, labelled withheld. Reads only the local store, in one read transaction on one
connection (the lookup and the record see the same moment), so it costs about a millisecond.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from callcenter.crm.customer360 import read_customer_360
from callcenter.crm.lookup import matches_for, with_details
from callcenter.crm.phones import to_e164
from callcenter.platform.context import ServiceContext
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import Customer360, LookupMatch


class PopKind(StrEnum):
    CUSTOMER = "customer"
    CHOOSE = "choose"
    UNKNOWN = "unknown"
    WITHHELD = "withheld"


@dataclass(frozen=True)
class CallerInfo:
    """What the phone knows about a call, in the core's terms (no telephony types)."""

    call_id: str
    number_raw: str | None
    number_e164: str | None
    display_name: str | None
    withheld: bool
    dialled_number: str | None = None
    queue: str | None = None


@dataclass(frozen=True)
class ScreenPop:
    caller: CallerInfo
    kind: PopKind
    matches: tuple[LookupMatch, ...]
    record: Customer360 | None

    @property
    def customer_ids(self) -> tuple[str, ...]:
        return tuple(str(m.customer_id) for m in self.matches)


def pop_for(ctx: ServiceContext, caller: CallerInfo) -> ScreenPop:
    """What to show for a ringing call.

    The phone has already put the caller's number in E.164; only a number it could not (or a
    caller built without it) is parsed here.
    """
    number = caller.number_e164 or caller.number_raw
    if caller.withheld or not number:
        return ScreenPop(caller, PopKind.WITHHELD, (), None)
    require(ctx, Action.READ_CUSTOMERS)
    e164 = caller.number_e164 or to_e164(number, ctx.default_region)
    if e164 is None:
        return ScreenPop(caller, PopKind.UNKNOWN, (), None)
    now = ctx.clock()
    with ctx.sessions() as session:
        conn = session.connection()
        matches = matches_for(conn, e164)
        if not matches:
            return ScreenPop(caller, PopKind.UNKNOWN, (), None)
        if len({m.customer_id for m in matches}) > 1:
            return ScreenPop(caller, PopKind.CHOOSE, with_details(conn, matches), None)
        record = read_customer_360(conn, matches[0].customer_id, now)
    return ScreenPop(caller, PopKind.CUSTOMER, matches, record)
