"""/api/leads/{id}/messages: the row is written at once, the dispatcher updates that row."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from store.models import MessageLog, OutboxItem
from tests.bot.texting.conftest import AUTH, PHONE, Office, local_tomorrow
from tests.support.twilio import sign

STATUS_URL = "https://intake.example.com/sms/twilio/status"


def _callback(office: Office, sid: str, status: str) -> None:
    params = {"MessageSid": sid, "MessageStatus": status, "AccountSid": "AC" + "0" * 32,
              "From": "+15550001111", "To": PHONE}
    r = office.client.post("/sms/twilio/status", data=params, headers={
        "X-Twilio-Signature": sign("test-auth-token", STATUS_URL, params)})
    assert r.status_code == 204


def test_queued_then_sent_then_delivered_on_the_same_row(office: Office) -> None:
    lead_id, _ = office.lead()
    queued = office.send(lead_id, text="We can come Tuesday at 9.")
    assert (queued["status"], queued["direction"], queued["channel"], queued["purpose"]) == (
        "queued", "outbound", "sms", "proactive")
    assert office.dispatch_at(local_tomorrow(12)) == 1
    assert office.sender.texts == ["We can come Tuesday at 9."]
    _callback(office, "SM" + "0" * 31 + "1", "delivered")
    items = office.thread(lead_id)
    assert [(m["direction"], m["status"]) for m in items] == [
        ("inbound", "received"), ("outbound", "delivered")]
    last = items[-1]
    assert last["id"] == queued["id"] and last["provider_message_id"] == "SM" + "0" * 31 + "1"
    assert last["sent_at"] is not None and last["reason"] is None
    with office.sessions() as s:  # one row, updated: no second outbound row was logged
        assert s.scalar(select(MessageLog.id).where(MessageLog.direction == "out")
                        .order_by(MessageLog.id.desc())) == queued["id"]
        item = s.scalars(select(OutboxItem)).one()
        assert item.payload["message_id"] == queued["id"]


def test_held_at_night_and_released_at_eight_local(office: Office) -> None:
    lead_id, _ = office.lead()
    sent = office.send(lead_id, text="Your part arrived.")
    office.dispatch_at(local_tomorrow(23))
    held = office.thread(lead_id)[-1]
    assert held["status"] == "held" and "quiet hours" in held["reason"]
    assert held["not_before"] == local_tomorrow(8, days=2).isoformat()
    assert office.dispatch_at(local_tomorrow(7, 59, days=2)) == 0  # not yet
    assert office.sender.texts == []
    office.dispatch_at(local_tomorrow(8, days=2))
    assert office.sender.texts == ["Your part arrived."]
    assert office.thread(lead_id)[-1]["id"] == sent["id"]
    assert office.thread(lead_id)[-1]["status"] == "sent"


def test_an_opt_out_between_queueing_and_sending_wins(office: Office) -> None:
    lead_id, _ = office.lead()
    office.send(lead_id, text="Tech is on the way.")
    office.opt_out()
    office.dispatch_at(local_tomorrow(12))
    assert office.sender.sent == []
    row = office.thread(lead_id)[-1]
    assert (row["status"], row["reason"]) == ("refused", "recipient opted out")


@pytest.mark.parametrize(("setup", "reason"), [
    ({"opted_in": False}, "no express opt-in for proactive messages"),
    ({"channel": "web", "phone": None}, "the web chat cannot receive a text"),
])
def test_refused_at_once_with_the_reason(office: Office, setup: dict[str, object],
                                         reason: str) -> None:
    lead_id, _ = office.lead(**setup)  # type: ignore[arg-type]
    answer = office.send(lead_id, text="Hello")
    assert answer["status"] == "refused" and reason in answer["reason"]
    office.dispatch_at(local_tomorrow(12))
    assert office.sender.sent == []


def test_opted_out_is_refused_at_once_and_never_sent(office: Office) -> None:
    lead_id, _ = office.lead()
    office.opt_out()
    answer = office.send(lead_id, text="Hello")
    assert (answer["status"], answer["reason"]) == ("refused", "recipient opted out")
    office.dispatch_at(local_tomorrow(12))
    assert office.sender.sent == []
    with office.sessions() as s:
        assert s.scalars(select(OutboxItem)).one().status == "suppressed"


def test_telegram_texter_is_texted_on_telegram(office: Office) -> None:
    lead_id, _ = office.lead(channel="telegram", chat_id=4242)
    answer = office.send(lead_id, text="See you at 9")
    assert answer["channel"] == "telegram"
    office.dispatch_at(local_tomorrow(12))
    assert [d.payload["chat_id"] for d in office.sender.sent] == [4242]


def test_send_at_waits_until_then(office: Office) -> None:
    lead_id, _ = office.lead()
    at = local_tomorrow(10)
    answer = office.send(lead_id, text="Later", send_at=at.isoformat())
    assert answer["not_before"] == at.isoformat()
    office.dispatch_at(at - timedelta(minutes=1))
    assert office.sender.sent == []
    office.dispatch_at(at)
    assert office.sender.texts == ["Later"]


@pytest.mark.parametrize(("path", "body", "status"), [
    ("/api/leads/999999/messages", {"text": "hi"}, 404),
    (f"/api/leads/{2**63 + 1}/messages", {"text": "hi"}, 404),
    ("/api/leads/{id}/messages", {}, 422),
    ("/api/leads/{id}/messages", {"text": "   "}, 422),
    ("/api/leads/{id}/messages", {"text": "hi", "template": "reminder"}, 422),
    ("/api/leads/{id}/messages", {"text": "hi", "send_at": "2001-01-01T00:00:00+00:00"}, 422),
    ("/api/leads/{id}/messages", {"text": "hi", "send_at": "tomorrow"}, 422),
    ("/api/leads/{id}/messages", {"text": "hi", "channel": "fax"}, 422),
    ("/api/leads/{id}/messages", {"text": "x" * 1601}, 422),
    ("/api/leads/{id}/messages", {"template": "nope"}, 404),
    ("/api/leads/{id}/messages", {"text": "hi", "request_id": 999999}, 404),
])
def test_bad_input_is_a_4xx_with_a_reason(office: Office, path: str, body: object,
                                          status: int) -> None:
    lead_id, _ = office.lead()
    r = office.client.post(path.replace("{id}", str(lead_id)), headers=AUTH, json=body)
    assert r.status_code == status, r.text
    assert r.json()["detail"]
    with office.sessions() as s:
        assert s.scalars(select(MessageLog).where(MessageLog.direction == "out")).all() == []


def test_states_read_in_words() -> None:
    from datetime import UTC, datetime

    from bot.texting.view import state_words

    def row(**fields: object) -> MessageLog:
        return MessageLog(direction="out", purpose="proactive", **fields)

    tz = "America/New_York"
    assert state_words(row(status="undelivered", error_code="30003"), tz) == \
        "Failed: error 30003"
    assert state_words(row(status="refused", reason="recipient opted out"), tz) == \
        "Refused: opted out"
    assert state_words(row(status="held", reason="held: quiet hours where the recipient is",
                           not_before=datetime(2030, 1, 2, 13, tzinfo=UTC)), tz) == \
        "Held until Jan 2 2030, 8:00 AM EST (quiet hours)"
    assert state_words(MessageLog(direction="in"), tz) == "Received"
