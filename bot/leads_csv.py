"""CSV import and export of leads; import matches by phone, then email, then name + ZIP."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TextIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.conversation.parsing import parse_email, parse_phone
from bot.errors import CliError
from bot.settings import Settings
from store import customers
from store.clock import utcnow
from store.db import make_engine, session_factory
from store.models import Customer
from store.uow import UnitOfWork

STATUSES = {"lead", "prospect", "quoted", "customer", "inactive"}
TEXT_FIELDS = ["first_name", "last_name", "company_name", "email", "line1", "line2", "city",
               "state", "postal_code", "lead_status", "source", "notes"]
COLUMNS = ["id", "first_name", "last_name", "company_name", "phone", "email", "line1", "line2",
           "city", "state", "postal_code", "lead_status", "source", "tags", "notes",
           "needs_attention", "created_at", "updated_at", "last_contacted_at",
           "next_follow_up_date", "converted_at"]


@dataclass
class ImportReport:
    """What an import did, row by row where it did not create or update."""

    created: int = 0
    updated: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the CLI."""
        return f"created {self.created}, updated {self.updated}, skipped {len(self.skipped)}"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def export_rows(session: Session) -> Iterator[list[str]]:
    """Header, then every lead in id order, fetched in batches."""
    yield COLUMNS
    last = 0
    while True:
        batch = list(session.scalars(select(Customer).where(Customer.id > last)
                                     .order_by(Customer.id).limit(500)))
        if not batch:
            return
        for c in batch:
            yield [_cell(getattr(c, name)) for name in COLUMNS]
        last = batch[-1].id
        session.expunge_all()


def _match(session: Session, row: dict[str, str], phone: str | None) -> Customer | None:
    if phone and (found := customers.find_by_phone(session, phone)):
        return found
    if row.get("email"):
        query = select(Customer).where(func.lower(Customer.email) == row["email"].lower())
        if found := session.scalars(query.limit(1)).first():
            return found
    first, last, zip_code = row.get("first_name"), row.get("last_name"), row.get("postal_code")
    if first and last and zip_code:
        query = select(Customer).where(func.lower(Customer.first_name) == first.lower(),
                                       func.lower(Customer.last_name) == last.lower(),
                                       Customer.postal_code == zip_code)
        return session.scalars(query.limit(1)).first()
    return None


def _problem(row: dict[str, str], region: str) -> str | None:
    if row.get("phone") and parse_phone(row["phone"], region) is None:
        return f"phone {row['phone']!r} is not a phone number"
    if row.get("email") and parse_email(row["email"]) is None:
        return f"email {row['email']!r} is not an email address"
    if row.get("lead_status") and row["lead_status"] not in STATUSES:
        return f"lead_status {row['lead_status']!r} is not one of {sorted(STATUSES)}"
    if row.get("state") and len(row["state"]) != 2:
        return f"state {row['state']!r} must be a two-letter code"
    return None


def _apply(c: Customer, row: dict[str, str]) -> None:
    for name in TEXT_FIELDS:
        if row.get(name) and name != "source":
            setattr(c, name, row[name].lower() if name == "email" else row[name])
    if row.get("tags"):
        c.tags = sorted(set(c.tags or []) | {t.strip() for t in row["tags"].split(";") if t})


def import_rows(session: Session, rows: Iterable[dict[str, Any]], region: str,
                now: datetime) -> ImportReport:
    """Create or update a lead per row; bad rows are skipped with the reason, none lost."""
    report = ImportReport()
    for number, raw in enumerate(rows, start=2):  # row 1 is the header
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if (problem := _problem(row, region)) is not None:
            report.skipped.append((number, problem))
            continue
        phone = parse_phone(row["phone"], region) if row.get("phone") else None
        existing = _match(session, row, phone)
        if existing is None and phone is None:
            report.skipped.append((number, "no phone, and no existing lead matches by email "
                                           "or name + ZIP"))
            continue
        if existing is None:
            assert phone is not None
            existing, _ = customers.get_or_create(session, phone, row.get("source") or "import",
                                                  now)
            report.created += 1
            summary = "Imported from CSV"
        else:
            report.updated += 1
            summary = "Updated from CSV import"
        _apply(existing, row)
        existing.updated_at = now
        customers.add_activity(session, existing.id, "import", summary, now)
        session.flush()
    return report


def read_csv(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Rows of a CSV file with a header line."""
    reader = csv.DictReader(lines)
    if not reader.fieldnames or "phone" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ValueError("the CSV needs a header row with at least a 'phone' column")
    yield from reader


def run_import(settings: Settings, path: str, out: TextIO = sys.stdout) -> int:
    """`intake leads import FILE.csv`: one transaction; prints the report."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    sessions = session_factory(make_engine(settings.database_url))
    with handle, UnitOfWork(sessions) as uow:
        try:
            report = import_rows(uow.session, read_csv(handle), settings.default_region,
                                 utcnow())
        except (ValueError, csv.Error, UnicodeDecodeError) as exc:
            raise CliError(f"{path}: {exc}") from None
        uow.commit()
    out.write(report.summary() + "\n")
    for number, reason in report.skipped:
        out.write(f"  row {number} skipped: {reason}\n")
    return 0


def run_export(settings: Settings, out: TextIO = sys.stdout) -> int:
    """`intake leads export`: every lead as CSV on stdout."""
    sessions = session_factory(make_engine(settings.database_url))
    writer = csv.writer(out)
    with sessions() as session:
        for row in export_rows(session):
            writer.writerow(row)
    return 0
