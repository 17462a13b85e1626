"""Each screen-pop variant from a caller as the phone reports it."""

from __future__ import annotations

from sqlalchemy import Engine, event

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.desk.screenpop import CallerInfo, PopKind, pop_for
from callcenter.platform.context import ServiceContext
from db.enums import PhoneKind


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
