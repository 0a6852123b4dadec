"""office crm

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 10:00:00
"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from store.words import customer_words, digits_reversed, tags_key

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _children() -> None:
    op.create_table('customer_addresses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=40), nullable=True),
    sa.Column('line1', sa.String(length=200), nullable=True),
    sa.Column('line2', sa.String(length=100), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('state', sa.String(length=2), nullable=True),
    sa.Column('postal_code', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('customer_addresses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_addresses_customer_id'), ['customer_id'], unique=False)

    op.create_table('customer_emails',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('label', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('customer_id', 'address')
    )
    with op.batch_alter_table('customer_emails', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_emails_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_emails_customer_id'), ['customer_id'], unique=False)

    op.create_table('customer_phones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('digits_rev', sa.String(length=20), nullable=False),
    sa.Column('label', sa.String(length=40), nullable=True),
    sa.Column('extension', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('customer_phones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_phones_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_phones_digits_rev'), ['digits_rev'], unique=False)


def _tags(value: object) -> list[str]:
    """The JSON tags column as read back (a string on SQLite, a list on PostgreSQL)."""
    tags = json.loads(value) if isinstance(value, str) else value
    return [str(t) for t in tags] if isinstance(tags, list) else []


def _backfill() -> None:
    """Every existing primary phone into customer_phones; search words for every row."""
    conn = op.get_bind()
    customers = sa.table('customers', *(sa.column(n) for n in (
        'id', 'phone', 'first_name', 'last_name', 'company_name', 'email', 'line1', 'line2',
        'city', 'state', 'postal_code', 'tags', 'search_text', 'tags_key')))
    phones = sa.table('customer_phones', sa.column('customer_id'), sa.column('number'),
                      sa.column('digits_rev'))
    for row in conn.execute(sa.select(customers)).mappings().all():
        words = customer_words((row['first_name'], row['last_name'], row['company_name']),
                               row['email'], (row['line1'], row['line2'], row['city'],
                                              row['state'], row['postal_code']))
        conn.execute(customers.update().where(customers.c.id == row['id'])
                     .values(search_text=words, tags_key=tags_key(_tags(row['tags']))))
        if row['phone']:
            conn.execute(phones.insert().values(customer_id=row['id'], number=row['phone'],
                                                digits_rev=digits_reversed(row['phone'])))


NEW_COLUMNS: list[tuple[str, sa.types.TypeEngine[Any], bool, Any]] = [
    ('archived', sa.Boolean(), False, sa.false()),
    ('archived_at', sa.DateTime(timezone=True), True, None),
    ('merged_into', sa.Integer(), True, None),
    ('possible_duplicate_of', sa.Integer(), True, None),
    ('email_label', sa.String(length=40), True, None),
    ('address_label', sa.String(length=40), True, None),
    ('search_text', sa.Text(), False, ''),
    ('search_extra', sa.Text(), False, ''),
    ('tags_key', sa.Text(), False, ''),
]
NEW_FKS = [('fk_customers_merged_into', 'merged_into'),
           ('fk_customers_possible_duplicate_of', 'possible_duplicate_of')]
NEW_INDEXES = [('ix_customers_board', ['archived', 'lead_status', 'id']),
               ('ix_customers_follow_up', ['archived', 'next_follow_up_date']),
               ('ix_customers_name_zip', ['postal_code', 'last_name'])]


def _rebuild_sqlite_customers(upgrading: bool) -> None:
    """SQLite cannot alter a column: rebuild `customers` keeping whatever columns it has.

    Other tables point at it and, inside the migration's transaction, foreign keys cannot
    be switched off; deferred, they are counted as broken by the drop and mended by the
    re-insert of every row, which is why the rows are copied aside rather than across.
    """
    conn = op.get_bind()
    old = sa.Table('customers', sa.MetaData(), autoload_with=conn)
    gone = {name for name, *_ in NEW_COLUMNS}
    columns = [sa.Column(c.name, c.type, primary_key=c.primary_key,
                         nullable=(upgrading or c.nullable) if c.name == 'phone' else c.nullable)
               for c in old.columns if upgrading or c.name not in gone]
    constraints: list[sa.Constraint] = [
        sa.UniqueConstraint(*(c.name for c in u.columns), name=u.name)
        for u in old.constraints if isinstance(u, sa.UniqueConstraint)]
    constraints += [sa.ForeignKeyConstraint([c.name for c in fk.columns],
                                            [e.target_fullname for e in fk.elements],
                                            name=fk.name)
                    for fk in old.foreign_key_constraints if upgrading or fk.name not in
                    {name for name, _ in NEW_FKS}]
    if upgrading:
        columns += [sa.Column(name, type_, nullable=nullable, server_default=default)
                    for name, type_, nullable, default in NEW_COLUMNS]
        constraints += [sa.ForeignKeyConstraint([column], ['customers.id'], name=name)
                        for name, column in NEW_FKS]
    indexes = [(i.name, [c.name for c in i.columns], i.unique) for i in old.indexes
               if all(c.name in {n.name for n in columns} for c in i.columns)]
    kept = ', '.join(f'"{c.name}"' for c in old.columns if c.name in {n.name for n in columns})
    op.execute('PRAGMA defer_foreign_keys = ON')
    op.execute('CREATE TEMP TABLE _customers_copy AS SELECT * FROM customers')
    op.drop_table('customers')
    op.create_table('customers', *columns, *constraints)
    op.execute(f'INSERT INTO customers ({kept}) SELECT {kept} FROM _customers_copy')
    op.execute('DROP TABLE _customers_copy')
    for name, cols, unique in indexes:
        if name is not None:
            op.create_index(name, 'customers', cols, unique=bool(unique))


def _alter_customers(upgrading: bool) -> None:
    """The customers changes; in place on PostgreSQL, by a rebuild on SQLite."""
    if op.get_bind().dialect.name == 'sqlite':
        _rebuild_sqlite_customers(upgrading)
    elif upgrading:
        for name, type_, nullable, default in NEW_COLUMNS:
            op.add_column('customers', sa.Column(name, type_, nullable=nullable,
                                                 server_default=default))
        op.alter_column('customers', 'phone', existing_type=sa.VARCHAR(length=20),
                        nullable=True)
        for name, column in NEW_FKS:
            op.create_foreign_key(name, 'customers', 'customers', [column], ['id'])
    else:
        for name, _ in NEW_INDEXES:
            op.drop_index(name, 'customers')
        for name, _ in NEW_FKS:
            op.drop_constraint(name, 'customers', type_='foreignkey')
        for name, *_ in NEW_COLUMNS:
            op.drop_column('customers', name)
        op.alter_column('customers', 'phone', existing_type=sa.VARCHAR(length=20),
                        nullable=False)
    if upgrading:
        for name, cols in NEW_INDEXES:
            op.create_index(name, 'customers', cols)


def upgrade() -> None:
    _children()
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staff', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('resolved_by', sa.String(length=100), nullable=True))
        batch_op.create_index('ix_activities_open', ['kind', 'resolved_at'], unique=False)
    _alter_customers(upgrading=True)
    _backfill()


def downgrade() -> None:
    _alter_customers(upgrading=False)
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_open')
        for name in ('resolved_by', 'resolved_at', 'staff'):
            batch_op.drop_column(name)

    for table in ('customer_phones', 'customer_emails', 'customer_addresses'):
        op.drop_table(table)
