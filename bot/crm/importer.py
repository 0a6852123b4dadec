"""Lead import (CSV or .xlsx, dedup, per-row report, all or nothing) and CSV export.

Columns: first_name, last_name, business_name, phone, email, address, city, state, zip,
source, tags (`;`-separated), plus aliases ("First Name", "Phone Number", "Zip Code",
"Company", "E-mail", ...; see bot.crm.columns). Matching: phone (any of a lead's phones),
then email, then name + ZIP. A match by email or name + ZIP whose lead has another phone
than the row's is another person: a new lead flagged as a possible duplicate.

Rows go in chunks: one query per chunk finds the matches, new leads are inserted in bulk,
and the session is emptied after each, so a 100,000-row file runs in flat memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice

from sqlalchemy.orm import Session

from bot.crm.columns import IDENTIFYING, mapping
from bot.crm.errors import Invalid
from bot.crm.exporter import EXPORT_COLUMNS, export_leads
from bot.crm.files import read_file
from bot.crm.import_chunk import Chunk, import_chunk
from bot.crm.schemas import ImportReport
from store.clock import utcnow

__all__ = ["EXPORT_COLUMNS", "Progress", "export_leads", "import_leads"]
Progress = Callable[[int, int], None]  # (rows done, rows in the file)
CHUNK = 1000


def _chunks(rows: Iterator[tuple[int, list[str]]]) -> Iterator[list[tuple[int, list[str]]]]:
    while batch := list(islice(rows, CHUNK)):
        yield batch


def import_leads(session: Session, filename: str, data: bytes, dry_run: bool,
                 staff: str | None, progress: Progress | None = None, *,
                 region: str = "US") -> ImportReport:
    """Import a whole file in the caller's transaction; Invalid (nothing stored) when the
    file itself is malformed; the caller commits unless `dry_run`."""
    sheet = read_file(filename, data)
    fields = mapping(sheet.header)
    if not IDENTIFYING & {f for f in fields if f}:
        found = ", ".join(repr(h) for h in sheet.header[:20])
        raise Invalid("the header row needs a phone, email or name column "
                      f"(first_name, last_name, business_name, phone, email); found {found}")
    report = ImportReport(dry_run=dry_run,
                          columns={h: f for h, f in zip(sheet.header, fields, strict=False)})
    seen: dict[int, int] = {}  # a row's cells (hashed) -> the line it first appeared on
    done, now = 0, utcnow()
    for rows in _chunks(sheet.rows):
        import_chunk(session, Chunk(rows=rows, fields=fields, seen=seen, staff=staff,
                                    region=region, now=now, source_name=filename,
                                    width=len(sheet.header)), report)
        session.flush()
        session.expunge_all()  # flat memory: nothing of a finished chunk stays loaded
        done += len(rows)
        if progress is not None:
            progress(done, max(sheet.total, done))
    return report

