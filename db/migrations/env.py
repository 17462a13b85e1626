"""Alembic environment shared by the shared store and the local store."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from sqlalchemy import Connection

import db.models  # noqa: F401 - registers every table on the metadata
from db import change_log_ddl, changefeed_ddl, rollups_ddl, search_ddl
from db.base import Base
from db.store import open_engine
from db.types import UTCDateTime

UNMODELLED = (
    search_ddl.UNMODELLED_NAMES
    | changefeed_ddl.UNMODELLED_NAMES
    | change_log_ddl.UNMODELLED_NAMES
    | rollups_ddl.UNMODELLED_NAMES
)


def _include_name(name: str | None, type_: str, _parent: Any) -> bool:
    return not (type_ in {"table", "index"} and name in UNMODELLED)


def _render_item(type_: str, obj: Any, _autogen_context: Any) -> str | Literal[False]:
    # Revisions must not import the app's types: render UTCDateTime as the DDL it is.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=_include_name,
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = open_engine(config.attributes["url"])
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


run()
