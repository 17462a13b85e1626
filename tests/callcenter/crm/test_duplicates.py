"""Likely duplicates on both stores: each reason found, the strongest first, tombstones and
switchboards left out."""

from __future__ import annotations

from typing import Any

import pytest

from callcenter.crm.customers import NewCustomer, create_customer, remove_customer
from callcenter.crm.duplicates import (
    MAX_GROUP,
    Reason,
    duplicates_of,
    fold,
    likely_duplicates,
)
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError
from callcenter.platform.records import CustomerProfile
from db.enums import PhoneKind
from tests.callcenter.conftest import People, as_actor


def _new(ctx: ServiceContext, name: str, **fields: Any) -> CustomerProfile:
    return create_customer(ctx, NewCustomer(name=name, **fields))


def test_fold_ignores_case_spaces_and_full_width() -> None:
    assert fold("Ann  Lee") == fold("annlee") == fold("ＡＮＮ\u3000ＬＥＥ") == "annlee"
    assert fold("姚 浩然") == "姚浩然"


def test_each_reason_is_found_and_the_strongest_pair_comes_first(ctx: ServiceContext) -> None:
    a = _new(ctx, "Ann Lee", phones=(("020 7946 0958", PhoneKind.MOBILE),), emails=("a@x.org",))
    b = _new(ctx, "A. Lee", phones=(("+44 20 7946 0958", PhoneKind.HOME),), emails=("A@X.org",))
    c = _new(ctx, "姚浩然", city="北京")
    d = _new(ctx, "姚 浩然", city="北京")
    e = _new(ctx, "Bo Chen", company_name="Acme Ltd", city="Leeds")
    f = _new(ctx, "bo chen", company_name="ACME  LTD", city="York")
    _new(ctx, "姚浩然", city="上海")  # another city: someone else
    _new(ctx, "Bo Chen", company_name="Other Ltd")  # another company: someone else

    pairs = likely_duplicates(ctx)
    found = {frozenset((p.first.id, p.second.id)): p for p in pairs}
    assert set(found) == {
        frozenset((a.id, b.id)),
        frozenset((c.id, d.id)),
        frozenset((e.id, f.id)),
    }
    first = pairs[0]
    assert {r.reason for r in first.reasons} == {Reason.SAME_NUMBER, Reason.SAME_EMAIL}
    assert {r.value for r in first.reasons} == {"+442079460958", "a@x.org"}
    (by_city,) = found[frozenset((c.id, d.id))].reasons
    assert (by_city.reason, by_city.value, by_city.similar) == (
        Reason.SAME_NAME_AND_CITY,
        "北京",
        True,
    )
    (by_company,) = found[frozenset((e.id, f.id))].reasons
    assert by_company.reason == Reason.SAME_NAME_AND_COMPANY
    assert [p.strength for p in pairs] == sorted((p.strength for p in pairs), reverse=True)


def test_twins_with_nothing_to_tell_them_apart_are_a_pair(ctx: ServiceContext) -> None:
    a, b = _new(ctx, "姚浩然"), _new(ctx, "姚浩然")
    (pair,) = likely_duplicates(ctx)
    assert {pair.first.id, pair.second.id} == {a.id, b.id}
    assert not pair.reasons[0].similar


def test_removed_customers_and_switchboards_are_left_out(ctx: ServiceContext) -> None:
    line = (("+442079460000", PhoneKind.WORK),)
    crowd = [_new(ctx, f"Caller {i}", phones=line) for i in range(MAX_GROUP + 1)]
    gone = _new(ctx, "Dee Fox", emails=("dee@x.org",))
    _new(ctx, "Dee Fox Two", emails=("dee@x.org",))
    remove_customer(ctx, gone.id, gone.version)
    assert likely_duplicates(ctx) == []
    # One customer's own duplicates still show everyone sharing its number.
    assert len(duplicates_of(ctx, crowd[0].id)) == MAX_GROUP


def test_duplicates_of_one_customer(ctx: ServiceContext) -> None:
    a = _new(ctx, "Ann Lee", emails=("ann@x.org",))
    b = _new(ctx, "Ann Leigh", emails=("ANN@x.org",))
    _new(ctx, "Ann Lee", city="Leeds")
    c, d = _new(ctx, "Cy Dunn"), _new(ctx, "Cy Dunn")
    (pair,) = duplicates_of(ctx, a.id)
    assert {pair.first.id, pair.second.id} == {a.id, b.id}
    assert [r.reason for r in pair.reasons] == [Reason.SAME_EMAIL]
    (other,) = duplicates_of(ctx, c.id)
    assert {other.first.id, other.second.id} == {c.id, d.id}


def test_only_supervisors_look_for_duplicates(ctx: ServiceContext, people: People) -> None:
    with pytest.raises(PermissionDeniedError):
        likely_duplicates(as_actor(ctx, people.agent))
    assert likely_duplicates(as_actor(ctx, people.supervisor)) == []
