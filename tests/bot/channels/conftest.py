"""An app on a real database, and texters that reach it through signed webhooks."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.settings import Settings
from tests.support.twilio import Texter


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    """The whole web app on a migrated database (SQLite and PostgreSQL)."""
    with TestClient(create_app(settings, engine), base_url="http://internal:8000") as c:
        yield c


@pytest.fixture
def texter(client: TestClient, settings: Settings) -> Callable[[str], Texter]:
    """Make a texter with a given phone."""
    def make(phone: str = "+15551234567") -> Texter:
        return Texter(client, settings.twilio_auth_token, phone)
    return make
