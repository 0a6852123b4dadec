"""A TestClient on the whole app over https (the session cookie is Secure there)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.settings import Settings


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    """On SQLite and on PostgreSQL: sessions and the throttle are queries on both."""
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine), base_url="https://testserver",
                    follow_redirects=False) as c:
        yield c


def login(client: TestClient, name: str = "Pat Office", token: str = "admin-secret") -> str:
    """Log in; returns the session cookie."""
    response = client.post("/dashboard/login", data={"name": name, "password": token})
    assert response.status_code == 303, response.text
    return str(response.cookies["intake_session"])
