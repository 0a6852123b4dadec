"""Office actions through the service layer: create, edit with timeline, phones, archive."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.crm import leads
from bot.crm.errors import Conflict, Invalid, NotFound
from bot.crm.schemas import LeadCreate, LeadPatch
from store import contacts, customers
from store.clock import utcnow
from store.models import Activity, CustomerPhone
from tests.bot.crm.conftest import MakeLead


def edits(session: Session, lead_id: int) -> list[tuple[str, str | None]]:
    rows = session.scalars(select(Activity).where(Activity.customer_id == lead_id,
                                                  Activity.kind == "edit")
                           .order_by(Activity.id))
    return [(a.summary, a.staff) for a in rows]


def test_create_by_hand_with_several_phones_emails_and_addresses(
        session: Session, make_lead: MakeLead) -> None:
    c = make_lead(first_name="Walk", last_name="In", phone="(512) 555-0101",
                  phones=[{"number": "737 555 0102", "label": "work", "extension": "12"}],
                  emails=[{"address": "W@Example.com", "label": "home"}],
                  addresses=[{"line1": "5 Lake Drive", "label": "rental"}],
                  lead_status="Prospect", source="Walk-in")
    assert (c.phone, c.email, c.lead_status, c.source) == (
        "+15125550101", "w@example.com", "prospect", "Walk-in")
    assert [(p.number, p.label, p.extension) for p in contacts.phones_of(session, c)] == [
        ("+15125550101", None, None), ("+17375550102", "work", "12")]
    assert [a.line1 for a in contacts.addresses_of(session, c)] == ["5 LAKE DR"]
    assert customers.find_by_phone(session, "+17375550102") == c  # any phone is the lead's


def test_a_phone_of_another_lead_is_a_conflict_naming_it(session: Session,
                                                         make_lead: MakeLead) -> None:
    first = make_lead(first_name="A", phone="5125550101",
                      phones=[{"number": "5125550102"}])
    with pytest.raises(Conflict) as caught:
        leads.create_lead(session, LeadCreate(first_name="B", phone="512-555-0102"), None)
    assert caught.value.existing_id == first.id
    session.rollback()
    other = make_lead(first_name="C", email="c@example.com")
    with pytest.raises(Conflict):
        leads.update_lead(session, other.id, LeadPatch(phone="5125550101"), "Dana")


def test_a_phone_belongs_to_one_customer_in_the_database(session: Session,
                                                         make_lead: MakeLead) -> None:
    a, b = make_lead(first_name="A", phone="5125550101"), make_lead(first_name="B",
                                                                    email="b@example.com")
    session.add(CustomerPhone(customer_id=b.id, number=a.phone, digits_rev="x"))
    with pytest.raises(IntegrityError):
        session.flush()


def test_every_edit_is_on_the_timeline_with_old_new_and_who(session: Session,
                                                             make_lead: MakeLead) -> None:
    c = make_lead(first_name="Ann", last_name="Lee", phone="5125550101")
    leads.update_lead(session, c.id, LeadPatch(
        first_name="Anne", tags=["vip"], next_follow_up_date="2026-12-05",
        phones=[{"number": "5125550101"}, {"number": "5125550109", "label": "home"}],
        address={"line1": "12 Elm Street"}, lead_status="quoted"), "Dana")
    session.commit()
    assert edits(session, c.id) == [
        ("first_name: Ann -> Anne", "Dana"), ("next_follow_up_date: (none) -> 2026-12-05", "Dana"),
        ("tags: (none) -> vip", "Dana"),
        ("phones: +15125550101 -> +15125550101, +15125550109 (home)", "Dana"),
        ("addresses: (none) -> 12 ELM ST", "Dana")]
    status = session.scalars(select(Activity).where(Activity.customer_id == c.id,
                                                    Activity.kind == "status_change")).one()
    assert (status.summary, status.staff) == ("lead -> quoted", "Dana")
    leads.update_lead(session, c.id, LeadPatch(first_name="Anne"), "Dana")
    assert len(edits(session, c.id)) == 5  # no change, no entry


def test_the_primary_phones_label_and_extension_can_be_set_and_are_kept(
        session: Session, make_lead: MakeLead) -> None:
    c = make_lead(first_name="Ann", phone="5125550101", phone_label="mobile",
                  phones=[{"number": "5125550109", "label": "home"}])
    assert [(p.number, p.label) for p in contacts.phones_of(session, c)] == [
        ("+15125550101", "mobile"), ("+15125550109", "home")]
    leads.update_lead(session, c.id, LeadPatch(phone_label="work", phone_extension="12"),
                      "Dana")
    session.commit()
    assert [(p.number, p.label, p.extension) for p in contacts.phones_of(session, c)] == [
        ("+15125550101", "work", "12"), ("+15125550109", "home", None)]
    assert edits(session, c.id)[-1] == (
        "phones: +15125550101 (mobile), +15125550109 (home) -> "
        "+15125550101 (work) ext. 12, +15125550109 (home)", "Dana")
    leads.update_lead(session, c.id, LeadPatch(phone="(512) 555-0101"), "Dana")  # retyped
    assert contacts.phones_of(session, c)[0].label == "work"  # the same number keeps it
    leads.update_lead(session, c.id, LeadPatch(phone="5125550177"), "Dana")
    assert (contacts.phones_of(session, c)[0].label, c.phone) == (None, "+15125550177")


def test_the_primary_emails_label_can_be_set_and_is_kept_when_retyped(
        session: Session, make_lead: MakeLead) -> None:
    c = make_lead(first_name="Ann", email="ann@example.com", email_label="home",
                  emails=[{"address": "ann@work.example", "label": "work"}])
    assert [(e.address, e.label) for e in contacts.emails_of(session, c)] == [
        ("ann@example.com", "home"), ("ann@work.example", "work")]
    leads.update_lead(session, c.id, LeadPatch(email_label="personal"), "Dana")
    session.commit()
    assert [(e.address, e.label) for e in contacts.emails_of(session, c)] == [
        ("ann@example.com", "personal"), ("ann@work.example", "work")]
    assert edits(session, c.id)[-1] == (
        "emails: ann@example.com (home), ann@work.example (work) -> "
        "ann@example.com (personal), ann@work.example (work)", "Dana")
    leads.update_lead(session, c.id, LeadPatch(email="ANN@example.com"), "Dana")  # retyped
    assert contacts.emails_of(session, c)[0].label == "personal"  # the same address keeps it
    leads.update_lead(session, c.id, LeadPatch(email="ann@new.example"), "Dana")
    assert (contacts.emails_of(session, c)[0].label, c.email) == (None, "ann@new.example")


@pytest.mark.parametrize(("body", "message"), [
    ({"first_name": "A"}, "a phone or an email is required"),
    ({"phone": "call me"}, "is not a phone number"),
    ({"email": "ann@"}, "is not an email address"),
    ({"phone": "5125550101", "lead_status": "won"}, "lead_status"),
    ({"phone": "5125550101", "tags": ["x" * 41]}, "longer than 40"),
    ({"phone": "5125550101", "tags": [f"t{n}" for n in range(31)]}, "at most 30 tags"),
    ({"phone": "5125550101", "next_follow_up_date": "1900-01-01"}, "plausible"),
])
def test_bad_input_is_refused_with_a_clear_message(body: dict[str, object],
                                                    message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        LeadCreate.model_validate(body)


def test_a_number_that_does_not_parse_in_the_region_is_invalid(session: Session) -> None:
    with pytest.raises(Invalid, match="not a phone number"):
        leads.create_lead(session, LeadCreate(phone="1234 5678"), None)


def test_ids_no_lead_can_have_are_not_found(session: Session) -> None:
    for lead_id in (0, -1, 2**31, 2**63, 10**30):
        with pytest.raises(NotFound):
            leads.get_lead(session, lead_id)
    with pytest.raises(NotFound, match="99"):
        leads.set_status(session, [99], "quoted", None)


def test_convert_stamps_converted_at_even_for_a_customer_without_it(
        session: Session, make_lead: MakeLead) -> None:
    c = make_lead(phone="5125550101", lead_status="customer")
    assert c.converted_at is not None
    c.converted_at = None  # an import before this fix left customers without it
    session.commit()
    leads.convert(session, c.id, "Dana")
    assert c.converted_at is not None and c.lead_status == "customer"


def test_bulk_status_and_archive_restore(session: Session, make_lead: MakeLead) -> None:
    a, b = make_lead(phone="5125550101"), make_lead(phone="5125550102")
    changed = leads.set_status(session, [a.id, b.id], "prospect", "Dana")
    assert {c.lead_status for c in changed} == {"prospect"}
    leads.archive(session, a.id, "Dana")
    assert a.archived and a.archived_at is not None
    leads.restore(session, a.id, "Dana")
    assert not a.archived


def test_messages_sent_before_the_lead_existed_are_attached(session: Session) -> None:
    from store import messages

    now = utcnow()
    early = messages.claim_inbound(session, channel="sms", sender_key="+15125550101",
                                   phone="+15125550101", text="hi", provider_id="SM1", now=now)
    assert early is not None and early.customer_id is None
    c, created = customers.get_or_create(session, "+15125550101", "sms", now)
    session.refresh(early)
    assert created and early.customer_id == c.id
