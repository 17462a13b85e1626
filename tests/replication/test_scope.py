"""A desk that keeps only its agent's working set, and fetches a customer when it needs one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Engine, select, update

from callcenter.platform.context import ServiceContext
from db.enums import PhoneKind, Priority, SRStatus
from db.models import Customer, Interaction, PhoneNumber, ServiceRequest, SRCategory, User
from db.replication.pull import pull
from db.replication.scope import working_set
from db.store import session_factory
from tests.callcenter.conftest import seed_people
from tests.replication.conftest import Desk
from tests.replication.test_push_pull import NOW, new_customer, new_request

LONG_AGO = NOW - dt.timedelta(days=90)


def _customer(s: object, name: str, *, old: bool) -> Customer:
    customer = new_customer(name)
    customer.phone_numbers = [PhoneNumber(raw="+442079460001", kind=PhoneKind.HOME)]
    s.add(customer)  # type: ignore[attr-defined]
    s.flush()  # type: ignore[attr-defined]
    if old:
        s.execute(  # type: ignore[attr-defined]
            update(Customer).where(Customer.id == customer.id).values(updated_at=LONG_AGO)
        )
    return customer


def _names(desk: Desk) -> set[str]:
    with desk.sessions() as s:
        return set(s.scalars(select(Customer.name)))


def test_a_working_set_desk_keeps_its_agents_customers_and_fetches_new_ones(
    shared: Engine, desks: Callable[[str], Desk]
) -> None:
    seed_people(ServiceContext.for_engine(shared, "GB"))
    with session_factory(shared).begin() as s:
        ann = s.scalars(select(User).where(User.username == "ann")).one()
        recent = _customer(s, "Edited this week", old=False)
        _customer(s, "Untouched for months", old=True)
        called = _customer(s, "Called yesterday", old=True)
        s.add(
            Interaction(
                channel="phone",
                direction="inbound",
                offered_at=NOW - dt.timedelta(days=1),
                customer_id=called.id,
            )
        )
        waiting = _customer(s, "Has Ann's open request", old=True)
        request = new_request(waiting.id)
        request.assignee_id = ann.id
        s.add(request)
        later = _customer(s, "Given to Ann later", old=True)
    desk = desks("ann")
    scope = working_set("ann", 30, lambda: NOW)
    pull(desk.engine, shared, scope=scope)
    assert _names(desk) == {"Edited this week", "Called yesterday", "Has Ann's open request"}
    with desk.sessions() as s:
        assert s.scalars(select(User.username).where(User.username == "ann")).one() == "ann"
        assert s.scalar(select(SRCategory.code)) is not None  # the dictionary always comes
        numbers = s.scalars(select(PhoneNumber.customer_id)).all()
        assert recent.id in numbers and later.id not in numbers

    # A supervisor gives Ann a request about a customer her desk does not hold: it arrives
    # whole, numbers and all, although the customer itself has not changed for months.
    with session_factory(shared).begin() as s:
        handed = new_request(later.id)
        handed.assignee_id, handed.priority = ann.id, Priority.HIGH
        s.add(handed)
    pull(desk.engine, shared, scope=scope)
    assert "Given to Ann later" in _names(desk)
    with desk.sessions() as s:
        assert later.id in s.scalars(select(PhoneNumber.customer_id)).all()
        statuses = s.scalars(select(ServiceRequest.status)).all()
        assert sorted(statuses) == [SRStatus.OPEN, SRStatus.OPEN]
