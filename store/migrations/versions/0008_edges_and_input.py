"""edges and input: provider message ids up to 128 characters (no longer cut at 64)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (('messages', 'provider_id'), ('consent_events', 'provider_message_id'))


def _resize(length_from: int, length_to: int) -> None:
    bind = op.get_bind()
    for table, column in COLUMNS:
        # SQLite's batch mode rebuilds the table, and a rebuilt table has lost its triggers
        # (the ledger's append-only ones among them): keep their SQL and put them back.
        triggers = bind.execute(sa.text(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
            {"t": table}).scalars().all() if bind.dialect.name == 'sqlite' else []
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, existing_type=sa.String(length=length_from),
                               type_=sa.String(length=length_to), existing_nullable=True)
        for statement in triggers:
            op.execute(statement)


def upgrade() -> None:
    _resize(64, 128)


def downgrade() -> None:
    _resize(128, 64)
