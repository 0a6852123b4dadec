"""The whole app on both databases, with SMS, Telegram and the admin API configured."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.settings import Settings
from tests.support.telegram import SECRET, TOKEN

AUTH = {"Authorization": "Bearer admin-secret"}
TG_HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


@pytest.fixture
def edge_settings(settings: Settings) -> Settings:
    """The test settings with Telegram on (nothing is sent: the outbox is not dispatched)."""
    return settings.model_copy(update={
        "telegram_bot_token": TOKEN, "telegram_webhook_secret": SECRET,
        "telegram_api_base_url": "http://127.0.0.1:9/bot", "outbox_in_process": False})


@pytest.fixture
def app_client(engine: Engine, edge_settings: Settings) -> Iterator[TestClient]:
    """The web app on a migrated database (SQLite and PostgreSQL)."""
    with TestClient(create_app(edge_settings, engine), base_url="http://internal:8000") as c:
        yield c
