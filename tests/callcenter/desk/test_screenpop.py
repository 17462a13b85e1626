"""Each screen-pop variant from a caller as the phone reports it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, event, update

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.desk.screenpop import CallerInfo, PopKind, pop_for
from callcenter.platform.context import ServiceContext
from callcenter.work.service_requests import NewServiceRequest, create_service_request
from db.enums import Channel, Direction, PhoneKind, SRStatus
from db.models import Interaction, ServiceRequest, SRCategory


def caller(raw: str | None, e164: str | None = None, withheld: bool = False) -> CallerInfo:
    return CallerInfo("c1", raw, e164, None, withheld, "+442079460000", "support")


def test_every_variant(ctx: ServiceContext) -> None:
    ann = customers.create_customer(
        ctx,
        NewCustomer(
            name="Ann",
            phones=(("020 7946 0958", PhoneKind.HOME), ("07700 900123", PhoneKind.MOBILE)),
        ),
    )
    customers.create_customer(
        ctx, NewCustomer(name="Bob", phones=(("07700 900555", PhoneKind.HOME),))
    )
    customers.create_customer(
        ctx, NewCustomer(name="Bea", phones=(("07700 900555", PhoneKind.WORK),))
    )

    one = pop_for(ctx, caller("sip:+442079460958@pbx", "+442079460958"))
    assert one.kind == PopKind.CUSTOMER
    assert one.record is not None
    assert one.record.profile.id == ann.id
    assert one.customer_ids == (str(ann.id),)

    many = pop_for(ctx, caller("07700 900555"))
    assert many.kind == PopKind.CHOOSE
    assert many.record is None
    assert sorted(m.name for m in many.matches) == ["Bea", "Bob"]

    assert pop_for(ctx, caller("+44 161 496 0000")).kind == PopKind.UNKNOWN
    assert pop_for(ctx, caller("anonymous")).kind == PopKind.UNKNOWN
    assert pop_for(ctx, caller(None, withheld=True)).kind == PopKind.WITHHELD
    assert pop_for(ctx, caller("+442079460958", withheld=True)).kind == PopKind.WITHHELD


def test_a_pop_is_one_read_transaction(ctx: ServiceContext, engine: Engine) -> None:
    """Lookup and record come from one connection and one transaction: the same moment of
    the store, and one BEGIN instead of one per service call."""
    customers.create_customer(
        ctx, NewCustomer(name="Ann", phones=(("020 7946 0958", PhoneKind.HOME),))
    )
    begins: list[object] = []
    statements: list[str] = []

    def on_begin(conn: object) -> None:
        begins.append(conn)

    def before(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not statement.startswith("BEGIN"):
            statements.append(statement)

    event.listen(engine, "begin", on_begin)
    event.listen(engine, "before_cursor_execute", before)
    try:
        pop = pop_for(ctx, caller("+442079460958", "+442079460958"))
    finally:
        event.remove(engine, "begin", on_begin)
        event.remove(engine, "before_cursor_execute", before)
    assert pop.kind == PopKind.CUSTOMER
    assert len(begins) == 1
    assert len(statements) <= 12, statements


def test_a_choice_says_what_tells_the_records_apart(ctx: ServiceContext) -> None:
    """City, last contact and open requests: what the agent asks the caller about."""
    shared = (("07700 900555", PhoneKind.HOME),)
    bob = customers.create_customer(ctx, NewCustomer(name="Bob", phones=shared, city="Leeds"))
    customers.create_customer(ctx, NewCustomer(name="Bea", phones=shared, region="GB"))
    called = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)
    with ctx.sessions.begin() as s:
        s.add(SRCategory(code="billing", label="Billing", sla_hours=24))
        for at in (called - dt.timedelta(days=3), called):
            s.add(
                Interaction(
                    customer_id=bob.id,
                    channel=Channel.PHONE,
                    direction=Direction.INBOUND,
                    offered_at=at,
                )
            )
    for subject in ("Refund", "Invoice"):
        create_service_request(ctx, NewServiceRequest(subject, "billing", customer_id=bob.id))
    resolved = create_service_request(ctx, NewServiceRequest("Old", "billing", customer_id=bob.id))
    with ctx.sessions.begin() as s:
        s.execute(
            update(ServiceRequest)
            .where(ServiceRequest.id == resolved.id)
            .values(status=SRStatus.RESOLVED)
        )
    pop = pop_for(ctx, caller("07700 900555"))
    found = {m.name: m for m in pop.matches}
    assert (found["Bob"].city, found["Bob"].open_requests) == ("Leeds", 2)
    assert found["Bob"].last_contact_at == called
    assert (found["Bea"].city, found["Bea"].region, found["Bea"].open_requests) == (None, "GB", 0)
    assert found["Bea"].last_contact_at is None
