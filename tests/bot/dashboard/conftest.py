"""A TestClient on the whole app over https (the session cookie is Secure there)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.settings import Settings


@pytest.fixture
def client(sqlite_engine: Engine, settings: Settings) -> Iterator[TestClient]:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, sqlite_engine), base_url="https://testserver",
                    follow_redirects=False) as c:
        yield c


def login(client: TestClient, name: str = "Pat Office", token: str = "admin-secret") -> str:
    """Log in; returns the session cookie."""
    response = client.post("/dashboard/login", data={"name": name, "password": token})
    assert response.status_code == 303, response.text
    return str(response.cookies["intake_session"])
