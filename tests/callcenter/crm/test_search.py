"""Search as you type over names (Latin and Chinese), numbers, e-mails and SR numbers."""

from __future__ import annotations

import pytest

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.crm.search import search
from callcenter.platform.context import ServiceContext
from callcenter.work import service_requests
from callcenter.work.service_requests import NewServiceRequest
from db.enums import PhoneKind


@pytest.fixture
def data(ctx: ServiceContext, people: object) -> dict[str, object]:
    zhang = customers.create_customer(
        ctx,
        NewCustomer(
            name="张伟",
            company_name="华为技术有限公司",
            phones=(("+86 138 0013 8000", PhoneKind.MOBILE),),
            emails=("zhang.wei@example.cn",),
        ),
    )
    ann = customers.create_customer(
        ctx,
        NewCustomer(
            name="Ann Lee",
            company_name="Acme Trading",
            phones=(("020 7946 0958", PhoneKind.WORK),),
            emails=("ann.lee@acme.co.uk",),
            external_id="CRM-0042",
        ),
    )
    anna = customers.create_customer(ctx, NewCustomer(name="Anna Leeson"))
    sr = service_requests.create_service_request(
        ctx, NewServiceRequest(subject="Invoice wrong", category_code="billing", customer_id=ann.id)
    )
    return {"zhang": zhang.id, "ann": ann.id, "anna": anna.id, "sr": sr}


def ids(hits: list) -> list:  # type: ignore[type-arg]
    return [h.service_request_id or h.customer_id for h in hits]


def test_name_prefixes(ctx: ServiceContext, data: dict) -> None:  # type: ignore[type-arg]
    assert set(ids(search(ctx, "an"))) >= {data["ann"], data["anna"]}
    assert ids(search(ctx, "ann lee"))[0] == data["ann"]
    assert ids(search(ctx, "acme"))[0] == data["ann"]
    assert ids(search(ctx, "CRM-0042"))[0] == data["ann"]


def test_chinese_names_by_any_character(ctx: ServiceContext, data: dict) -> None:  # type: ignore[type-arg]
    for text in ("张伟", "张", "伟", "华为"):
        hits = search(ctx, text)
        assert hits and hits[0].customer_id == data["zhang"], text


def test_numbers_typed_any_way(ctx: ServiceContext, data: dict) -> None:  # type: ignore[type-arg]
    for text in ("0207 946", "+44 20 79", "00442079", "2079460958"):
        hits = search(ctx, text)
        assert hits and hits[0].customer_id == data["ann"], text
        assert hits[0].matched_on == "phone"
    assert search(ctx, "+86 138")[0].customer_id == data["zhang"]


def test_emails_and_sr_numbers(ctx: ServiceContext, data: dict) -> None:  # type: ignore[type-arg]
    hit = search(ctx, "zhang.wei@")[0]
    assert (hit.customer_id, hit.matched_on) == (data["zhang"], "e-mail")
    sr = data["sr"]
    for text in (sr.number, sr.number.lower(), sr.number[:6], sr.number[3:]):  # type: ignore[attr-defined]
        hit = search(ctx, text)[0]
        assert hit.service_request_id == sr.id, text  # type: ignore[attr-defined]
        assert hit.customer_id == data["ann"]


def test_limit_and_empty(ctx: ServiceContext, data: dict) -> None:  # type: ignore[type-arg]
    assert search(ctx, "   ") == []
    assert len(search(ctx, "a", limit=1)) <= 1
    assert search(ctx, "zzzzqqq") == []
    assert search(ctx, '"*) OR name:') is not None
