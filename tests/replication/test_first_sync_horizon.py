"""A desk's first sync waits out a transaction older than itself on the shared store, so the
desk never opens without rows that were committed before its first sync began."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, text

from callcenter.platform import config_writer
from callcenter.sync.replicator import read_status
from callcenter.sync.stores import FIRST_SYNC_WAIT_S, LOCAL, open_store, sync_now
from db.enums import CustomerKind, LifecycleStage, ValueTier
from db.models import Customer

pytestmark = pytest.mark.postgres


def _customers(engine: Engine, n: int) -> None:
    with engine.begin() as conn:
        conn.execute(
            Customer.__table__.insert(),
            [
                {
                    "id": uuid.uuid4(),
                    "name": f"Early {i}",
                    "search_text": f"Early {i}",
                    "kind": CustomerKind.PERSON,
                    "lifecycle_stage": LifecycleStage.LEAD,
                    "value_tier": ValueTier.STANDARD,
                }
                for i in range(n)
            ],
        )


def test_first_sync_waits_for_an_older_transaction(pg_shared: Engine, tmp_path: Path) -> None:
    url = pg_shared.url.render_as_string(hide_password=False)
    config = config_writer.write_table(
        tmp_path / "callcenter.toml",
        {"agent_username": "ann", "database": {"shared_url": url, "local_store_dir": "local"}},
    )
    older = create_engine(url).connect()
    try:
        older.execute(text("SELECT pg_current_xact_id()"))  # begun, holding an id, not ended
        _customers(pg_shared, 12)  # committed, but after the older transaction began
        done: list[bool] = []
        sync = threading.Thread(target=lambda: done.append(sync_now(config)[0]))
        sync.start()
        sync.join(2.0)
        assert sync.is_alive(), "the first sync finished while an older transaction held rows back"
        older.commit()
        sync.join(FIRST_SYNC_WAIT_S)
        assert done == [True]
    finally:
        older.close()
    local = open_store(config, LOCAL)
    try:
        assert read_status(local).initial_done
        with local.connect() as conn:
            assert conn.execute(select(func.count()).select_from(Customer)).scalar_one() == 12
    finally:
        local.dispose()
