"""Every wait on PostgreSQL is bounded: lock, statement, a server that stops answering,
connecting; each ends in an OperationalError the app maps to a 503."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import Engine, make_url, text
from sqlalchemy.exc import OperationalError

from store.db import Bounds, make_engine
from tests.support.tcp_proxy import TcpProxy
from tests.support.worker_process import database_url

pytestmark = pytest.mark.postgres
QUICK = Bounds(connect=2, pool=1, statement=0.5, lock=0.5)


def _within(call: Callable[[], Any], seconds: float = 30) -> Any:
    """Run `call`, failing the test (not hanging it) if it never returns."""
    pool = ThreadPoolExecutor(1)
    try:
        return pool.submit(call).result(timeout=seconds)
    finally:
        pool.shutdown(wait=False)


@pytest.fixture
def proxy(pg_engine: Engine) -> Iterator[tuple[TcpProxy, str]]:
    """A proxy to the test's PostgreSQL schema, and a DATABASE_URL through it."""
    direct = make_url(database_url(pg_engine))
    with TcpProxy((direct.host or "127.0.0.1", direct.port or 5432)) as p:
        yield p, direct.set(port=p.port).render_as_string(hide_password=False)


def _one(engine: Engine, sql: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def test_a_lock_wait_ends_at_the_lock_timeout(pg_engine: Engine) -> None:
    bounded = make_engine(database_url(pg_engine), Bounds(statement=5, lock=0.5))
    with pg_engine.connect() as holder:
        holder.execute(text("CREATE TABLE held (id int PRIMARY KEY)"))
        holder.execute(text("INSERT INTO held VALUES (1)"))
        holder.commit()
        holder.execute(text("SELECT * FROM held WHERE id = 1 FOR UPDATE"))  # kept locked
        with pytest.raises(OperationalError, match="lock timeout"):
            _within(lambda: _one(bounded, "UPDATE held SET id = 2 WHERE id = 1 RETURNING id"))
        holder.rollback()
    bounded.dispose()


def test_a_slow_statement_is_cancelled_at_the_statement_timeout(pg_engine: Engine) -> None:
    bounded = make_engine(database_url(pg_engine), QUICK)
    with pytest.raises(OperationalError, match="statement timeout"):
        _within(lambda: _one(bounded, "SELECT pg_sleep(5)"))
    assert _one(bounded, "SELECT 1") == 1  # and the next one is served
    bounded.dispose()


def test_a_server_that_stops_answering_is_given_up_on(proxy: tuple[TcpProxy, str]) -> None:
    tcp, url = proxy
    bounded = make_engine(url, QUICK)
    with bounded.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
        tcp.freeze()  # mid-conversation: the server cannot cancel anything now, we must
        with pytest.raises(OperationalError, match="did not answer within 1.5 s"):
            _within(lambda: conn.execute(text("SELECT 1")))
    with pytest.raises(OperationalError, match="timeout"):  # nor can a new connection
        _within(lambda: _one(bounded, "SELECT 1"))
    tcp.thaw()
    assert _within(lambda: _one(bounded, "SELECT 1")) == 1  # back by itself
    bounded.dispose()


def test_connecting_to_a_server_that_does_not_answer_times_out(
        proxy: tuple[TcpProxy, str]) -> None:
    tcp, url = proxy
    tcp.freeze()
    bounded = make_engine(url, QUICK)
    with pytest.raises(OperationalError, match="timeout"):
        _within(lambda: _one(bounded, "SELECT 1"))
    tcp.thaw()
    bounded.dispose()
