"""An admin for the editors' tests, and a little knowledge to show."""

from __future__ import annotations

import pytest

from callcenter.platform.context import Actor, ServiceContext
from db.enums import Role
from db.models import User
from tests.callcenter.conftest import People, as_actor


@pytest.fixture
def admin_ctx(ctx: ServiceContext, people: People) -> ServiceContext:
    with ctx.sessions.begin() as s:
        user = User(username="ada", display_name="Ada", role=Role.ADMIN)
        s.add(user)
        s.flush()
        actor = Actor(user.id, user.username, user.role)
    return as_actor(ctx, actor)
