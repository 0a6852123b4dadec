"""Lead import (CSV or .xlsx, dedup, per-row report, all or nothing) and CSV export.

Columns: first_name, last_name, business_name, phone, email, address, city, state, zip,
source, tags (`;`-separated), plus aliases ("First Name", "Phone Number", "Zip Code",
"Company", "E-mail", ...). Matching: phone (any of a lead's phones), then email, then
name + ZIP only when the row has no phone or the same one; a name + ZIP match with a
different phone is another person: a new lead flagged as a possible duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy.orm import Session

from bot.crm.schemas import ImportReport

EXPORT_COLUMNS = ["first_name", "last_name", "business_name", "phone", "email", "address",
                  "city", "state", "zip", "source", "tags"]
Progress = Callable[[int, int], None]  # (rows done, rows in the file)


def import_leads(session: Session, filename: str, data: bytes, dry_run: bool,
                 staff: str | None, progress: Progress | None = None, *,
                 region: str = "US") -> ImportReport:
    """Import a whole file in the caller's transaction; Invalid (nothing stored) when the
    file itself is malformed; the caller commits unless `dry_run`."""
    raise NotImplementedError


def export_leads(session: Session) -> Iterator[str]:
    """The header line and one CSV line per active lead, in id order, in constant memory."""
    raise NotImplementedError
