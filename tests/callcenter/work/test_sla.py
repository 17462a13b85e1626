"""SLA states at the edges of the window."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

from callcenter.platform.records import ServiceRequestView
from callcenter.work.sla import SlaState, sla_state
from db.enums import Priority, SRStatus

OPENED = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
SR = ServiceRequestView(
    id=uuid.uuid4(),
    version=1,
    number="SR-00000000",
    customer_id=None,
    category_code="billing",
    priority=Priority.NORMAL,
    status=SRStatus.OPEN,
    subject="x",
    description="",
    resolution=None,
    satisfaction=None,
    assignee_id=None,
    queue_id=None,
    opened_at=OPENED,
    sla_due_at=OPENED + dt.timedelta(hours=24),
    resolved_at=None,
    closed_at=None,
)


def test_states_over_the_window() -> None:
    hours = lambda n: OPENED + dt.timedelta(hours=n)  # noqa: E731
    assert sla_state(SR, hours(1)) == SlaState.ON_TIME
    assert sla_state(SR, hours(17.9)) == SlaState.ON_TIME
    assert sla_state(SR, hours(18)) == SlaState.NEAR
    assert sla_state(SR, hours(24)) == SlaState.BREACHED
    done = replace(SR, status=SRStatus.RESOLVED, resolved_at=hours(23))
    assert sla_state(done, hours(30)) == SlaState.MET
    late = replace(SR, status=SRStatus.CLOSED, resolved_at=hours(25))
    assert sla_state(late, hours(30)) == SlaState.BREACHED
    short = replace(SR, sla_due_at=hours(2))
    assert sla_state(short, hours(1)) == SlaState.NEAR
