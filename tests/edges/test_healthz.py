"""/healthz answers within its bound whatever the database does (defect 9 / 3)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.health import HealthProbe
from bot.settings import Settings
from store.db import make_engine


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP port that accepts connections and never says a word (a hung PostgreSQL)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        yield int(listener.getsockname()[1])
    finally:
        listener.close()


def test_a_database_that_never_answers_is_unavailable(silent_server: int,
                                                      settings: Settings) -> None:
    hung = make_engine(f"postgresql+psycopg://intake@127.0.0.1:{silent_server}/intake")
    settings.outbox_in_process = False
    with TestClient(create_app(settings, hung)) as client:
        first, second = client.get("/healthz"), client.get("/healthz")
    for response in (first, second):
        assert response.status_code == 503
        assert response.json()["status"] == "unavailable"
        assert isinstance(response.json()["warnings"], list)


async def test_probes_share_one_stuck_attempt() -> None:
    release, started = threading.Event(), []

    def stuck() -> None:
        started.append(1)
        release.wait(30)

    probe = HealthProbe(stuck, timeout=0.05)
    assert [await probe.ok() for _ in range(5)] == [False] * 5
    assert len(started) == 1  # one thread held by the hung check, not five
    release.set()


async def test_a_failing_check_is_unavailable_and_a_passing_one_ok() -> None:
    def broken() -> None:
        raise RuntimeError("connection refused")

    assert await HealthProbe(broken).ok() is False
    assert await HealthProbe(lambda: None).ok() is True


def test_healthz_is_ok_on_a_live_database(engine: Engine, settings: Settings) -> None:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as client:
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"
