"""The lead page's texting in a real browser: schedule, the thread's states, the reply box,
the templates page, and the compliance report seeing office texts; at desk and phone width."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from consent.ledger import ConsentEvent
from store import customers, ledger
from store.clock import utcnow
from store.models import Conversation, Customer, MessageLog, ServiceRequest
from store.uow import UnitOfWork
from tests.browser.conftest import shot

PHONE = "+15125550101"


def texter(sessions: sessionmaker[Session], *, phone: str = PHONE, opted_in: bool = True,
           first_name: str = "Ann") -> tuple[int, int]:
    """A lead who texted in by SMS, said YES to updates, and has a new request."""
    now = utcnow() - timedelta(hours=1)
    with UnitOfWork(sessions) as uow:
        s = uow.session
        c = Customer(phone=phone, first_name=first_name, last_name="Lee", source="sms",
                     line1="12 ELM ST", city="AUSTIN", state="TX")
        s.add(c)
        s.flush()
        customers.claim_phone(s, c.id, phone)
        r = ServiceRequest(customer_id=c.id, channel="sms", service="water heater leak",
                           line1="12 ELM ST", city="AUSTIN", state="TX")
        s.add(r)
        s.add(MessageLog(channel="sms", direction="in", sender_key=phone, phone=phone,
                         customer_id=c.id, text="my water heater leaks",
                         provider_id=f"in-{phone}", created_at=now))
        s.add(Conversation(channel="sms", sender_key=phone, state={"mode": "done"}))
        if opted_in:
            ledger.append(s, ConsentEvent(channel="sms", kind="opt_in", method="reply",
                                          actor="texter", recorded_at=now, phone=phone,
                                          text="YES", disclosure="May we text you updates?"))
        s.flush()
        ids = (c.id, r.id)
        uow.commit()
    return ids


def test_schedule_and_text_from_the_lead_page(page: Page,
                                              sessions: sessionmaker[Session]) -> None:
    lead_id, request_id = texter(sessions)
    page.goto(f"/dashboard/leads/{lead_id}")
    visit = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()
    page.fill(f"#visit_date-{request_id}", visit)
    page.fill(f"#visit_time-{request_id}", "10:30")
    page.get_by_role("button", name=f"Save request #{request_id}").click()
    expect(page.locator(".notice")).to_contain_text(f"Request #{request_id} is scheduled.")
    expect(page.locator("#requests .request-status")).to_have_text("scheduled")
    expect(page.locator("#requests .visit")).to_contain_text("10:30 AM E")
    # The automatic confirmation and reminder are in the thread, queued (scheduled).
    expect(page.locator("#transcript")).to_contain_text("is confirmed for")
    expect(page.locator("#transcript .state").first).to_have_text("Queued")
    expect(page.locator("#transcript")).to_contain_text("Scheduled for")
    page.fill("#reply-text", "We'll bring the part.")
    page.get_by_role("button", name="Send text").click()
    expect(page.locator(".notice")).to_contain_text("Queued")
    expect(page.locator(".notice.problem")).to_have_count(0)
    expect(page.locator("#transcript .bubble.out").last).to_contain_text("We'll bring the part.")
    page.select_option("#reply-template", "on_the_way")
    page.fill("#reply-tech", "Sam")
    page.get_by_role("button", name="Send text").click()
    expect(page.locator(".notice")).to_contain_text("Not sent: missing template field(s): eta")
    expect(page.locator(".notice.problem")).to_be_visible()  # a refusal looks like one
    shot(page, "lead-texting")


def test_an_opted_out_customer_is_refused_at_once_in_words(
        page: Page, sessions: sessionmaker[Session]) -> None:
    lead_id, _ = texter(sessions, phone="+15125550102")
    with UnitOfWork(sessions) as uow:
        ledger.append(uow.session, ConsentEvent(channel="sms", kind="opt_out",
                                                method="keyword", actor="texter",
                                                recorded_at=utcnow(), phone="+15125550102",
                                                text="STOP"))
        uow.commit()
    page.goto(f"/dashboard/leads/{lead_id}")
    page.fill("#reply-text", "Are you still there?")
    page.get_by_role("button", name="Send text").click()
    expect(page.locator(".notice")).to_contain_text("refused: opted out")
    expect(page.locator("#transcript .state").last).to_have_text("Refused: opted out")
    page.goto("/dashboard/consent/report")
    expect(page.locator("body")).to_contain_text("Nothing was sent after an opt-out")
    expect(page.locator("body")).to_contain_text(re.compile(r"Refused by the gate\s*1\b"))
    shot(page, "consent-report-with-office-texts")
    # At desktop width short words stay whole ("STOP", not "STO P"): one line each.
    lines = """td => { const r = document.createRange(); r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }"""
    for cell in ("#opt-outs td[data-label=Said]", "#opt-outs td[data-label=OK]",
                 "#opt-outs th:has-text('Confirmation')"):
        assert page.locator(cell).first.evaluate(lines) == 1, cell
    page.set_viewport_size({"width": 375, "height": 812})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(page.locator("#opt-outs td[data-label=Said]").first).to_be_visible()
    shot(page, "phone-consent-report-with-office-texts")


def test_a_held_text_says_until_when_and_why(page: Page,
                                             sessions: sessionmaker[Session]) -> None:
    lead_id, _ = texter(sessions, phone="+15125550103")
    with UnitOfWork(sessions) as uow:
        uow.session.add(MessageLog(
            channel="sms", direction="out", sender_key="+15125550103", phone="+15125550103",
            customer_id=lead_id, text="Your part arrived.", purpose="proactive",
            status="held", reason="held: quiet hours where the recipient is",
            not_before=datetime(2030, 1, 15, 13, 0, tzinfo=UTC), created_at=utcnow()))
        uow.commit()
    page.goto(f"/dashboard/leads/{lead_id}")
    expect(page.locator("#transcript .state").last).to_have_text(
        "Held until Jan 15 2030, 8:00 AM EST (quiet hours)")


def test_templates_page_edits_a_spanish_text(page: Page) -> None:
    page.goto("/dashboard/templates")
    form = page.locator("#template-on_the_way-es")
    form.locator("textarea").fill("{tech} llega en {eta}.")
    form.get_by_role("button", name="Save").click()
    expect(page.locator(".notice")).to_contain_text("Saved the on the way template (es)")
    expect(page.locator("#template-on_the_way-es")).to_contain_text("edited by Pat Office")
    bad = page.locator("#template-reminder-en")
    bad.locator("textarea").fill("see you {when")
    bad.get_by_role("button", name="Save").click()
    expect(page.locator(".notice")).to_contain_text("Not saved")
    shot(page, "templates")


def test_lead_page_with_the_thread_fits_a_phone(browser: Browser, live_url: str,
                                                sessions: sessionmaker[Session]) -> None:
    lead_id, _ = texter(sessions, phone="+15125550104")
    context = browser.new_context(base_url=live_url, viewport={"width": 375, "height": 812},
                                  is_mobile=True, has_touch=True)
    p = context.new_page()
    p.goto("/dashboard/login")
    p.fill("input[name=name]", "Pat Office")
    p.fill("input[name=password]", "admin-secret")
    p.get_by_role("button", name="Log in").click()
    p.wait_for_url("**/dashboard/today")
    for path, name in [(f"/dashboard/leads/{lead_id}", "phone-lead-texting"),
                       ("/dashboard/templates", "phone-templates")]:
        p.goto(path)
        assert p.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        shot(p, name)
    context.close()
