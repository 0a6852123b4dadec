"""CSV export of leads in the import's columns, so that a file exported imports back unchanged.

A cell that a spreadsheet would run as a formula gets a leading `'` (bot.spreadsheet, the
rule both CSV exports share), which the import takes off again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.spreadsheet import FORMULA_START, safe_cell
from store.models import Customer
from store.search import not_test

EXPORT_COLUMNS = ["first_name", "last_name", "business_name", "phone", "email", "address",
                  "city", "state", "zip", "source", "tags"]
BATCH = 1000


def guard(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return str(safe_cell(cell))


def unguard(cell: str) -> str:
    """The import's reading of a guarded cell."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def _cells(c: Customer) -> list[str]:
    street = " ".join(p for p in (c.line1, c.line2) if p)
    values = [c.first_name, c.last_name, c.company_name, c.phone, c.email, street, c.city,
              c.state, c.postal_code, c.source, ";".join(c.tags or [])]
    return [guard(v or "") for v in values]


def _line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def export_leads(session: Session, archived: bool = False) -> Iterator[str]:
    """The header line and one CSV line per lead, in id order, in constant memory."""
    yield _line(EXPORT_COLUMNS)
    last = 0
    while True:
        query = (select(Customer).where(Customer.id > last, Customer.archived == archived,
                                        not_test())
                 .order_by(Customer.id).limit(BATCH))
        batch = list(session.scalars(query))
        if not batch:
            return
        for c in batch:
            yield _line(_cells(c))
        last = batch[-1].id
        session.expunge_all()
