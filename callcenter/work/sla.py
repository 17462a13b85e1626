"""Where a service request stands against its SLA: on time, near the deadline, or breached."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from callcenter.platform.records import ServiceRequestView
from db.enums import SRStatus

#: "Near" once this share of the SLA window is left (at least NEAR_MINIMUM).
NEAR_SHARE = 0.25
NEAR_MINIMUM = dt.timedelta(hours=1)
_DONE = (SRStatus.RESOLVED, SRStatus.CLOSED)


class SlaState(StrEnum):
    MET = "met"
    ON_TIME = "on_time"
    NEAR = "near"
    BREACHED = "breached"


def sla_state(sr: ServiceRequestView, now: dt.datetime) -> SlaState:
    """Resolved requests are judged at resolution; open ones against ``now``."""
    if sr.status in _DONE:
        done_at = sr.resolved_at or sr.closed_at or now
        return SlaState.MET if done_at <= sr.sla_due_at else SlaState.BREACHED
    if now >= sr.sla_due_at:
        return SlaState.BREACHED
    window = sr.sla_due_at - sr.opened_at
    near = max(window * NEAR_SHARE, NEAR_MINIMUM)
    return SlaState.NEAR if sr.sla_due_at - now <= near else SlaState.ON_TIME
