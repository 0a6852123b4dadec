"""Import from the files offices really have: exports of other tools, hand-made sheets."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.crm import importer
from bot.crm.errors import Invalid
from bot.crm.schemas import ImportReport
from store import contacts
from store.models import Customer
from tests.bot.crm.conftest import MakeLead

FILES = Path(__file__).parent / "files"


def run(session: Session, text: str | bytes, name: str = "leads.csv",
        dry_run: bool = False) -> ImportReport:
    data = text.encode() if isinstance(text, str) else text
    report = importer.import_leads(session, name, data, dry_run, "Dana")
    if dry_run:
        session.rollback()
    else:
        session.commit()
    return report


def by_phone(session: Session, phone: str) -> Customer:
    return session.scalars(select(Customer).where(Customer.phone == phone)).one()


def test_a_messy_office_export(session: Session) -> None:
    """BOM, `;`, title-case and aliased headers, quoted newlines, blank and repeated rows."""
    report = run(session, (FILES / "office_export_semicolon.csv").read_bytes())
    actions = [(r.line, r.action) for r in report.rows]
    assert actions == [(2, "created"), (4, "skipped"), (5, "created"), (6, "skipped"),
                       (8, "skipped"), (9, "skipped"), (10, "created")]
    reasons = {r.line: r.reason or "" for r in report.rows}
    assert reasons[4] == "blank row" and reasons[6] == "the same as line 2"
    assert "'555-0199' is not a phone number" in reasons[8]
    assert "'jose@example' is not an email address" in reasons[9]
    assert report.columns["Zip Code"] == "zip" and report.columns["Company"] == "business_name"
    maria = by_phone(session, "+15125550101")
    assert (maria.email, maria.line1, maria.city, maria.state, maria.postal_code) == (
        "maria@example.com", "1234 OAK AVE", "AUSTIN", "TX", "78701")
    assert (maria.lead_status, maria.source, maria.tags) == ("quoted", "Google",
                                                             ["vip", "repeat"])
    assert maria.notes == "gate code 1234\r\nback door"
    acme = by_phone(session, "+15125550102")
    assert (acme.company_name, acme.line1, acme.line2, acme.lead_status) == (
        "Acme Plumbing Supply", "77 N LAMAR BLVD", "STE 200", "inactive")
    ann = by_phone(session, "+15125550104")
    assert ann.postal_code == "02101" or ann.postal_code == "2101".zfill(5)
    assert ann.lead_status == "customer" and ann.converted_at is not None


def test_same_name_and_zip_with_another_phone_is_another_person(
        session: Session, make_lead: MakeLead) -> None:
    first = make_lead(first_name="Maria", last_name="Gonzalez", phone="5125550101",
                      address={"postal_code": "78701"})
    report = run(session, "first_name,last_name,phone,zip\nMaria,Gonzalez,5125550999,78701\n")
    [row] = report.rows
    assert row.action == "created" and f"possible duplicate of lead {first.id}" in (
        row.reason or "")
    new = by_phone(session, "+15125550999")
    assert (new.possible_duplicate_of, new.needs_attention) == (first.id, True)
    assert session.get(Customer, first.id).phone == "+15125550101"  # kept its phone


def test_matches_by_phone_then_email_then_name_and_zip(session: Session,
                                                        make_lead: MakeLead) -> None:
    a = make_lead(first_name="Al", phone="5125550101",
                  phones=[{"number": "5125550111"}])
    b = make_lead(first_name="Bea", email="bea@example.com")
    c = make_lead(first_name="Cy", last_name="Young", email="cy@example.com",
                  address={"postal_code": "78701"})
    report = run(session, "phone,email,first_name,last_name,zip,notes\n"
                          "512-555-0111,,,,,by second phone\n"
                          "5125550202,BEA@example.com,,,,by email\n"
                          "5125550303,,cy,YOUNG,78701,by name and zip\n")
    assert [(r.action, r.lead_id) for r in report.rows] == [
        ("updated", a.id), ("updated", b.id), ("updated", c.id)]
    for lead_id, note in ((a.id, "by second phone"), (b.id, "by email"),
                          (c.id, "by name and zip")):
        assert session.get(Customer, lead_id).notes == note
    assert [p.number for p in contacts.phones_of(session, session.get(Customer, b.id))] == [
        "+15125550202"]


def test_a_malformed_file_stores_nothing(session: Session) -> None:
    good = "".join(f"5125550{n:03d},Lead {n}\n" for n in range(1500))
    with pytest.raises(Invalid, match="malformed"):
        run(session, "phone,name\n" + good + '5125559999,"unclosed\n')
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Customer)) == 0


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"\n\n", "empty"),
    (b"colour,size\nred,9\n", "needs a phone, email or name column"),
    (b"PK\x03\x04garbage", "not a readable .xlsx"),
])
def test_files_that_are_not_lead_files(session: Session, data: bytes, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        importer.import_leads(session, "x.csv", data, False, None)


def test_dry_run_reports_what_it_would_do(session: Session) -> None:
    report = run(session, "phone\n5125550101\n5125550102\n", dry_run=True)
    assert (report.created, report.dry_run) == (2, True)
    assert session.scalar(select(func.count()).select_from(Customer)) == 0


def test_an_xlsx_workbook(session: Session) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Mobile", "Postal Code", "Company Name"])
    sheet.append(["Gonzalez, Maria", 5125550101, 2101, None])
    sheet.append([None, None, None, None])
    sheet.append(["Bo Jo", "(512) 555-0102", "78701", "=HYPERLINK(\"x\")"])
    data = io.BytesIO()
    book.save(data)
    report = run(session, data.getvalue(), name="Leads.XLSX")
    assert [r.action for r in report.rows] == ["created", "skipped", "created"]
    maria = by_phone(session, "+15125550101")
    assert (maria.first_name, maria.last_name, maria.postal_code) == ("Maria", "Gonzalez",
                                                                      "02101")


def test_export_guards_formulas_and_imports_back_unchanged(session: Session,
                                                           make_lead: MakeLead) -> None:
    make_lead(first_name="=cmd|' /C calc'!A0", last_name="@SUM(1)", phone="5125550101",
              company_name="-Dash Co", tags=["vip", "+plus"],
              address={"line1": "1 Main St Apt 2", "city": "Austin", "state": "TX",
                       "postal_code": "78701"})
    exported = "".join(importer.export_leads(session))
    header, line = exported.splitlines()
    assert line.startswith("'=cmd|' /C calc'!A0,'@SUM(1),'-Dash Co,+15125550101,")
    session.rollback()
    report = run(session, exported)
    assert [(r.action, r.reason) for r in report.rows] == [("skipped", "no changes (lead 1)")]
    assert "".join(importer.export_leads(session)) == exported
