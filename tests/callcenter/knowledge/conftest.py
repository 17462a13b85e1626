"""An admin besides the service tests' people: the one who writes scripts and articles."""

from __future__ import annotations

import pytest

from callcenter.platform.context import Actor, ServiceContext
from db.enums import Role
from db.models import User
from tests.callcenter.conftest import People, as_actor


@pytest.fixture
def admin(ctx: ServiceContext, people: People) -> ServiceContext:
    """Ada (admin), signed in; ``people`` made first, so the dictionary is there."""
    with ctx.sessions.begin() as s:
        user = User(username="ada", display_name="Ada", role=Role.ADMIN)
        s.add(user)
        s.flush()
        actor = Actor(user.id, user.username, user.role)
    return as_actor(ctx, actor)
