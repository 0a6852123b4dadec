"""`intake telegram poll`: getUpdates through the webhook's path, replies sent in-process."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.channels.telegram_cli import poll
from bot.channels.telegram_send import RateLimiter, client_for
from bot.errors import CliError
from bot.settings import Settings
from store.db import session_factory
from store.models import Customer, ServiceRequest
from tests.support.bot_api_server import (
    BotApiServer,
    make_command_update,
    make_contact_update,
    make_text_update,
)
from tests.support.fixtures import bot_api_server_fixture  # noqa: F401
from tests.support.telegram import telegram_settings

CHAT = 5150


async def test_whole_conversation_by_polling(sqlite_engine: Engine, settings: Settings,
                                             bot_api_server: BotApiServer) -> None:
    server = bot_api_server
    configured = telegram_settings(settings, server)
    client_for(configured).limiter = RateLimiter(per_chat_rate=1000, per_chat_burst=1000)
    stop = asyncio.Event()
    task = asyncio.create_task(poll(configured, session_factory(sqlite_engine), stop,
                                    timeout=1))
    ids = iter(range(1, 100))

    async def exchange(update: dict[str, Any], replies: int) -> list[str]:
        before = len(server.sent_to(CHAT))
        server.push_update(update)
        sent = await server.wait_for_sent(before + replies, chat_id=CHAT, timeout=5)
        return [m.text for m in sent[before:]]

    def text(words: str) -> dict[str, Any]:
        return make_text_update(next(ids), CHAT, words)

    try:
        first = await exchange(make_command_update(next(ids), CHAT, "/start flyer"), 2)
        assert "Msg & data rates" in first[0] and "name" in first[1].lower()
        assert "best phone number" in (await exchange(text("Maria Lopez"), 1))[0]
        contact = make_contact_update(next(ids), CHAT, "15551234567", CHAT, CHAT)
        assert "service address" in (await exchange(contact, 1))[0]
        await exchange(text("42 Elm St, Springfield, IL 62704"), 1)
        await exchange(text("water heater leaking"), 1)
        await exchange(text("tomorrow morning"), 1)
        assert "YES or NO" in (await exchange(text("maria@example.com"), 1))[0]
        await exchange(text("yes"), 1)
        assert "received" in (await exchange(text("yes"), 1))[0]
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=5)
        await client_for(configured).aclose()

    with Session(sqlite_engine) as s:
        [lead] = s.scalars(select(Customer)).all()
        assert (lead.phone, lead.source, lead.telegram_chat_id) == (
            "+15551234567", "telegram:flyer", CHAT)
        [request] = s.scalars(select(ServiceRequest)).all()
        assert request.channel == "telegram"
    assert server.pending_updates == []  # every processed update was confirmed
    assert "deleteWebhook" in [m for m, _ in server.calls]


async def test_polling_without_a_token_is_a_clear_error(sqlite_engine: Engine,
                                                        settings: Settings) -> None:
    with pytest.raises(CliError, match="TELEGRAM_BOT_TOKEN is empty"):
        await poll(settings, session_factory(sqlite_engine), asyncio.Event())


async def test_polling_with_a_refused_token_is_a_clear_error(
        sqlite_engine: Engine, settings: Settings) -> None:
    with BotApiServer(valid_token="1:right") as server:
        configured = telegram_settings(settings, server)
        with pytest.raises(CliError, match="refused TELEGRAM_BOT_TOKEN"):
            await asyncio.wait_for(poll(configured, session_factory(sqlite_engine),
                                        asyncio.Event(), timeout=1), timeout=5)
