"""The Today view: call-backs, follow-ups, new leads, attention, failed notifications."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from bot.crm import leads, today
from bot.crm.errors import NotFound
from bot.crm.schemas import LeadPatch
from store import customers, outbox
from store.models import ServiceRequest
from tests.bot.crm.conftest import MakeLead

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def test_what_the_office_should_do_now(session: Session, make_lead: MakeLead) -> None:
    texter, _ = customers.get_or_create(session, "+15125550101", "sms", NOW)
    handoff = customers.add_activity(session, texter.id, "handoff",
                                     "Asked for a call back: call me", NOW)
    session.add(ServiceRequest(customer_id=texter.id, channel="sms", service="leak",
                               created_at=NOW))
    due = make_lead(phone="5125550102", next_follow_up_date=date(2026, 11, 28))
    make_lead(phone="5125550103", next_follow_up_date=date(2026, 12, 9))
    flagged = make_lead(phone="5125550104", needs_attention=True)
    worked = make_lead(phone="5125550105")
    leads.update_lead(session, worked.id, LeadPatch(notes="called, no answer"), "Dana")
    outbox.enqueue(session, event_id="e1", kind="office", target="webhook", payload={},
                   now=NOW)
    session.commit()
    item = outbox.by_status(session, "pending")[0]
    item.status = "failed"
    session.commit()
    view = today.today(session, NOW, TZ)
    assert [(cb.customer.id, cb.words) for cb in view.callbacks] == [
        (texter.id, "Asked for a call back: call me")]
    assert [c.id for c in view.follow_ups] == [due.id]
    assert [c.id for c in view.attention] == [flagged.id]
    assert texter.id in {c.id for c in view.new_leads} and worked.id not in {
        c.id for c in view.new_leads}
    assert [o.id for o in view.failed_notifications] == [item.id]
    assert view.counts.total == 5 and view.counts.open_requests == 1
    done = today.mark_callback_done(session, handoff.id, "Dana", now=NOW + timedelta(hours=1))
    session.commit()
    assert done.resolved_by == "Dana" and today.today(session, NOW, TZ).callbacks == []


def test_counts_are_true_totals_in_the_business_month(session: Session,
                                                      make_lead: MakeLead) -> None:
    for n in range(25):
        customers.get_or_create(session, f"+1512557{n:04d}", "sms", NOW)
    old, _ = customers.get_or_create(session, "+15125580000", "sms",
                                     datetime(2026, 12, 1, 4, 0, tzinfo=UTC))  # Nov 30 in NY
    old.lead_status = "inactive"
    session.commit()
    counts = today.today(session, NOW, TZ, limit=5).counts
    assert (counts.total, counts.active, counts.new_this_month) == (26, 25, 25)


def test_leads_made_by_try_the_chat_are_left_out_of_the_counts(session: Session) -> None:
    customers.get_or_create(session, "+15125590001", "sms", NOW)
    test_lead, _ = customers.get_or_create(session, "+15125590002", "web", NOW)
    test_lead.is_test = True
    session.commit()
    counts = today.today(session, NOW, TZ, limit=5).counts
    assert (counts.total, counts.active, counts.new_this_month) == (1, 1, 1)


def test_an_unknown_call_back_is_not_found(session: Session) -> None:
    with pytest.raises(NotFound):
        today.mark_callback_done(session, 10**12, None)
