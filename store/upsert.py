"""Dialect-aware INSERT ... ON CONFLICT, the one way rows keyed by a natural key are made."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_ignore(session: Session, table: Any, values: dict[str, Any],
                  conflict: list[str]) -> Insert:
    """An INSERT that does nothing when a row with the same `conflict` columns exists.

    It returns the new row's id, so "was it inserted" is `execute(...).first() is not None`
    (rowcount is not reliable for ON CONFLICT across drivers).
    """
    if session.get_bind().dialect.name == "postgresql":
        pg = postgresql.insert(table).values(**values)
        return pg.on_conflict_do_nothing(index_elements=conflict).returning(table.c.id)
    lite = sqlite.insert(table).values(**values)
    return lite.on_conflict_do_nothing(index_elements=conflict).returning(table.c.id)


def insert_ignore_stmt(dialect: str, entity: type[Any], values: dict[str, Any],
                       conflict: list[str]) -> Any:
    """Insert-or-ignore returning the new ORM object (no row when it existed), one statement."""
    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(entity).values(**values).on_conflict_do_nothing(
        index_elements=conflict).returning(entity)
