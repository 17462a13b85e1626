"""The settings every product connection to PostgreSQL carries."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from db.store import open_engine

pytestmark = pytest.mark.postgres


def test_a_product_connection_cannot_sit_idle_in_a_transaction(pg_url: str) -> None:
    """Left open, our transaction would hold back every desk's pull; the server ends it."""
    engine = open_engine(pg_url)
    try:
        with engine.connect() as conn:
            settings = {
                name: conn.execute(text(f"SHOW {name}")).scalar_one()
                for name in ("idle_in_transaction_session_timeout", "statement_timeout")
            }
    finally:
        engine.dispose()
    assert settings == {"idle_in_transaction_session_timeout": "30s", "statement_timeout": "30s"}
