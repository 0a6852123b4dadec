"""Updates that are not plain text, and bodies that are not updates: never a 500."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.settings import Settings
from store.models import ConsentEventRow, MessageLog
from tests.support.bot_api_server import (
    BotApiServer,
    make_command_update,
    make_contact_update,
    make_message_update,
    make_my_chat_member_update,
    make_text_update,
)
from tests.support.fixtures import bot_api_server_fixture  # noqa: F401
from tests.support.telegram import SECRET_HEADER, TelegramRig, telegram_settings, tg_fixture  # noqa: F401

CHAT = 4343


def count(engine: Engine, model: type) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize("body", [
    b"{not json", b"\xff\xfe", b"[1, 2]", b'{"message": {}}', b'{"update_id": "7"}',
    b'{"update_id": true}', b'{"update_id": 7, "message": {"message_id": 1}}',
    b'{"update_id": 7, "message": "text"}',
])
def test_malformed_updates_get_400_with_a_reason(tg: TelegramRig, engine: Engine,
                                                 body: bytes) -> None:
    response = tg.client.post("/telegram/webhook", content=body, headers={
        SECRET_HEADER: tg.settings.telegram_webhook_secret,
        "Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["detail"]
    assert count(engine, MessageLog) == 0


def _user() -> dict[str, Any]:
    return {"id": CHAT, "is_bot": False, "first_name": "Test"}


def _private(**content: Any) -> dict[str, Any]:
    return {"message_id": 9, "date": 1700000000, "chat": {"id": CHAT, "type": "private"},
            "from": _user(), **content}


FILE = {"file_id": "f1", "file_unique_id": "u1"}
MEDIA = {
    "photo": {"photo": [{**FILE, "width": 90, "height": 90}]},
    "sticker": {"sticker": {**FILE, "width": 512, "height": 512, "is_animated": False,
                            "is_video": False, "type": "regular"}},
    "voice": {"voice": {**FILE, "duration": 3}},
    "document": {"document": FILE},
    "location": {"location": {"latitude": 40.7, "longitude": -74.0}},
}
IGNORED = {
    "edited_message": lambda uid: {"update_id": uid, "edited_message": _private(
        text="Maria Lopez", edit_date=1700000100)},
    "channel_post": lambda uid: {"update_id": uid, "channel_post": {
        "message_id": 1, "date": 1700000000, "text": "hi",
        "chat": {"id": -1001, "type": "channel", "title": "News"}}},
    "group_text": lambda uid: make_text_update(uid, -5551, "hi", user_id=CHAT),
    "group_kicked": lambda uid: make_my_chat_member_update(uid, -5551, CHAT, "kicked"),
    "callback_query": lambda uid: {"update_id": uid, "callback_query": {
        "id": "cb1", "from": _user(), "chat_instance": "ci", "data": "x"}},
    "inline_query": lambda uid: {"update_id": uid, "inline_query": {
        "id": "iq1", "from": _user(), "query": "plumber", "offset": ""}},
    "service_message": lambda uid: {"update_id": uid, "message": _private(
        pinned_message={"chat": {"id": CHAT, "type": "private"}, "message_id": 3, "date": 0})},
    "unknown_kind": lambda uid: {"update_id": uid, "some_future_update": {"x": 1}},
}


@pytest.mark.parametrize("kind", sorted(MEDIA))
async def test_media_gets_an_answer_not_a_500(tg: TelegramRig, kind: str) -> None:
    await tg.say(CHAT, "/start")
    texts = [m.text for m in await tg.deliver(
        make_message_update(tg.next_id(), CHAT, **MEDIA[kind]))]
    assert "picture" in texts[0] and "name" in texts[-1].lower()


async def test_a_photo_caption_is_read_as_the_answer(tg: TelegramRig) -> None:
    await tg.say(CHAT, "/start")
    sent = await tg.deliver(make_message_update(tg.next_id(), CHAT, caption="Maria Lopez",
                                                **MEDIA["photo"]))
    assert "best phone number" in sent[-1].text


@pytest.mark.parametrize("kind", sorted(IGNORED))
async def test_updates_the_bot_does_not_use_are_ignored_with_200(
        tg: TelegramRig, engine: Engine, kind: str) -> None:
    assert await tg.deliver(IGNORED[kind](tg.next_id())) == []
    assert count(engine, MessageLog) == 0 and count(engine, ConsentEventRow) == 0


async def test_someone_elses_contact_first_still_gets_the_disclosure(tg: TelegramRig) -> None:
    texts = [m.text for m in await tg.deliver(
        make_contact_update(tg.next_id(), CHAT, "15557654321", 777, CHAT))]
    assert "Msg & data rates may apply" in texts[0] and "name" in texts[-1].lower()


async def test_the_in_process_dispatcher_is_woken_by_the_webhook(
        sqlite_engine: Engine, settings: Settings, bot_api_server: BotApiServer) -> None:
    configured = telegram_settings(settings, bot_api_server, outbox_in_process=True)
    app = create_app(configured, sqlite_engine)
    kicks: list[float] = []
    dispatcher = app.state.dispatcher
    wake = dispatcher.kick
    dispatcher.kick = lambda: (kicks.append(time.monotonic()), wake())[1]
    with TestClient(app) as client:
        response = client.post("/telegram/webhook",
                               json=make_command_update(1, CHAT, "/start"),
                               headers={SECRET_HEADER: configured.telegram_webhook_secret})
        assert response.status_code == 200
        sent = await bot_api_server.wait_for_sent(2, chat_id=CHAT, timeout=5)
    assert len(kicks) == 1 and "name" in sent[-1].text.lower()
