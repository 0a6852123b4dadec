"""Nothing stored in the outbox or served by /api/outbox carries a configured secret."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.logs import MASK
from bot.outbox.dispatcher import TEXTER, Delivery, Dispatcher, Policy
from bot.outbox.errors import TransientError
from bot.outbox.senders import build_senders
from bot.settings import Settings
from store import outbox
from store.clock import utcnow
from store.db import session_factory
from store.models import OutboxItem
from store.uow import UnitOfWork
from tests.support.bot_api_server import BotApiServer
from tests.support.office_targets import rows

TOKEN = "7000000001:AAE-rotated-secret-part"
AUTH = {"Authorization": "Bearer admin-secret"}
SECRETS = {"telegram_bot_token": TOKEN, "telegram_webhook_secret": "hook-s3cret-value",
           "office_webhook_secret": "whsec-0ffice", "admin_token": "admin-secret",
           "twilio_auth_token": "test-auth-token"}


@pytest.fixture
def rejecting() -> Iterator[BotApiServer]:
    """A Bot API server that knows another token: ours gets 401, "token was rejected"."""
    with BotApiServer(valid_token="7000000002:another-bot") as server:
        yield server


def _queue_reply(engine: Engine) -> None:
    with UnitOfWork(session_factory(engine)) as uow:
        outbox.enqueue(uow.session, event_id="reply-1-0", kind=TEXTER,
                       target="texter:telegram", ordering_key="telegram:42", now=utcnow(),
                       payload={"channel": "telegram", "chat_id": 42, "text": "Hi",
                                "purpose": "reply"})
        uow.commit()


def _no_secret_in(text: str) -> None:
    for secret in (*SECRETS.values(), TOKEN.split(":")[1], "smtp-passw0rd"):
        assert secret not in text


async def test_a_rejected_bot_token_is_not_stored_nor_served(
        engine: Engine, settings: Settings, rejecting: BotApiServer) -> None:
    wired = settings.model_copy(update={**SECRETS, "telegram_api_base_url": rejecting.base_url,
                                        "outbox_in_process": False})
    _queue_reply(engine)
    d = Dispatcher(session_factory(engine), wired, build_senders(wired), Policy())
    assert await d.run_once() == 1
    [row] = rows(engine)
    assert row.status == "pending" and row.last_error is not None
    assert "rejected" in row.last_error and MASK in row.last_error  # the reason stays
    _no_secret_in(row.last_error)
    with TestClient(create_app(wired, engine)) as api:
        body = api.get("/api/outbox?status=pending", headers=AUTH)
    assert body.status_code == 200 and body.json()["items"][0]["last_error"] == row.last_error


async def test_every_configured_secret_is_masked_before_it_is_stored(
        sqlite_engine: Engine, settings: Settings) -> None:
    wired = settings.model_copy(update={
        **SECRETS, "smtp_url": "smtp://office:smtp-passw0rd@127.0.0.1:25"})

    async def leaky(d: Delivery) -> str | None:
        raise TransientError(
            f"POST https://api.telegram.org/bot{TOKEN}/sendMessage (token {TOKEN.split(':')[1]})"
            " with " + ", ".join(SECRETS.values()) + " and smtp-passw0rd, "
            "url-encoded 7000000001%3AAAE-rotated-secret-part")

    _queue_reply(sqlite_engine)
    d = Dispatcher(session_factory(sqlite_engine), wired, {"texter:telegram": leaky}, Policy())
    await d.run_once()
    [row] = rows(sqlite_engine)
    assert row.last_error is not None and row.last_error.count(MASK) == 9
    _no_secret_in(row.last_error)
    assert "%3A" not in row.last_error


def test_errors_stored_before_masking_are_masked_when_served(
        sqlite_engine: Engine, settings: Settings) -> None:
    wired = settings.model_copy(update=SECRETS)
    _queue_reply(sqlite_engine)
    with UnitOfWork(session_factory(sqlite_engine)) as uow:
        [item] = uow.session.query(OutboxItem).all()
        item.status, item.last_error = "failed", f"The token `{TOKEN}` was rejected by the server."
        uow.commit()
    with TestClient(create_app(wired, sqlite_engine)) as api:
        [served] = api.get("/api/outbox", headers=AUTH).json()["items"]
    assert served["last_error"] == f"The token `{MASK}` was rejected by the server."
