"""The transfer question's directory: queues by number, colleagues by their desk's account."""

from __future__ import annotations

from sqlalchemy import update

from callcenter.desk.transfer_targets import transfer_targets
from callcenter.platform.context import ServiceContext
from db.models import User
from tests.callcenter.conftest import People


def test_queues_and_colleagues_with_a_desk_account(ctx: ServiceContext, people: People) -> None:
    with ctx.sessions.begin() as s:
        s.execute(update(User).where(User.username == "bob").values(sip_username="bob-desk"))
        s.execute(update(User).where(User.username == "ann").values(sip_username="ann-desk"))
        s.add(User(username="bob2", display_name="Bob", role=people.agent.role, sip_username="b2"))
    targets = transfer_targets(ctx, people.agent.user_id)
    assert targets == {
        "Queue: Support": "+442079460000",
        "Agent: Bob": "bob-desk",
        "Agent: Bob (bob2)": "b2",  # two people of one name stay apart
    }  # ann (asking) is not offered herself; sue has no desk account


def test_a_colleague_who_left_is_not_offered(ctx: ServiceContext, people: People) -> None:
    with ctx.sessions.begin() as s:
        s.execute(
            update(User).where(User.username == "bob").values(sip_username="bob", active=False)
        )
    assert "Agent: Bob" not in transfer_targets(ctx, people.agent.user_id)
