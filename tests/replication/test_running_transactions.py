"""A transaction left running on the shared store holds back only its own rows: a desk's first
sync takes everything committed before it began without waiting for it, and a later pull
takes the running transaction's rows once it commits (issue 15: "nothing stalls the desks")."""

from __future__ import annotations

import time
import uuid
from contextlib import nullcontext
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, func, select, text

from callcenter.platform import config_writer
from callcenter.platform.config import Config
from callcenter.sync.replicator import Replicator, read_status
from callcenter.sync.stores import LOCAL, open_store, sync_now
from db import migrate
from db.enums import CustomerKind, LifecycleStage, ValueTier
from db.models import Customer

pytestmark = pytest.mark.postgres


def _customers(target: Engine | Connection, n: int) -> None:
    """``n`` customers, committed (an engine) or in the connection's open transaction."""
    with target.begin() if isinstance(target, Engine) else nullcontext(target) as conn:
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


def _local_count(local: Engine) -> int:
    with local.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Customer)).scalar_one())


def _local_customers(config: Config) -> int:
    local = open_store(config, LOCAL)
    try:
        return _local_count(local)
    finally:
        local.dispose()


def test_a_running_transaction_holds_back_only_its_own_rows(
    pg_shared: Engine, tmp_path: Path
) -> None:
    url = pg_shared.url.render_as_string(hide_password=False)
    config = config_writer.write_table(
        tmp_path / "callcenter.toml",
        {"agent_username": "ann", "database": {"shared_url": url, "local_store_dir": "local"}},
    )
    older = create_engine(url).connect()
    try:
        older.execute(text("SELECT pg_current_xact_id()"))  # begun, holding an id, not ended
        _customers(pg_shared, 12)  # committed, after the older transaction began
        started = time.monotonic()
        ok, status = sync_now(config)
        assert ok and status.initial_done
        assert time.monotonic() - started < 10, "the first sync waited for the older transaction"
        assert _local_customers(config) == 12

        # The older transaction writes, then more is committed after it, then it ends.
        _customers(older, 3)
        _customers(pg_shared, 5)
        assert sync_now(config)[0]
        assert _local_customers(config) == 17, "a later commit waited for the older one"
        older.commit()
    finally:
        older.close()
    assert sync_now(config)[0]
    assert _local_customers(config) == 20, "the older transaction's rows never arrived"


def test_sync_status_says_whose_transaction_holds_its_changes_back(
    pg_shared: Engine, tmp_path: Path
) -> None:
    url = pg_shared.url.render_as_string(hide_password=False)
    local = open_store(
        config_writer.write_table(
            tmp_path / "callcenter.toml",
            {"agent_username": "ann", "database": {"shared_url": url, "local_store_dir": "l"}},
        ),
        LOCAL,
    )
    migrate.upgrade(local, role=LOCAL)
    replicator = Replicator(local, url, "ann-pc", held_back_s=0.5)
    older = create_engine(url).connect()
    try:
        _customers(older, 2)  # written, not committed
        _customers(pg_shared, 1)  # a later commit: the older one is below the snapshot's end
        assert replicator.sync_once()
        assert read_status(local).held_back is None, "reported before it was long"
        time.sleep(0.6)
        assert replicator.sync_once()
        words = read_status(local).held_back
        assert words is not None and "postgres's transaction" in words, words
        older.commit()
        assert replicator.sync_once()  # the window that takes its rows
        assert replicator.sync_once()
        assert read_status(local).held_back is None
        assert _local_count(local) == 3
    finally:
        older.close()
        replicator.stop()
        local.dispose()
