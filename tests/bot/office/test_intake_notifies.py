"""A whole SMS intake through the signed webhook notifies every office target exactly once."""

from __future__ import annotations

import hashlib
import hmac

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.settings import Settings
from tests.bot.channels.test_twilio_sms import complete_intake
from tests.support.office_targets import (
    CHAT_ID,
    OFFICE_EMAIL,
    OFFICE_PHONES,
    WEBHOOK_SECRET,
    Clock,
    OfficeTargets,
    dispatcher,
    once_each,
    rows,
    run,
)
from tests.support.twilio import Texter
from tests.support.webhook_receiver import Delivered


def _texter(client: TestClient, settings: Settings, phone: str = "+15551234567") -> Texter:
    return Texter(client, settings.twilio_auth_token, phone)


def _only_webhook(office: OfficeTargets) -> Delivered:
    [delivered] = office.webhook.received
    assert delivered.signature_ok
    return delivered


def test_a_completed_intake_notifies_each_target_once_with_the_details(
        office_client: TestClient, wired: Settings, engine: Engine, office: OfficeTargets) -> None:
    complete_intake(_texter(office_client, wired))
    [row_event] = {r.event_id for r in rows(engine)}
    assert sorted(r.target for r in rows(engine)) == sorted(
        ["telegram", "email", "webhook", *(f"sms:{n}" for n in OFFICE_PHONES)])

    run(dispatcher(engine, wired, Clock()))

    assert office.counts(row_event, "Maria Lopez") == once_each()
    assert {r.status for r in rows(engine)} == {"sent"}
    [text] = office.bot_api.sent_to(CHAT_ID)
    for expected in ("New service request (new customer)", "Who: Maria Lopez",
                     "Phone: (555) 123-4567", "Address: 42 ELM ST, SPRINGFIELD, IL 62704",
                     "What: water heater leaking", "When: tomorrow morning (",
                     "Channel: SMS", "Customer: new customer", "Email: maria@example.com"):
        assert expected in text, (expected, text)
    lead_id = next(r.payload["lead"]["id"] for r in rows(engine))
    assert f"Lead: https://intake.example.com/dashboard/leads/{lead_id}" in text
    assert "AM" in text.split("When: ")[1].splitlines()[0]  # the parsed time, local clock
    for number in OFFICE_PHONES:
        assert office.twilio.sent_to(number) == [text]
    [mail] = office.smtp.received()
    assert mail.rcpt_tos == [OFFICE_EMAIL] and mail.text.strip() == text
    assert mail.message["Message-ID"] == f"<{row_event}@acme.test>"
    assert mail.message["Subject"] == "New request from Maria Lopez: water heater leaking"
    body = _only_webhook(office).json
    assert set(body) == {"event", "event_id", "occurred_at", "lead", "request"}
    assert body["event"] == "request.created" and body["event_id"] == row_event
    assert body["lead"]["phone"] == "+15551234567"
    assert body["request"]["service"] == "water heater leaking"
    assert office.webhook.received[0].headers["x-intake-event-id"] == row_event

    run(dispatcher(engine, wired, Clock()))  # nothing is due any more: nothing twice
    assert office.counts(row_event, "Maria Lopez") == once_each()


def test_a_returning_texter_is_announced_as_returning(
        office_client_lite: TestClient, wired: Settings, sqlite_engine: Engine,
        office: OfficeTargets) -> None:
    engine = sqlite_engine
    t = _texter(office_client_lite, wired, "+15552223333")
    complete_intake(t)
    t.say("hi again")
    for answer in ("yes", "AC not cooling", "asap", "yes", "yes"):
        t.say(answer)
    run(dispatcher(engine, wired, Clock()))
    first, second = office.bot_api.sent_to(CHAT_ID)
    assert "(new customer)" in first
    assert "(returning customer)" in second and "What: AC not cooling" in second
    assert "When: asap (as soon as possible)" in second


def test_call_me_notifies_the_office_for_a_call_back(
        office_client_lite: TestClient, wired: Settings, sqlite_engine: Engine,
        office: OfficeTargets) -> None:
    engine = sqlite_engine
    t = _texter(office_client_lite, wired, "+15553334444")
    t.say("Hi")
    t.say("Bob Smith")
    t.say("call me")
    [event_id] = {r.event_id for r in rows(engine)}
    run(dispatcher(engine, wired, Clock()))
    assert office.counts(event_id, "Bob Smith") == once_each()
    [text] = office.bot_api.sent_to(CHAT_ID)
    assert text.startswith("Call back requested")
    assert "Who: Bob Smith" in text and "Phone: (555) 333-4444" in text
    body = _only_webhook(office).json
    assert body["event"] == "handoff.requested" and body["request"] is None
    assert office.smtp.received()[0].message["Subject"].startswith(
        "Call back requested: Bob Smith")


def test_without_public_base_url_there_is_no_dashboard_link(
        sqlite_engine: Engine, office: OfficeTargets, settings: Settings) -> None:
    engine = sqlite_engine
    wired = office.configure(settings, public_base_url="", twilio_validate_signature=False)
    with TestClient(create_app(wired, engine), base_url="http://internal:8000") as c:
        complete_intake(Texter(c, wired.twilio_auth_token, "+15554445555"))
    run(dispatcher(engine, wired, Clock()))
    [text] = office.bot_api.sent_to(CHAT_ID)
    assert "Lead:" not in text and "Who: Maria Lopez" in text
    assert _only_webhook(office).signature == _signature(office.webhook.received[0].body)


def _signature(body: bytes) -> str:
    return "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
