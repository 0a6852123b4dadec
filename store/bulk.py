"""Bulk inserts and set lookups that stay fast for the 100,000 rows of an import.

Inserts go as tuples, each column's bind processor (JSON, UTC datetimes) looked up once:
SQLite's own executemany, PostgreSQL's COPY (psycopg's executemany is a round trip a
row). Lookups of a thousand values are one array parameter on PostgreSQL (a thousand
placeholders cost more to convert than to run) and a plain IN on SQLite.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ColumnElement, String, and_, any_, bindparam, func, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def one_of(session: Session, column: Any,
           values: Collection[str]) -> ColumnElement[bool]:
    """`column IN values`, as `= ANY(array)` on PostgreSQL."""
    condition: ColumnElement[bool] = (
        column == any_(bindparam(None, list(values), type_=ARRAY(String)))
        if _postgres(session) else column.in_(list(values)))
    return condition


def pair_filter(session: Session, query: Any, a: Any, b: Any,
                pairs: Collection[tuple[str, str]]) -> Any:
    """`query` limited to rows whose (a, b) is one of `pairs`."""
    if not _postgres(session):
        return query.where(tuple_(a, b).in_(list(pairs)))
    firsts = bindparam(None, [p[0] for p in pairs], type_=ARRAY(String))
    seconds = bindparam(None, [p[1] for p in pairs], type_=ARRAY(String))
    wanted = select(func.unnest(firsts).label("a"), func.unnest(seconds).label("b")).subquery()
    return query.join(wanted, and_(a == wanted.c.a, b == wanted.c.b))


def insert_rows(session: Session, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT every row (dicts with the same keys) in one executemany."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    names = list(rows[0])
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in names]
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    columns = ", ".join(dialect.identifier_preparer.quote(n) for n in names)
    sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({columns}) "
           f"VALUES ({', '.join([marker] * len(names))})")
    memo: list[tuple[Any, Any]] = [(object(), None)] * len(names)

    def bound(i: int, value: Any) -> Any:
        processor = processors[i]
        if processor is None or value is None:
            return value
        last, done = memo[i]
        if value is not last:  # the same object (one `now` for a whole chunk): bound once
            done = processor(value)
            memo[i] = (value, done)
        return done

    params = [tuple(bound(i, row[n]) for i, n in enumerate(names)) for row in rows]
    if dialect.name != "postgresql":
        conn.exec_driver_sql(sql, params)
        return
    table_name = dialect.identifier_preparer.format_table(table)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {table_name} ({columns}) FROM STDIN") as copy:
        for values in params:
            copy.write_row(values)
