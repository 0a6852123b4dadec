"""outbox ordering key

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:13:57.386849
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ordering_key', sa.String(length=100), nullable=True))
        batch_op.create_index('ix_outbox_ordering', ['ordering_key', 'status', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_ordering')
        batch_op.drop_column('ordering_key')

