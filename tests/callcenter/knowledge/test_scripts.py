"""Call scripts: the most specific active one for a call, its fields filled safely."""

from __future__ import annotations

import uuid

import pytest

from callcenter.crm.customers import NewCustomer, create_customer
from callcenter.knowledge.scripts import ScriptStep, save_script, script_for, scripts
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError, ValidationError
from db.enums import PhoneKind
from tests.callcenter.conftest import People, as_actor

GREETING = [{"text": "Hello {name}, this is {agent}.", "sensitive": False}]


def _chosen(ctx: ServiceContext, queue_id: object, category: str | None) -> str | None:
    filled = script_for(
        ctx,
        queue_id=queue_id,  # type: ignore[arg-type]
        category_code=category,
        customer=None,
        agent_name="Ann",
    )
    return filled.name if filled else None


def test_the_most_specific_active_script(admin: ServiceContext, people: People) -> None:
    q = people.queue_id
    assert _chosen(admin, q, "billing") is None
    save_script(admin, "Anyone", GREETING)
    assert _chosen(admin, q, "billing") == "Anyone"
    save_script(admin, "Billing", GREETING, category_code="billing")
    assert _chosen(admin, q, "billing") == "Billing"
    save_script(admin, "Support", GREETING, queue_id=q)
    assert _chosen(admin, q, "billing") == "Support"
    both = save_script(admin, "Support billing", GREETING, queue_id=q, category_code="billing")
    assert _chosen(admin, q, "billing") == "Support billing"
    # Another category or no queue: the less specific ones.
    assert _chosen(admin, q, "technical") == "Support"
    assert _chosen(admin, None, "billing") == "Billing"
    assert _chosen(admin, uuid.uuid4(), None) == "Anyone"
    save_script(
        admin,
        "Support billing",
        GREETING,
        queue_id=q,
        category_code="billing",
        active=False,
        script_id=both.id,
    )
    assert _chosen(admin, q, "billing") == "Support"
    assert [s.name for s in scripts(admin)] == ["Anyone", "Billing", "Support", "Support billing"]


def test_fields_filled_and_unknown_ones_left_as_typed(
    admin: ServiceContext, people: People
) -> None:
    save_script(
        admin,
        "Greeting",
        [
            ScriptStep("Hello {name} of {company} in {city}, I am {agent}."),
            ScriptStep("Confirm the number {number} and the date of birth.", sensitive=True),
            ScriptStep("Mention {offer} and {0.__class__} and {name.__class__}."),
        ],
        queue_id=people.queue_id,
    )
    customer = create_customer(
        admin,
        NewCustomer(
            "Wang Wei",
            company_name="Acme Ltd",
            city="Leeds",
            phones=(("020 7946 0958", PhoneKind.MOBILE),),
        ),
    )
    filled = script_for(
        admin, queue_id=people.queue_id, category_code=None, customer=customer, agent_name="Ann"
    )
    assert filled is not None
    assert [s.text for s in filled.steps] == [
        "Hello Wang Wei of Acme Ltd in Leeds, I am Ann.",
        "Confirm the number 020 7946 0958 and the date of birth.",
        "Mention {offer} and {0.__class__} and {name.__class__}.",
    ]
    assert [s.sensitive for s in filled.steps] == [False, True, False]
    assert filled.unfilled == ("offer",)
    # No customer yet: the caller's fields stay visible, to be asked.
    unknown = script_for(
        admin,
        queue_id=people.queue_id,
        category_code=None,
        customer=None,
        agent_name="Ann",
        number="+44 20 7946 0000",
    )
    assert unknown is not None
    assert unknown.steps[0].text == "Hello {name} of {company} in {city}, I am Ann."
    assert unknown.steps[1].text.startswith("Confirm the number +44 20 7946 0000")


def test_chinese_script(admin: ServiceContext, people: People) -> None:
    save_script(admin, "问候", [{"text": "您好，{name}，我是{agent}。", "sensitive": False}])
    customer = create_customer(admin, NewCustomer("张伟"))
    filled = script_for(
        admin, queue_id=None, category_code=None, customer=customer, agent_name="李娜"
    )
    assert filled is not None
    assert filled.steps[0].text == "您好，张伟，我是李娜。"


@pytest.mark.parametrize(
    "steps",
    [[], "say hello", [{"text": "  "}], [{"text": "ok", "sensitive": "yes"}], [42]],
    ids=["none", "text", "blank", "sensitive-not-bool", "not-a-step"],
)
def test_steps_are_validated(admin: ServiceContext, steps: object) -> None:
    with pytest.raises(ValidationError) as caught:
        save_script(admin, "Bad", steps)  # type: ignore[arg-type]
    assert caught.value.field == "steps"
    assert scripts(admin) == []


def test_one_active_script_per_target(admin: ServiceContext, people: People) -> None:
    save_script(admin, "First", GREETING, category_code="billing")
    with pytest.raises(ValidationError) as caught:
        save_script(admin, "Second", GREETING, category_code="billing")
    assert "First" in str(caught.value)
    with pytest.raises(ValidationError) as unknown:
        save_script(admin, "Nowhere", GREETING, category_code="no-such")
    assert unknown.value.field == "category"


def test_agents_and_supervisors_may_not_edit(ctx: ServiceContext, people: People) -> None:
    for actor in (people.agent, people.supervisor):
        with pytest.raises(PermissionDeniedError):
            save_script(as_actor(ctx, actor), "Greeting", GREETING)
