"""The replicator's follow-up after a pull (the desk moves a merge's late rows with it): run
when the pull brought rows, not when it brought none, and a refusal in it does not stop sync."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import Engine

from callcenter.platform.errors import ConflictError
from callcenter.sync.replicator import Replicator
from db.enums import CustomerKind, LifecycleStage, ValueTier
from db.models import Customer
from tests.replication.conftest import Desk


def _customer(shared: Engine) -> None:
    with shared.begin() as conn:
        conn.execute(
            Customer.__table__.insert(),
            {
                "id": uuid.uuid4(),
                "name": "Late",
                "search_text": "Late",
                "kind": CustomerKind.PERSON,
                "lifecycle_stage": LifecycleStage.LEAD,
                "value_tier": ValueTier.STANDARD,
            },
        )


def test_the_follow_up_runs_after_a_pull_that_brought_rows(
    shared: Engine, desks: Callable[[str], Desk]
) -> None:
    desk = desks("a")
    replicator = Replicator(desk.engine, shared.url, "a@test")
    calls: list[str] = []
    replicator.after_pull = lambda: calls.append("followed")
    try:
        assert replicator.sync_once()
        assert calls == [], "an empty shared store brings nothing to follow"
        _customer(shared)
        assert replicator.sync_once()
        assert calls == ["followed"]
        assert replicator.sync_once()
        assert calls == ["followed"], "nothing new: nothing to follow"

        def refuse() -> None:
            raise ConflictError("someone else changed it")

        replicator.after_pull = refuse
        _customer(shared)
        assert replicator.sync_once(), "a refused follow-up is tried after the next pull"
        assert replicator.failures == 0
    finally:
        replicator.stop()
