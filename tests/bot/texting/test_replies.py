"""A texter answering the office's text: the office's thread, a notice, no new intake."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from store import outbox
from store.models import Activity
from tests.bot.texting.conftest import Office, local_tomorrow

NOON = local_tomorrow(12)


def _office_texts(office: Office, lead_id: int, text: str = "Can we come Tuesday at 9?") -> int:
    sent = office.send(lead_id, text=text)
    office.dispatch_at(NOON)
    assert office.thread(lead_id)[-1]["status"] == "sent"
    return int(sent["id"])


def _events(office: Office) -> list[dict[str, object]]:
    with office.sessions() as s:
        return [i.payload for i in outbox.pending(s) if i.kind == "office"]


def test_an_answer_goes_to_the_office_thread_and_notifies(office: Office) -> None:
    office.settings.office_webhook_url = "http://127.0.0.1:9/hook"
    lead_id, _ = office.lead()
    office_id = _office_texts(office, lead_id)
    assert office.texter_says("can you come at 3 instead?", NOON + timedelta(minutes=5)) == []
    last = office.thread(lead_id)[-1]
    assert (last["direction"], last["text"], last["in_reply_to"]) == (
        "inbound", "can you come at 3 instead?", office_id)
    [event] = [e for e in _events(office) if e["event"] == "message.received"]
    assert event["lead"]["id"] == lead_id  # type: ignore[index]
    assert event["message"]["text"] == "can you come at 3 instead?"  # type: ignore[index]
    assert event["in_reply_to"]["id"] == office_id  # type: ignore[index]
    with office.sessions() as s:
        kinds = s.scalars(select(Activity.kind).where(Activity.customer_id == lead_id)).all()
    assert "message_received" in kinds


def test_stop_still_comes_first(office: Office) -> None:
    lead_id, _ = office.lead()
    _office_texts(office, lead_id)
    [confirmation] = office.texter_says("STOP", NOON + timedelta(minutes=5))
    assert "unsubscribed" in confirmation.lower() or "stop" in confirmation.lower()
    assert office.send(lead_id, text="hello?")["status"] == "refused"


def test_an_opted_out_customers_answer_reaches_the_office_and_nothing_goes_back(
        office: Office) -> None:
    """The office texted, then the customer said STOP, then answered: the bot stays silent
    (nothing may go to an opted-out number), but the office sees the answer and is told,
    so it can call. Outside the window, nothing is raised."""
    office.settings.office_webhook_url = "http://127.0.0.1:9/hook"
    lead_id, _ = office.lead()
    office_id = _office_texts(office, lead_id)
    office.texter_says("STOP", NOON + timedelta(minutes=1))
    replies = office.texter_says("actually 3pm works, call me", NOON + timedelta(minutes=2))
    assert replies == []
    last = office.thread(lead_id)[-1]
    assert (last["direction"], last["text"], last["in_reply_to"]) == (
        "inbound", "actually 3pm works, call me", office_id)
    [event] = [e for e in _events(office) if e["event"] == "message.received"]
    assert event["message"]["text"] == "actually 3pm works, call me"  # type: ignore[index]
    assert [m for m in office.thread(lead_id) if m["direction"] == "outbound"
            and m["id"] != office_id and m["status"] not in ("refused",)
            and m["purpose"] not in ("opt_out_confirmation",)] == []
    later = NOON + timedelta(hours=office.settings.office_reply_window_hours, minutes=5)
    assert office.texter_says("hello?", later) == []
    assert len([e for e in _events(office) if e["event"] == "message.received"]) == 1


def test_a_new_need_starts_an_intake_and_the_bot_keeps_it(office: Office) -> None:
    lead_id, _ = office.lead()
    _office_texts(office, lead_id)
    replies = office.texter_says("ok see you then", NOON + timedelta(minutes=1))
    assert replies == []
    replies = office.texter_says("my kitchen sink is clogged too", NOON + timedelta(minutes=2))
    assert replies, "a new need gets the bot"
    follow = office.texter_says("thanks", NOON + timedelta(minutes=3))
    assert follow, "the bot keeps the conversation it took over"


def test_start_over_gives_the_bot_back(office: Office) -> None:
    lead_id, _ = office.lead()
    _office_texts(office, lead_id)
    assert office.texter_says("start over", NOON + timedelta(minutes=1))


def test_after_the_window_the_bot_answers(office: Office) -> None:
    lead_id, _ = office.lead()
    _office_texts(office, lead_id)
    later = NOON + timedelta(hours=office.settings.office_reply_window_hours, minutes=1)
    assert office.texter_says("ok thanks", later)  # the bot's short acknowledgement


def test_the_office_notices_read_in_words() -> None:
    from bot.office.message import render
    from bot.settings import load_settings

    settings = load_settings(business_name="Ace")
    lead = {"id": 1, "first_name": "Ann", "last_name": "Lee", "phone": "+15125550101"}
    reply = render({"event": "message.received", "lead": lead, "channel": "sms",
                    "message": {"text": "can you come at 3?"},
                    "in_reply_to": {"text": "We come at 9."}}, settings)
    assert reply.subject == "Reply from Ann Lee: can you come at 3?"
    assert "Answering: We come at 9." in reply.text
    cancelled = render({"event": "request.cancelled", "lead": lead, "channel": "office",
                        "request": {"id": 7, "service": "leak"}}, settings)
    assert "Request cancelled by the office (#7)" in cancelled.text
