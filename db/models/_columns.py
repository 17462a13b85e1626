"""Small column helpers shared by the model modules."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum


def enum_type(enum_cls: type[StrEnum], name: str) -> Enum:
    """Store an enum's values as text guarded by a CHECK constraint (no native PG enum types).

    Text plus CHECK keeps one migration valid on SQLite and PostgreSQL and lets a later
    revision add a value without ALTER TYPE.
    """
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
