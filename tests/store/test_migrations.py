"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from store import fts
from store.models import Base


def _described(obj: object, name: str | None, kind: str, reflected: bool,
               compare_to: object) -> bool:
    # SQLite's full-text index (a virtual table and its shadow tables) has no model.
    return not (kind == "table" and name is not None and fts.is_index_table(name))


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _described})
        assert compare_metadata(context, Base.metadata) == []
