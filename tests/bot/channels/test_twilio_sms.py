"""Whole conversations over the signed Twilio webhook, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from consent.texts import DISCLOSURE_VERSION
from store.clock import utcnow
from store.models import (
    ConsentEventRow,
    Conversation,
    Customer,
    MessageLog,
    ServiceRequest,
)
from tests.support.twilio import Texter, messages_of, new_sid, sign

MakeTexter = Callable[..., Texter]


def rows(engine: Engine, model: type) -> list:  # type: ignore[type-arg]
    with Session(engine) as s:
        return list(s.scalars(select(model).order_by(model.id)))


def count(engine: Engine, model: type) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def complete_intake(t: Texter, name: str = "Maria Lopez") -> list[str]:
    """The clean path; returns the closing text."""
    t.say("Hi")
    t.say(name)
    t.say("yes")
    t.say("42 Elm St, Springfield, IL 62704")
    t.say("water heater leaking")
    t.say("tomorrow morning")
    t.say("maria@example.com")
    t.say("yes")
    return t.say("yes")


def test_clean_conversation_creates_one_lead_with_a_request(texter: MakeTexter,
                                                            engine: Engine) -> None:
    t = texter("+15551234567")
    first = t.say("Hi")
    assert "Msg & data rates may apply" in first[0] and "STOP" in first[0]
    assert "name" in first[-1].lower()
    assert "(555) 123-4567" in t.last("Maria Lopez")
    assert "service address" in t.last("yes")
    assert "need help with" in t.last("42 Elm St, Springfield, IL 62704")
    assert "When would you like us to come" in t.last("water heater leaking")
    assert "email" in t.last("tomorrow morning").lower()
    consent_q = t.last("maria@example.com")
    assert "YES or NO" in consent_q
    summary = t.last("yes")
    assert "42 ELM ST, SPRINGFIELD, IL 62704" in summary and "Maria Lopez" in summary
    closing = t.last("yes")
    assert "received" in closing and "(555) 123-4567" in closing

    [lead] = rows(engine, Customer)
    assert (lead.first_name, lead.last_name, lead.phone) == ("Maria", "Lopez", "+15551234567")
    assert (lead.line1, lead.city, lead.state, lead.postal_code) == (
        "42 ELM ST", "SPRINGFIELD", "IL", "62704")
    assert lead.email == "maria@example.com" and lead.lead_status == "lead"
    [request] = rows(engine, ServiceRequest)
    assert request.service == "water heater leaking" and request.channel == "sms"
    assert request.preferred_time_text == "tomorrow morning"
    assert request.preferred_start is not None and request.preferred_start > utcnow()
    [opt_in] = rows(engine, ConsentEventRow)
    assert (opt_in.kind, opt_in.method, opt_in.text) == ("opt_in", "reply", "yes")
    assert opt_in.disclosure == consent_q and opt_in.disclosure_version == DISCLOSURE_VERSION


def test_messy_conversation_reasks_and_corrections(texter: MakeTexter, engine: Engine) -> None:
    t = texter("+15557654321")
    t.say("hello")
    assert "doesn't look like a name" in t.last("🔧🔧")
    assert "last name" in t.last("Bob")
    t.say("bob smith")
    assert "best phone number" in t.last("no")
    assert "doesn't look like a phone number" in t.last("call my cell")
    assert "service address" in t.last("555.987.6543")
    assert "couldn't read that as a street address" in t.last("my house")
    t.say("19 Oak Ave Apt 2, Dayton OH 45402")
    assert "When would you like us to come" in t.last("no heat")
    assert "already passed" in t.last("yesterday")
    assert "need help with" in t.last("back")
    assert "When would you like us to come" in t.last("no heat at all")
    assert "email" in t.last("next tuesday at 3pm").lower()
    assert "doesn't look like an email" in t.last("bob at home")
    t.say("SKIP")
    t.say("no")
    assert "Need: no heat at all" in t.log[-1][1][-1]


def test_back_goes_to_the_previous_question(texter: MakeTexter) -> None:
    t = texter("+15557654322")
    t.say("hello")
    t.say("Ann Lee")
    t.say("yes")
    t.say("7 Oak Ln Unit 3 Dallas TX 75201")
    assert "service address" in t.last("back")
    assert "need help with" in t.last("8 Oak Ln, Dallas TX")


def test_name_correction_and_summary_edit(texter: MakeTexter, engine: Engine) -> None:
    t = texter("+15551110000")
    t.say("hi")
    t.say("Jon Smyth")
    t.say("yes")
    assert "changed the name to John Smith" in t.say("actually my name is John Smith")[0]
    t.say("12 Main St, Austin TX 78701")
    t.say("clogged drain")
    t.say("friday afternoon")
    t.say("skip")
    summary = t.last("no")
    assert "John Smith" in summary and "(none)" in summary
    assert "service address" in t.last("change address")
    assert "14 MAIN ST" in t.last("14 Main St, Austin TX 78701")
    t.last("yes")
    [lead] = rows(engine, Customer)
    assert (lead.first_name, lead.line1, lead.email) == ("John", "14 MAIN ST", None)
    [event] = rows(engine, ConsentEventRow)
    assert event.kind == "declined"


def test_returning_texter_is_greeted_and_no_duplicate_is_made(texter: MakeTexter,
                                                               engine: Engine) -> None:
    t = texter("+15552223333")
    complete_intake(t)
    greeting = t.say("hi again")
    assert any("Welcome back, Maria" in g for g in greeting)
    assert "Same address, 42 ELM ST" in greeting[-1]
    assert "need help with" in t.last("yes")
    t.say("AC not cooling")
    assert "Same email, maria@example.com" in t.last("asap")
    summary = t.last("yes")  # already opted in: no second consent question
    assert "as soon as possible" in summary
    t.last("yes")
    assert count(engine, Customer) == 1
    assert [r.service for r in rows(engine, ServiceRequest)] == [
        "water heater leaking", "AC not cooling"]


def test_several_facts_in_one_message_fill_every_slot(texter: MakeTexter,
                                                       engine: Engine) -> None:
    t = texter("+15553334444")
    texts = t.say("This is Bob Smith, 42 Elm St Springfield IL, water heater leaking")
    assert "Thanks, Bob!" in texts
    assert "(555) 333-4444" in texts[-1]
    assert "When would you like us to come" in t.last("yes")


@pytest.mark.parametrize("answers", [0, 1, 2, 3, 4, 5, 6, 7])
def test_stop_at_every_step_gets_one_confirmation_then_silence(
        texter: MakeTexter, engine: Engine, answers: int) -> None:
    t = texter("+15554445555")
    script = ["Hi", "Maria Lopez", "yes", "42 Elm St, Springfield, IL 62704",
              "water heater leaking", "tomorrow morning", "maria@example.com", "yes"]
    for text in script[:answers]:
        t.say(text)
    [confirmation] = t.say("STOP")
    assert "unsubscribed" in confirmation
    assert t.say("stop") == []
    assert t.say("hello?") == []
    assert t.say("42 Elm St") == []
    kinds = [e.kind for e in rows(engine, ConsentEventRow)]
    assert kinds.count("opt_out") == 2
    after = [m for m in rows(engine, MessageLog) if m.direction == "out"]
    stop_index = next(i for i, m in enumerate(after) if m.purpose == "opt_out_confirmation")
    assert [m.purpose for m in after[stop_index:]] == ["opt_out_confirmation"]


def test_help_mid_conversation_keeps_the_state(texter: MakeTexter) -> None:
    t = texter("+15555556666")
    t.say("Hi")
    t.say("Maria Lopez")
    help_reply, question = t.say("HELP")  # then the pending question again
    assert "best number to reach you" in question
    assert "Ace Plumbing" in help_reply and "(555) 010-0000" in help_reply
    assert "Msg & data rates may apply" in help_reply and "STOP" in help_reply
    assert "service address" in t.last("yes")


def test_start_after_stop_confirms_and_conversation_resumes(texter: MakeTexter,
                                                             engine: Engine) -> None:
    t = texter("+15556667777")
    t.say("Hi")
    t.say("STOP")
    [help_reply] = t.say("help")  # HELP is answered even while opted out
    assert "STOP" in help_reply
    confirmation, question = t.say("START")  # then the pending question again
    assert "subscribed again" in confirmation and "name" in question.lower()
    assert "best number to reach you" in t.last("Maria Lopez")
    assert [e.kind for e in rows(engine, ConsentEventRow)] == ["opt_out", "help", "opt_in"]


def test_yes_while_opted_out_is_a_re_opt_in(texter: MakeTexter, engine: Engine) -> None:
    t = texter("+15556667778")
    t.say("Hi")
    t.say("stop")
    assert "subscribed again" in t.say("YES")[0]


def test_cancel_alone_is_an_opt_out_but_cancel_my_appointment_asks(texter: MakeTexter) -> None:
    t = texter("+15556667779")
    t.say("Hi")
    assert "stop all texts" in t.last("cancel my appointment")
    assert "unsubscribed" in t.last("Cancel")


def test_opt_out_handled_by_twilio_is_recorded_without_a_second_confirmation(
        texter: MakeTexter, engine: Engine) -> None:
    t = texter("+15557778888")
    t.say("Hi")
    assert t.say("STOP", OptOutType="STOP") == []
    [event] = rows(engine, ConsentEventRow)
    assert (event.kind, event.method, event.actor) == ("opt_out", "carrier", "twilio")
    assert t.say("hello") == []


@pytest.mark.parametrize("body", ["ARRET", "Remove", "SALIR", "please no more"])
def test_twilio_opt_out_type_is_honoured_whatever_the_body_says(
        texter: MakeTexter, engine: Engine, client: TestClient, body: str) -> None:
    t = texter("+15557778801")
    t.say("Hi")
    assert t.say(body, OptOutType="STOP") == []  # Twilio already confirmed it
    [event] = rows(engine, ConsentEventRow)
    assert (event.kind, event.method, event.actor, event.text) == (
        "opt_out", "carrier", "twilio", body)
    status = client.get("/api/consent/status", params={"phone": "+15557778801"},
                        headers={"Authorization": "Bearer admin-secret"}).json()
    assert status["status"] == "opted_out"
    assert t.say("Maria Lopez") == []  # nothing more goes out, the body was not a name
    with Session(engine) as s:
        assert s.scalar(select(Conversation.state)) is not None
        assert all(c.first_name is None for c in s.scalars(select(Customer)))


def test_twilio_start_and_help_are_recorded_without_replies_of_our_own(
        texter: MakeTexter, engine: Engine) -> None:
    t = texter("+15557778802")
    t.say("Hi")
    assert t.say("ARRET", OptOutType="STOP") == []
    assert t.say("Reprendre", OptOutType="START") == []
    assert t.say("Aide", OptOutType="help") == []
    assert [(e.kind, e.method) for e in rows(engine, ConsentEventRow)] == [
        ("opt_out", "carrier"), ("opt_in", "carrier"), ("help", "carrier")]
    assert t.say("Maria Lopez")  # subscribed again: the conversation answers


def test_forged_signature_is_refused_and_nothing_stored(client: TestClient,
                                                        engine: Engine) -> None:
    params = {"MessageSid": new_sid(), "From": "+15551234567", "To": "+15550001111",
              "Body": "STOP"}
    bad = sign("not-the-token", "https://intake.example.com/sms/twilio", params)
    assert client.post("/sms/twilio", data=params,
                       headers={"X-Twilio-Signature": bad}).status_code == 403
    assert client.post("/sms/twilio", data=params).status_code == 403
    assert count(engine, MessageLog) == 0 and count(engine, ConsentEventRow) == 0


def test_signature_is_checked_against_the_public_url_behind_a_proxy(
        client: TestClient, settings: object) -> None:
    params = {"MessageSid": new_sid(), "From": "+15551234567", "Body": "hi"}
    internal = sign("test-auth-token", "http://internal:8000/sms/twilio", params)
    assert client.post("/sms/twilio", data=params,
                       headers={"X-Twilio-Signature": internal}).status_code == 403
    public = sign("test-auth-token", "https://intake.example.com/sms/twilio", params)
    assert client.post("/sms/twilio", data=params,
                       headers={"X-Twilio-Signature": public}).status_code == 200


def test_replayed_message_sid_is_answered_the_same_and_processed_once(
        texter: MakeTexter, engine: Engine) -> None:
    t = texter("+15558889999")
    t.say("Hi")
    sid = new_sid()
    first = messages_of(t.post("Maria Lopez", sid=sid))
    again = messages_of(t.post("Maria Lopez", sid=sid))
    assert first == again and first
    inbound = [m for m in rows(engine, MessageLog) if m.direction == "in"]
    assert len(inbound) == 2
    [conversation] = rows(engine, Conversation)
    assert conversation.state["step"] == "phone"


def test_replayed_stop_sends_the_same_single_confirmation(texter: MakeTexter,
                                                          engine: Engine) -> None:
    t = texter("+15558889990")
    sid = new_sid()
    assert messages_of(t.post("STOP", sid=sid)) == messages_of(t.post("STOP", sid=sid))
    assert [e.kind for e in rows(engine, ConsentEventRow)] == ["opt_out"]


@pytest.mark.parametrize("body", ["", "   ", "😀😀😀", "x" * 1600, "\x00\x01", "¿¡", "<b>&amp;"])
def test_odd_bodies_never_crash(texter: MakeTexter, body: str) -> None:
    t = texter("+15559990000")
    t.say("Hi")
    texts = t.say(body)
    assert texts, "every message gets an answer"


def test_media_without_text_gets_an_answer(texter: MakeTexter) -> None:
    t = texter("+15559990001")
    t.say("Hi")
    texts = t.say("", NumMedia="1", MediaUrl0="https://api.twilio.com/media/1")
    assert "picture" in texts[0] and "name" in texts[-1].lower()


@pytest.mark.parametrize("params", [
    {"From": "+15551234567", "Body": "hi"},
    {"MessageSid": "SMx", "Body": "hi"},
    {"MessageSid": "SMy", "From": "not a phone", "Body": "hi"},
])
def test_malformed_forms_get_a_4xx_with_a_reason(client: TestClient,
                                                 params: dict[str, str]) -> None:
    url = "https://intake.example.com/sms/twilio"
    response = client.post("/sms/twilio", data=params,
                           headers={"X-Twilio-Signature": sign("test-auth-token", url, params)})
    assert response.status_code == 400 and response.json()["detail"]


def test_non_form_body_is_415(client: TestClient) -> None:
    response = client.post("/sms/twilio", json={"Body": "hi"})
    assert response.status_code == 415 and "form" in response.json()["detail"]


def test_idle_conversation_starts_over_but_keeps_the_texter(
        texter: MakeTexter, engine: Engine) -> None:
    t = texter("+15550009999")
    complete_intake(t)
    t.say("hi")  # a new request for a known texter
    with Session(engine) as s, s.begin():
        s.execute(update(Conversation).values(updated_at=utcnow().replace(year=2020)))
    texts = t.say("hello")
    assert any("Welcome back, Maria" in x for x in texts)


def test_a_restarted_app_continues_the_conversation(engine: Engine, settings: object) -> None:
    from bot.app import create_app

    with TestClient(create_app(settings, engine)) as c1:  # type: ignore[arg-type]
        t1 = Texter(c1, "test-auth-token", "+15550001234")
        t1.say("Hi")
        t1.say("Maria Lopez")
    with TestClient(create_app(settings, engine)) as c2:  # type: ignore[arg-type]
        t2 = Texter(c2, "test-auth-token", "+15550001234")
        assert "service address" in t2.last("yes")


def test_sms_webhook_without_auth_token_is_503(engine: Engine, settings: object) -> None:
    from bot.app import create_app

    settings.twilio_auth_token = ""  # type: ignore[attr-defined]
    with TestClient(create_app(settings, engine)) as c:  # type: ignore[arg-type]
        assert c.post("/sms/twilio", data={"Body": "hi"}).status_code == 503


def test_healthz(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert any("no office target" in w for w in body["warnings"])
