"""office texting

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 13:00:00

Messages gain what the office's thread shows: `reason` (why held or refused), `not_before`
(held until), `sent_at`, and the `request_id` a message is about (an automatic reminder
checks it at sending); requests gain the office's `notes`. `message_templates` keeps the office's edited templates (the
defaults live in code). Columns are only added: no table copy on SQLite.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE_COLUMNS = ("reason", "not_before", "sent_at", "request_id")


def upgrade() -> None:
    with op.batch_alter_table('messages', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('not_before', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('request_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('service_requests', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('notes', sa.Text(), nullable=True))
    op.create_index('ix_messages_customer_thread', 'messages', ['customer_id', 'id'])
    op.create_table(
        'message_templates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', 'language', name='uq_message_templates_name_language'),
    )


def downgrade() -> None:
    op.drop_table('message_templates')
    op.drop_index('ix_messages_customer_thread', table_name='messages')
    op.execute('ALTER TABLE service_requests DROP COLUMN notes')
    for column in MESSAGE_COLUMNS:
        op.execute(f'ALTER TABLE messages DROP COLUMN {column}')
