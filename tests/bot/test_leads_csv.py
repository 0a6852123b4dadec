"""CSV import matches by phone, then email, then name + ZIP, and says what it did."""

from __future__ import annotations

import csv
import io

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bot.leads_csv import export_rows, import_rows, read_csv
from store.clock import utcnow
from store.db import session_factory
from store.models import Customer
from store.uow import UnitOfWork

CSV = """phone,first_name,last_name,email,postal_code,lead_status,tags
(555) 123-0001,Maria,Lopez,maria@example.com,62704,lead,vip;repeat
+1 555 123 0002,Bob,Smith,,75201,prospect,
,Bob,Smith,bob@example.com,75201,,
,Nobody,Known,,00000,,
not a phone,X,Y,,,,
555-123-0003,Ann,Lee,ann@,,,
555-123-0004,Cy,Young,,,bogus,
5551230001,Maria,Lopez-Diaz,,,quoted,
"""


def _import(engine: Engine, text: str) -> object:
    with UnitOfWork(session_factory(engine)) as uow:
        report = import_rows(uow.session, read_csv(io.StringIO(text)), "US", utcnow())
        uow.commit()
    return report


def test_import_reports_created_updated_and_skipped(engine: Engine) -> None:
    report = _import(engine, CSV)
    assert report.created == 2 and report.updated == 2  # type: ignore[attr-defined]
    skipped = dict(report.skipped)  # type: ignore[attr-defined]
    assert sorted(skipped) == [5, 6, 7, 8]
    assert "no phone" in skipped[5] and "not a phone number" in skipped[6]
    assert "email" in skipped[7] and "lead_status" in skipped[8]
    with Session(engine) as s:
        assert s.scalar(select(func.count(Customer.id))) == 2
        maria = s.scalars(select(Customer).where(Customer.phone == "+15551230001")).one()
        bob = s.scalars(select(Customer).where(Customer.phone == "+15551230002")).one()
    assert (maria.last_name, maria.lead_status, maria.tags) == ("Lopez-Diaz", "quoted",
                                                                ["repeat", "vip"])
    assert maria.source == "import"
    assert bob.email == "bob@example.com"  # matched by name + ZIP, filled in


def test_reimport_creates_nothing_new(engine: Engine) -> None:
    _import(engine, CSV)
    again = _import(engine, CSV)
    assert again.created == 0  # type: ignore[attr-defined]


def test_export_round_trips(engine: Engine) -> None:
    _import(engine, CSV)
    with session_factory(engine)() as s:
        rows = list(export_rows(s))
    header, *body = rows
    assert header[:5] == ["id", "first_name", "last_name", "company_name", "phone"]
    assert {r[4] for r in body} == {"+15551230001", "+15551230002"}
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    assert _import(engine, text.getvalue()).updated == 2  # type: ignore[attr-defined]


def test_a_csv_without_a_phone_column_is_refused(engine: Engine) -> None:
    import pytest

    with pytest.raises(ValueError, match="phone"):
        list(read_csv(io.StringIO("name,email\nx,y\n")))
