"""crm speed: a trigram full-text index of the search words (SQLite); is_test in the board index

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 13:00:00

External content (the index only; the words stay in customers), kept true by triggers for
every writer, bulk inserts included. PostgreSQL keeps its LIKE scans: nothing to do there.
A later migration that rebuilds `customers` in SQLite's batch mode loses these triggers
and must create them again (see 0008 for the pattern).
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREATE = [
    "CREATE VIRTUAL TABLE customers_fts USING fts5(search_text, search_extra, "
    "content='customers', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN "
    "INSERT INTO customers_fts(rowid, search_text, search_extra) "
    "VALUES (new.id, new.search_text, new.search_extra); END",
    "CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN "
    "INSERT INTO customers_fts(customers_fts, rowid, search_text, search_extra) "
    "VALUES ('delete', old.id, old.search_text, old.search_extra); END",
    # Only when the words change: a status or follow-up edit leaves the index alone.
    "CREATE TRIGGER customers_fts_update AFTER UPDATE OF search_text, search_extra "
    "ON customers BEGIN "
    "INSERT INTO customers_fts(customers_fts, rowid, search_text, search_extra) "
    "VALUES ('delete', old.id, old.search_text, old.search_extra); "
    "INSERT INTO customers_fts(rowid, search_text, search_extra) "
    "VALUES (new.id, new.search_text, new.search_extra); END",
    "INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')",  # the rows already there
]
DROP = ["DROP TRIGGER customers_fts_update", "DROP TRIGGER customers_fts_delete",
        "DROP TRIGGER customers_fts_insert", "DROP TABLE customers_fts"]


def _board(columns: list[str]) -> None:
    # The board counts and cards leave out "Try the chat" leads: with is_test in the index
    # they are still answered from it alone.
    op.drop_index('ix_customers_board', table_name='customers')
    op.create_index('ix_customers_board', 'customers', columns, unique=False)


def upgrade() -> None:
    _board(['archived', 'lead_status', 'is_test', 'id'])
    if op.get_bind().dialect.name == 'sqlite':
        for statement in CREATE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for statement in DROP:
            op.execute(statement)
    _board(['archived', 'lead_status', 'id'])
