"""Bulk inserts and set lookups that stay fast for the 100,000 rows of an import.

Inserts go as tuples, each column's bind processor (JSON, UTC datetimes) looked up once
and run only on the columns that have one: SQLite's own executemany, PostgreSQL's COPY
(psycopg's executemany is a round trip a row). Lookups of a thousand values are one
parameter: an array on PostgreSQL, a JSON list read by json_each on SQLite (a thousand
placeholders cost more to expand and convert than the query costs to run).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, String, and_, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _json_list(values: Collection[Any]) -> Any:
    """SQLite: the rows of a JSON list parameter (`value`), one bound string in all."""
    return func.json_each(bindparam(None, json.dumps(list(values)), type_=String)) \
        .table_valued("value")


def one_of(session: Session, column: Any,
           values: Collection[str]) -> ColumnElement[bool]:
    """`column IN values`: `= ANY(array)` on PostgreSQL, `IN json_each(list)` on SQLite."""
    if _postgres(session):
        condition: ColumnElement[bool] = column == any_(
            bindparam(None, list(values), type_=ARRAY(String)))
        return condition
    listed = _json_list(values)
    return column.in_(select(listed.c.value))  # type: ignore[no-any-return]


def pair_filter(session: Session, query: Any, a: Any, b: Any,
                pairs: Collection[tuple[str, str]]) -> Any:
    """`query` limited to rows whose (a, b) is one of `pairs`."""
    if not _postgres(session):
        listed = _json_list(pairs)
        return query.join(listed, and_(a == func.json_extract(listed.c.value, "$[0]"),
                                       b == func.json_extract(listed.c.value, "$[1]")))
    firsts = bindparam(None, [p[0] for p in pairs], type_=ARRAY(String))
    seconds = bindparam(None, [p[1] for p in pairs], type_=ARRAY(String))
    wanted = select(func.unnest(firsts).label("a"), func.unnest(seconds).label("b")).subquery()
    return query.join(wanted, and_(a == wanted.c.a, b == wanted.c.b))


def _bound_rows(rows: Sequence[dict[str, Any]], names: list[str],
                processors: list[Any]) -> list[Any]:
    """The rows as tuples, each value through its column's bind processor if it has one."""
    pick = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    converted = [(i, p) for i, p in enumerate(processors) if p is not None]
    if not converted:
        return [pick(row) for row in rows]
    params = []
    memo: dict[int, tuple[Any, Any]] = {}
    for row in rows:
        values = list(pick(row))
        for i, processor in converted:
            value = values[i]
            if value is None:
                continue
            last = memo.get(i)
            if last is not None and last[0] is value:  # one `now` for a whole chunk
                values[i] = last[1]
            else:
                values[i] = processor(value)
                memo[i] = (value, values[i])
        params.append(tuple(values))
    return params


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
    params = _bound_rows(rows, names, processors)
    if dialect.name != "postgresql":
        conn.exec_driver_sql(sql, params)
        return
    table_name = dialect.identifier_preparer.format_table(table)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {table_name} ({columns}) FROM STDIN") as copy:
        for values in params:
            copy.write_row(values)
