"""PostgreSQL frozen, gone and its backends killed: 503 JSON inside Twilio's 15 s, never a
plain 500 or a hang; the app recovers by itself; nothing acknowledged is lost.

The shared PostgreSQL server is never touched: the app reaches it through a loopback
proxy that the test freezes and cuts, and only the app's own backends (found by their
unique application_name) are terminated.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import Engine, make_url, select, text
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.settings import Settings
from store.db import Bounds, make_engine
from store.models import MessageLog
from tests.support.live_server import serve
from tests.support.tcp_proxy import TcpProxy
from tests.support.twilio import Texter
from tests.support.worker_process import database_url

pytestmark = pytest.mark.postgres
BOUNDS = Bounds(connect=2, pool=2, statement=2, lock=2)  # worst case about 7 s
TWILIO_GIVES_UP = 14.0  # seconds; a request still open by then is a failure
CONCURRENT = 12


class App:
    """The app on a live server, over the proxy, with texters that record what was acked."""

    def __init__(self, url: str, app_name: str) -> None:
        self.url, self.app_name = url, app_name
        self.client = httpx.Client(base_url=url, timeout=TWILIO_GIVES_UP)
        self.acked: list[str] = []
        self.n = 0

    def text(self, body: str = "Hi") -> httpx.Response:
        """A message from a new texter; its sid is noted when acknowledged."""
        self.n += 1
        texter = Texter(self.client, "test-auth-token",  # type: ignore[arg-type]
                        f"+1555{uuid.uuid4().int % 10**7:07d}")
        sid = f"SM{uuid.uuid4().hex}"
        response = texter.post(body, sid=sid)
        if response.status_code == 200:
            self.acked.append(sid)
        return response

    def burst(self) -> list[httpx.Response]:
        """CONCURRENT messages at once (each must come back within Twilio's wait)."""
        with ThreadPoolExecutor(CONCURRENT) as pool:
            return list(pool.map(lambda _: self.text(), range(CONCURRENT)))

    def recovers(self, within: float = 60.0) -> None:
        """Messages are acknowledged again, without anyone restarting anything."""
        deadline = time.monotonic() + within
        while self.text().status_code != 200:
            assert time.monotonic() < deadline, "the app did not recover by itself"
            time.sleep(0.2)
        assert all(r.status_code == 200 for r in self.burst())


@pytest.fixture
def proxied(pg_engine: Engine, settings: Settings) -> Iterator[tuple[App, TcpProxy, Engine]]:
    """The app on PostgreSQL through a proxy we control, with its own application_name."""
    direct = make_url(database_url(pg_engine))
    app_name = f"intake-fault-{uuid.uuid4().hex[:8]}"
    with TcpProxy((direct.host or "127.0.0.1", direct.port or 5432)) as proxy:
        url = direct.set(port=proxy.port).update_query_dict({"application_name": app_name})
        engine = make_engine(url.render_as_string(hide_password=False), BOUNDS)
        wired = settings.model_copy(update={"outbox_in_process": True})
        try:
            with serve(create_app(wired, engine)) as base:
                app = App(base, app_name)
                yield app, proxy, pg_engine
                app.client.close()
        finally:
            engine.dispose()


def _unavailable(responses: list[httpx.Response]) -> None:
    for r in responses:
        assert r.status_code in (200, 503), r.text
        if r.status_code == 503:
            assert r.headers["content-type"] == "application/json"
            assert r.json() == {"detail": "database unavailable, try again"}


def _nothing_acked_lost(app: App, engine: Engine) -> None:
    with Session(engine) as session:
        stored = set(session.scalars(select(MessageLog.provider_id)
                                     .where(MessageLog.direction == "in")))
    assert set(app.acked) <= stored


@contextlib.contextmanager
def _fault(app: App, engine: Engine, begin: Callable[[], None],
           end: Callable[[], None]) -> Iterator[None]:
    """Healthy, then the fault for the block, then recovery by itself, nothing acked lost."""
    assert all(r.status_code == 200 for r in app.burst())
    begin()
    try:
        yield
    finally:
        end()
    app.recovers()
    _nothing_acked_lost(app, engine)


def test_a_frozen_database_gets_503s_in_time_then_recovers(
        proxied: tuple[App, TcpProxy, Engine]) -> None:
    app, proxy, engine = proxied
    with _fault(app, engine, proxy.freeze, proxy.thaw):
        frozen = app.burst() + app.burst()  # more requests than pooled connections
        _unavailable(frozen)  # each came back before Twilio would give up
        assert sum(r.status_code == 503 for r in frozen) >= CONCURRENT
        outbox = app.client.get("/api/outbox", headers={"Authorization": "Bearer admin-secret"})
        _unavailable([outbox])


def test_postgresql_going_away_gets_503s_then_recovers(
        proxied: tuple[App, TcpProxy, Engine]) -> None:
    app, proxy, engine = proxied
    # Every connection dropped, new ones refused: the server is gone, then back.
    with _fault(app, engine, proxy.cut, proxy.restore):
        gone = app.burst()
        _unavailable(gone)
        assert any(r.status_code == 503 for r in gone)


def test_the_apps_backends_killed_are_replaced_without_an_error(
        proxied: tuple[App, TcpProxy, Engine]) -> None:
    app, _, engine = proxied
    assert all(r.status_code == 200 for r in app.burst())
    with engine.begin() as conn:
        killed = conn.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = :name"), {"name": app.app_name}).scalar_one()
    assert killed >= 1
    assert all(r.status_code == 200 for r in app.burst())  # pre-ping replaced them
    _nothing_acked_lost(app, engine)
