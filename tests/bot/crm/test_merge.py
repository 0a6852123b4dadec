"""Merging duplicates: everything moves to the survivor, consent is never weakened."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.consent_tools import check
from bot.crm import leads
from bot.crm.errors import Invalid
from consent.ledger import ConsentEvent
from store import contacts, customers, ledger, messages
from store.clock import utcnow
from store.models import Activity, ConsentEventRow, MessageLog, ServiceRequest
from tests.bot.crm.conftest import MakeLead


def consent(session: Session, phone: str, kind: str) -> None:
    ledger.append(session, ConsentEvent(channel="sms", kind=kind, method="keyword",
                                        actor="texter", recorded_at=utcnow(), phone=phone,
                                        text=kind.upper()))


@pytest.fixture
def pair(session: Session, make_lead: MakeLead) -> tuple[int, int]:
    keep = make_lead(first_name="Maria", last_name="Gonzalez", phone="5125550101",
                     tags=["vip"], notes="gate code 1234")
    dup = make_lead(first_name="M", last_name="Gonzales", phone="5125550202",
                    email="maria@example.com", tags=["VIP", "gutters"],
                    address={"line1": "1234 Oak Ave", "postal_code": "78701"},
                    notes="prefers texts")
    now = utcnow()
    session.add(ServiceRequest(customer_id=dup.id, channel="sms", service="leak",
                               created_at=now))
    messages.claim_inbound(session, channel="sms", sender_key="+15125550202",
                           phone="+15125550202", text="hello", provider_id="SM9", now=now)
    consent(session, "+15125550101", "opt_in")
    consent(session, "+15125550202", "opt_out")
    session.commit()
    return keep.id, dup.id


def test_requests_timeline_messages_and_contacts_move_to_the_survivor(
        session: Session, pair: tuple[int, int]) -> None:
    keep_id, dup_id = pair
    survivor = leads.merge(session, keep_id, dup_id, "Dana")
    session.commit()
    dup = leads.get_lead(session, dup_id)
    assert (dup.archived, dup.merged_into, dup.phone) == (True, keep_id, None)
    assert session.scalar(select(func.count()).select_from(ServiceRequest)
                          .where(ServiceRequest.customer_id == keep_id)) == 1
    assert session.scalars(select(MessageLog.customer_id)).all() == [keep_id]
    assert [p.number for p in contacts.phones_of(session, survivor)] == [
        "+15125550101", "+15125550202"]
    assert customers.find_by_phone(session, "+15125550202") == survivor
    # the survivor kept its own values and filled the gaps from the duplicate
    assert (survivor.first_name, survivor.email, survivor.line1) == (
        "Maria", "maria@example.com", "1234 OAK AVE")
    assert survivor.tags == ["vip", "gutters"]  # one "vip", the survivor's spelling
    assert survivor.notes == "gate code 1234\n\nprefers texts"
    kinds = session.scalars(select(Activity.kind).where(Activity.customer_id == keep_id)).all()
    assert "merge" in kinds and kinds.count("created") == 2  # the duplicate's history came too
    merge = session.scalars(select(Activity).where(Activity.kind == "merge")).one()
    assert merge.staff == "Dana" and merge.data["duplicate_id"] == dup_id
    assert merge.data["from_duplicate"]["email"] == "maria@example.com"


def test_consent_is_never_weakened_and_the_ledger_is_untouched(
        session: Session, pair: tuple[int, int]) -> None:
    keep_id, dup_id = pair
    before = session.execute(select(ConsentEventRow.id, ConsentEventRow.hash,
                                    ConsentEventRow.phone)).all()
    survivor = leads.merge(session, keep_id, dup_id, None, {"phone": "keep"})
    session.commit()
    status, events = leads.lead_consent(session, survivor)
    assert status == "opted_out"  # the duplicate's number said STOP: it still stands
    assert {e.kind for e in events} == {"opt_in", "opt_out"}
    assert session.execute(select(ConsentEventRow.id, ConsentEventRow.hash,
                                  ConsentEventRow.phone)).all() == before
    assert check(session)[0].ok


def test_choices_pick_fields_from_the_duplicate(session: Session,
                                                pair: tuple[int, int]) -> None:
    keep_id, dup_id = pair
    survivor = leads.merge(session, keep_id, dup_id, "Dana",
                           {"last_name": "duplicate", "phone": "duplicate"})
    assert (survivor.last_name, survivor.phone) == ("Gonzales", "+15125550202")


@pytest.mark.parametrize(("keep", "dup", "choose", "message"), [
    (0, 0, None, "itself"),
    (0, 1, {"colour": "keep"}, "cannot choose colour"),
])
def test_merges_that_cannot_be(session: Session, pair: tuple[int, int], keep: int, dup: int,
                               choose: dict[str, str] | None, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        leads.merge(session, pair[keep], pair[dup], None, choose)  # type: ignore[arg-type]


def test_a_merged_duplicate_cannot_be_merged_or_restored_again(
        session: Session, pair: tuple[int, int]) -> None:
    keep_id, dup_id = pair
    leads.merge(session, keep_id, dup_id, None)
    with pytest.raises(Invalid, match="already merged"):
        leads.merge(session, keep_id, dup_id, None)
    with pytest.raises(Invalid, match="merged into"):
        leads.restore(session, dup_id, None)
