"""Drive the Telegram webhook as Telegram does; replies go to the fake Bot API server.

The app runs with OUTBOX_IN_PROCESS off, and tests drain the outbox themselves with
`Dispatcher.run_once`, so what was sent is known without sleeping.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine

from bot.app import create_app
from bot.channels.telegram_send import RateLimiter, client_for
from bot.settings import Settings
from store.clock import utcnow
from tests.support.bot_api_server import (
    BotApiServer,
    SentMessage,
    make_command_update,
    make_text_update,
)

TOKEN = "123456:TEST-token"
SECRET = "test-webhook-secret_1"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def telegram_settings(settings: Settings, server: BotApiServer, **extra: Any) -> Settings:
    """The test settings with Telegram pointed at the fake server and the outbox manual."""
    return settings.model_copy(update={
        "telegram_bot_token": TOKEN, "telegram_webhook_secret": SECRET,
        "telegram_api_base_url": server.base_url, "outbox_in_process": False, **extra})


@dataclass
class TelegramRig:
    """The app, its test client and the fake Bot API, with helpers that read as a chat."""

    app: FastAPI
    client: TestClient
    server: BotApiServer
    settings: Settings
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1000))

    def next_id(self) -> int:
        """A fresh update_id."""
        return next(self.ids)

    def post(self, update: dict[str, Any], secret: str | None = SECRET) -> Response:
        """POST one update to the webhook (secret None: no header at all)."""
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        return self.client.post("/telegram/webhook", json=update, headers=headers)

    async def drain(self) -> None:
        """Run the dispatcher until no row is due."""
        while await self.app.state.dispatcher.run_once():
            pass

    async def deliver(self, update: dict[str, Any]) -> list[SentMessage]:
        """Post an update (asserting 200), drain the outbox, return what was sent."""
        before = len(self.server.sent)
        response = self.post(update)
        assert response.status_code == 200, response.text
        await self.drain()
        return self.server.sent[before:]

    async def say(self, chat_id: int, text: str, **kw: Any) -> list[str]:
        """The texter types `text` (a /command when it starts with '/'); the bot's texts."""
        make = make_command_update if text.startswith("/") else make_text_update
        return [m.text for m in await self.deliver(make(self.next_id(), chat_id, text, **kw))]

    async def last(self, chat_id: int, text: str, **kw: Any) -> str:
        """The bot's last text in answer to `text` (asserting there is one)."""
        texts = await self.say(chat_id, text, **kw)
        assert texts, f"no reply to {text!r}"
        return texts[-1]


async def rig_for(engine: Engine, settings: Settings,
                  server: BotApiServer) -> AsyncIterator[TelegramRig]:
    """A started rig; closes the shared Bot client of its settings afterwards."""
    tg_settings = telegram_settings(settings, server)
    # A texter here answers faster than any person: the per-chat pace (tested on its own
    # with a fake clock) would only make these tests sleep.
    client_for(tg_settings).limiter = RateLimiter(per_chat_rate=1000, per_chat_burst=1000)
    app = create_app(tg_settings, engine)
    with TestClient(app, base_url="http://internal:8000") as client:
        yield TelegramRig(app, client, server, tg_settings)
    await client_for(tg_settings).aclose()


@pytest.fixture(name="tg")
async def tg_fixture(engine: Engine, settings: Settings,
                     bot_api_server: BotApiServer) -> AsyncIterator[TelegramRig]:
    """The app on SQLite and PostgreSQL, speaking to the fake Bot API."""
    async for rig in rig_for(engine, settings, bot_api_server):
        yield rig


class ShiftedClock:
    """Real time plus a shift that tests advance: stands in for waiting without sleeping."""

    def __init__(self) -> None:
        self.shift = 0.0
        self.slept: list[float] = []

    def advance(self, seconds: float) -> None:
        """Move both clocks forward."""
        self.shift += seconds

    def monotonic(self) -> float:
        """For the rate limiter."""
        return time.monotonic() + self.shift

    def utcnow(self) -> datetime:
        """For the dispatcher."""
        return utcnow() + timedelta(seconds=self.shift)

    async def sleep(self, seconds: float) -> None:
        """A sleep that only moves the clock."""
        self.slept.append(seconds)
        self.shift += seconds
