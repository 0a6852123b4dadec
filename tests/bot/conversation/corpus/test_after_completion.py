"""After the request, over the signed webhook: thanks, a real cancellation, a call back."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.settings import Settings
from store.models import Activity, Customer, ServiceRequest
from tests.bot.channels.test_twilio_sms import complete_intake
from tests.support.office_targets import (
    OfficeTargets,
    dispatcher,
    once_each,
    rows,
    run,
)
from tests.support.twilio import Texter


def _requests(engine: Engine) -> list[ServiceRequest]:
    with Session(engine) as s:
        return list(s.scalars(select(ServiceRequest).order_by(ServiceRequest.id)))


def test_thanks_then_cancel_really_cancels_and_tells_every_target(
        office_client: TestClient, wired: Settings, engine: Engine,
        office: OfficeTargets) -> None:
    t = Texter(office_client, wired.twilio_auth_token, "+15551234567")
    complete_intake(t)
    [ack] = t.say("thanks!")
    assert "welcome" in ack.lower() and len(_requests(engine)) == 1
    assert "stop all texts" in t.last("cancel my appointment")
    assert "cancelled" in t.last("never mind")

    [request] = _requests(engine)
    assert request.status == "cancelled"
    with Session(engine) as s:
        kinds = [a.kind for a in s.scalars(select(Activity).order_by(Activity.id))]
    assert "request_cancelled" in kinds
    [cancel_event] = {r.event_id for r in rows(engine) if r.payload["event"] ==
                      "request.cancelled"}
    run(dispatcher(engine, wired))
    assert office.counts(cancel_event, "Request cancelled") == once_each()
    [hook] = [d for d in office.webhook.received if d.event_id == cancel_event]
    body = json.loads(hook.body)
    assert body["event"] == "request.cancelled" and body["request"]["status"] == "cancelled"
    assert "scheduled_for" in body["request"]
    assert "stop all texts" in t.last("cancel my request")
    assert "no open request" in t.last("cancel the request")  # the truth: nothing left


def test_a_call_back_after_the_request_notifies_without_a_new_intake(
        office_client: TestClient, wired: Settings, engine: Engine) -> None:
    t = Texter(office_client, wired.twilio_auth_token, "+15551234567")
    complete_intake(t)
    assert "will call you at (555) 123-4567" in t.last("can you call me")
    assert len(_requests(engine)) == 1
    events = [r.payload["event"] for r in rows(engine)]
    assert "handoff.requested" in events


def test_the_referral_answer_becomes_the_source_and_its_words_are_kept(
        engine: Engine, settings: Settings) -> None:
    on = settings.model_copy(update={"ask_referral_source": True})
    with TestClient(create_app(on, engine), base_url="http://internal:8000") as client:
        t = Texter(client, on.twilio_auth_token, "+15551234567")
        for text in ("Hi", "Ann Lee", "yes", "42 Elm St, Springfield, IL 62704", "clogged drain",
                     "asap"):
            t.say(text)
        assert "hear about us" in t.last("skip")
        assert "YES or NO" in t.last("my neighbor recommended you")
        t.say("yes")
        t.say("yes")
    with Session(engine) as s:
        [lead] = s.scalars(select(Customer)).all()
        assert (lead.source, lead.referral_text) == ("Referral", "my neighbor recommended you")
