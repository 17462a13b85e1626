"""Screen pop: from a ringing call to what the agent sees before answering.

One match opens the 360° record at once; several offer a chooser that shows what matched; no
match offers quick-create / attach / log without a customer; a withheld number is the same
as no match, labelled withheld. Reads only the local store, so it costs milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from callcenter.context import ServiceContext
from callcenter.customer360 import load_customer_360
from callcenter.lookup import lookup_caller
from callcenter.records import Customer360, LookupMatch


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
    """What to show for a ringing call."""
    number = caller.number_e164 or caller.number_raw
    if caller.withheld or not number:
        return ScreenPop(caller, PopKind.WITHHELD, (), None)
    result = lookup_caller(ctx, number)
    if not result.matches:
        return ScreenPop(caller, PopKind.UNKNOWN, (), None)
    customer_ids = {m.customer_id for m in result.matches}
    if len(customer_ids) == 1:
        record = load_customer_360(ctx, result.matches[0].customer_id)
        return ScreenPop(caller, PopKind.CUSTOMER, result.matches, record)
    return ScreenPop(caller, PopKind.CHOOSE, result.matches, None)
