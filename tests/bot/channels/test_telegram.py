"""Whole conversations over the Telegram webhook, against a real local Bot API server."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.channels.telegram_send import (
    TEXTER_TARGET,
    RateLimiter,
    TelegramClient,
    texter_sender,
)
from bot.settings import Settings
from consent.ledger import consent_status
from store import ledger
from store.models import (
    Activity,
    ConsentEventRow,
    Conversation,
    Customer,
    MessageLog,
    OutboxItem,
    ServiceRequest,
)
from tests.support.bot_api_server import (
    make_command_update,
    make_contact_update,
    make_my_chat_member_update,
    make_text_update,
)
from tests.support.fixtures import bot_api_server_fixture  # noqa: F401
from tests.support.telegram import TOKEN, ShiftedClock, TelegramRig, tg_fixture  # noqa: F401
from tests.support.twilio import Texter

CHAT = 4242
PHONE = "+15551234567"
SHARE = {"text": "Share my phone number", "request_contact": True}


def rows(engine: Engine, model: type) -> list[Any]:
    with Session(engine) as s:
        return list(s.scalars(select(model).order_by(model.id)))


def count(engine: Engine, model: type) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def contact(tg: TelegramRig, phone: str = "15551234567",
            owner: int | None = CHAT) -> dict[str, Any]:
    """A contact card sent by CHAT; `owner` is the Telegram user it belongs to."""
    return make_contact_update(tg.next_id(), CHAT, phone, owner, CHAT)


async def reach_phone_step(tg: TelegramRig, start: str = "/start") -> None:
    await tg.say(CHAT, start)
    assert "best phone number" in await tg.last(CHAT, "Maria Lopez")


async def test_whole_conversation_by_webhook(tg: TelegramRig, engine: Engine) -> None:
    first = await tg.say(CHAT, "/start fb_ad_123")
    assert "Msg & data rates may apply" in first[0] and "STOP" in first[0]
    assert "name" in first[-1].lower()
    ask_phone = (await tg.deliver(make_text_update(tg.next_id(), CHAT, "Maria Lopez")))[-1]
    assert "best phone number" in ask_phone.text
    markup = ask_phone.reply_markup or {}
    assert markup["keyboard"] == [[SHARE]]
    assert markup["one_time_keyboard"] is True and markup["resize_keyboard"] is True
    after_phone = (await tg.deliver(contact(tg)))[-1]
    assert "service address" in after_phone.text
    assert after_phone.reply_markup == {"remove_keyboard": True}
    assert "need help with" in await tg.last(CHAT, "42 Elm St, Springfield, IL 62704")
    assert "When would you like us to come" in await tg.last(CHAT, "water heater leaking")
    assert "email" in (await tg.last(CHAT, "tomorrow morning")).lower()
    assert "YES or NO" in await tg.last(CHAT, "maria@example.com")
    summary = await tg.last(CHAT, "yes")
    assert "Maria Lopez" in summary and "(555) 123-4567" in summary
    assert "received" in await tg.last(CHAT, "yes")

    [lead] = rows(engine, Customer)
    assert (lead.first_name, lead.phone, lead.telegram_chat_id) == ("Maria", PHONE, CHAT)
    assert lead.source == "telegram:fb_ad_123"
    [request] = rows(engine, ServiceRequest)
    assert (request.channel, request.service) == ("telegram", "water heater leaking")
    [opt_in] = rows(engine, ConsentEventRow)
    assert (opt_in.kind, opt_in.channel, opt_in.chat_id, opt_in.phone) == (
        "opt_in", "telegram", CHAT, PHONE)
    assert {o.status for o in rows(engine, OutboxItem)} == {"sent"}
    outbound = [m for m in rows(engine, MessageLog) if m.direction == "out"]
    assert [m.text for m in outbound] == tg.server.sent_to(CHAT)
    assert all(m.provider_id for m in outbound)


async def test_someone_elses_contact_is_refused_and_not_stored(tg: TelegramRig,
                                                               engine: Engine) -> None:
    await reach_phone_step(tg)
    for owner in (777, None):  # another Telegram user's card; a card of someone not on Telegram
        [refusal] = await tg.deliver(contact(tg, "+1 555 987 6543", owner=owner))
        assert "isn't yours" in refusal.text
        assert (refusal.reply_markup or {}).get("keyboard") == [[SHARE]]
    assert "service address" in (await tg.deliver(contact(tg)))[-1].text
    stored = [m.text for m in rows(engine, MessageLog)] + [
        str(c.state) for c in rows(engine, Conversation)]
    assert not any("9876543" in s for s in stored)


async def test_a_typed_phone_works_as_well_as_the_button(tg: TelegramRig) -> None:
    await reach_phone_step(tg)
    assert "service address" in await tg.last(CHAT, "(555) 123-4567")


async def test_replayed_update_id_is_processed_once(tg: TelegramRig, engine: Engine) -> None:
    update = make_command_update(tg.next_id(), CHAT, "/start")
    assert tg.post(update).status_code == 200
    assert tg.post(update).status_code == 200
    await tg.drain()
    assert len(tg.server.sent_to(CHAT)) == 2
    assert tg.post(update).status_code == 200  # redelivered after the replies went out
    await tg.drain()
    assert len(tg.server.sent_to(CHAT)) == 2
    assert len([m for m in rows(engine, MessageLog) if m.direction == "in"]) == 1
    assert count(engine, OutboxItem) == 2


@pytest.mark.parametrize("secret", ["wrong-secret", "", None])
def test_forged_or_missing_secret_is_403_and_nothing_stored(tg: TelegramRig, engine: Engine,
                                                            secret: str | None) -> None:
    response = tg.post(make_command_update(tg.next_id(), CHAT, "/stop"), secret=secret)
    assert response.status_code == 403 and "Secret-Token" in response.json()["detail"]
    for model in (MessageLog, OutboxItem, ConsentEventRow, Conversation):
        assert count(engine, model) == 0


def test_unconfigured_telegram_is_503(engine: Engine, settings: Settings) -> None:
    with TestClient(create_app(settings, engine)) as client:
        response = client.post("/telegram/webhook", json=make_text_update(1, CHAT, "hi"))
    assert response.status_code == 503 and "TELEGRAM_BOT_TOKEN" in response.json()["detail"]


async def test_mid_conversation_start_begins_again(tg: TelegramRig) -> None:
    await reach_phone_step(tg)
    again = await tg.say(CHAT, "/start fb_ad_9")
    assert "start over" in again[0] and "name" in again[-1].lower()


async def test_help_keeps_the_conversation(tg: TelegramRig) -> None:
    await reach_phone_step(tg)
    help_reply, question = await tg.say(CHAT, "/help")  # then the pending question again
    assert "best phone number" in question
    assert "Ace Plumbing" in help_reply and "STOP" in help_reply
    assert "service address" in (await tg.deliver(contact(tg)))[-1].text


async def test_stop_then_start(tg: TelegramRig, engine: Engine) -> None:
    await reach_phone_step(tg)
    [confirmation] = await tg.deliver(make_command_update(tg.next_id(), CHAT, "/stop"))
    assert "unsubscribed" in confirmation.text
    assert confirmation.reply_markup == {"remove_keyboard": True}
    assert await tg.say(CHAT, "hello?") == []
    assert await tg.say(CHAT, "/stop") == []
    assert await tg.say(CHAT, "42 Elm St") == []
    again, question = await tg.say(CHAT, "/start")  # then the pending question again
    assert "subscribed again" in again and "phone number" in question
    assert [e.kind for e in rows(engine, ConsentEventRow)] == ["opt_out", "opt_out", "opt_in"]
    purposes = [m.purpose for m in rows(engine, MessageLog) if m.direction == "out"]
    assert purposes[-3:] == ["opt_out_confirmation", "opt_in_confirmation", "reply"]


async def test_blocked_bot_is_recorded_and_nothing_more_is_sent(tg: TelegramRig,
                                                               engine: Engine) -> None:
    tg.server.block_chat(CHAT)
    assert await tg.say(CHAT, "/start") == []
    assert len(tg.server.calls_to("sendMessage")) == 1  # the second reply was not tried
    [blocked] = rows(engine, ConsentEventRow)
    assert (blocked.kind, blocked.method, blocked.chat_id) == ("bot_blocked", "platform", CHAT)
    assert {o.status for o in rows(engine, OutboxItem)} == {"suppressed"}
    assert await tg.say(CHAT, "hello") == []
    assert len(tg.server.calls_to("sendMessage")) == 1


async def test_my_chat_member_kicked_and_member(tg: TelegramRig, engine: Engine) -> None:
    await reach_phone_step(tg)
    await tg.deliver(contact(tg))
    with Session(engine) as s, s.begin():  # a customer already on file for this chat
        s.add(Customer(phone=PHONE, first_name="Maria", telegram_chat_id=CHAT))
    queued = make_text_update(tg.next_id(), CHAT, "42 Elm St, Springfield, IL 62704")
    assert tg.post(queued).status_code == 200  # a reply is queued, then the texter blocks us
    kicked = make_my_chat_member_update(tg.next_id(), CHAT, CHAT, "kicked")
    assert tg.post(kicked).status_code == 200
    assert tg.post(kicked).status_code == 200  # redelivered: recorded once
    before = len(tg.server.calls_to("sendMessage"))
    await tg.drain()
    assert len(tg.server.calls_to("sendMessage")) == before
    member = make_my_chat_member_update(tg.next_id(), CHAT, CHAT, "member")
    assert tg.post(member).status_code == 200
    events = rows(engine, ConsentEventRow)
    assert [(e.kind, e.method, e.chat_id, e.phone) for e in events] == [
        ("bot_blocked", "platform", CHAT, PHONE), ("bot_unblocked", "platform", CHAT, PHONE)]
    assert "start over" in (await tg.say(CHAT, "/start"))[0]
    consent_notes = [a.summary for a in rows(engine, Activity) if a.kind == "consent"]
    assert consent_notes == ["Telegram: bot blocked", "Telegram: bot unblocked"]


def _complete_sms_intake(t: Texter) -> None:
    for text in ("Hi", "Maria Lopez", "yes", "42 Elm St, Springfield, IL 62704",
                 "water heater leaking", "tomorrow morning", "maria@example.com", "yes", "yes"):
        assert t.say(text), text


async def test_telegram_texter_joins_the_sms_lead_and_stop_covers_sms(
        tg: TelegramRig, engine: Engine) -> None:
    sms = Texter(tg.client, tg.settings.twilio_auth_token, PHONE)
    _complete_sms_intake(sms)
    await reach_phone_step(tg)
    joined = [m.text for m in await tg.deliver(contact(tg))]
    assert any("Welcome back, Maria" in t for t in joined)
    assert "Same address, 42 ELM ST" in joined[-1]
    assert "need help with" in await tg.last(CHAT, "yes")
    await tg.say(CHAT, "leaky faucet")
    assert "Same email" in await tg.last(CHAT, "asap")
    assert "leaky faucet" in await tg.last(CHAT, "yes")  # opted in by SMS: no consent question
    assert "received" in await tg.last(CHAT, "yes")

    [lead] = rows(engine, Customer)
    assert (lead.phone, lead.telegram_chat_id, lead.source) == (PHONE, CHAT, "sms")
    assert [r.channel for r in rows(engine, ServiceRequest)] == ["sms", "telegram"]
    channels = {a.data.get("channel") for a in rows(engine, Activity)
                if a.kind in ("inbound", "outbound")}
    assert channels == {"sms", "telegram"}

    await tg.say(CHAT, "hi")  # a new request...
    assert "dropped this request" in await tg.last(CHAT, "never mind")  # ...and no draft left
    [confirmation] = await tg.say(CHAT, "/stop")
    assert "unsubscribed" in confirmation
    with Session(engine) as s:
        assert consent_status(ledger.events_for(s, phone=PHONE), "sms") == "opted_out"
    stop = rows(engine, ConsentEventRow)[-1]
    assert (stop.kind, stop.channel, stop.phone, stop.chat_id) == (
        "opt_out", "telegram", PHONE, CHAT)
    assert sms.say("hello") == []


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_control_is_waited_out_and_order_kept(tg: TelegramRig,
                                                         engine: Engine) -> None:
    clock = ShiftedClock()
    client = TelegramClient(TOKEN, tg.server.base_url,
                            RateLimiter(clock=clock.monotonic, sleep=clock.sleep))
    tg.app.state.dispatcher.senders = {TEXTER_TARGET: texter_sender(client)}
    tg.app.state.dispatcher.clock = clock.utcnow
    tg.server.rate_limit_next(1, retry_after=1)
    assert await tg.say(CHAT, "/start") == []
    waiting = rows(engine, OutboxItem)
    assert [o.status for o in waiting] == ["pending", "pending"]
    # The refused reply retries; the next one is not even tried while it waits its turn.
    assert "flood" in (waiting[0].last_error or "") and waiting[1].attempts == 0
    clock.advance(1.05)
    await tg.drain()
    disclosure, question = tg.server.sent_to(CHAT)
    assert "Msg & data rates" in disclosure  # the refused reply first, not overtaken
    assert question == "What's your name? (first and last, or your company name)"
    assert {o.status for o in rows(engine, OutboxItem)} == {"sent"}
    await client.aclose()
