"""consent depth

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:00:00

The ledger gains `entered_at` (a back-dated verbal opt-in keeps when it was typed in),
`session_key` (a web-chat STOP before any phone is known) and `test` (staff test events);
customers gain `is_test` (leads made by "Try the chat"). Columns are only added: on SQLite
`ALTER TABLE ADD COLUMN` keeps the table, so its append-only triggers stay in place (a batch
"recreate" would copy the ledger into a new table without them).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEDGER_COLUMNS = ("entered_at", "session_key", "test")


def upgrade() -> None:
    with op.batch_alter_table('consent_events', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('entered_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('session_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('test', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.create_index(batch_op.f('ix_consent_events_session_key'), ['session_key'],
                              unique=False)
    with op.batch_alter_table('customers', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('is_test', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.create_index(batch_op.f('ix_customers_is_test'), ['is_test'], unique=False)


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), never a table copy: the ledger keeps its triggers.
    op.drop_index('ix_customers_is_test', table_name='customers')
    op.execute('ALTER TABLE customers DROP COLUMN is_test')
    op.drop_index('ix_consent_events_session_key', table_name='consent_events')
    for column in LEDGER_COLUMNS:
        op.execute(f'ALTER TABLE consent_events DROP COLUMN {column}')
