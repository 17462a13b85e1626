"""A module that imports ``both_stores`` runs its tests once on SQLite and once on PostgreSQL,
where a folder's conftest says SQLite only (the widget tests' default)."""

from __future__ import annotations

import pytest


@pytest.fixture(
    name="store_url",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def both_stores(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))
