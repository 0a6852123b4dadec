"""Pipeline.turns: on SQLite a few messages are handled at a time, the rest wait their turn
(without a thread) for a bounded time, and none is lost or answered twice."""

from __future__ import annotations

import threading
import uuid
from dataclasses import replace

import anyio
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import TimeoutError as PoolTimeout

from bot.app import SQLITE_AT_ONCE, create_app
from bot.messages import HandleResult, InboundMessage
from bot.pipeline import Pipeline
from bot.settings import Settings
from store.db import session_factory
from store.models import MessageLog
from tests.support.twilio import Texter


def _hi(n: int) -> InboundMessage:
    phone = f"+1555300{n:04d}"
    return InboundMessage(channel="sms", sender_key=phone, phone=phone, text="Hi",
                          provider_id=f"SM{uuid.uuid4().hex}")


def _bound(settings: Settings, seconds: float) -> Settings:
    """`settings` whose lock bound, the longest wait for a turn, is `seconds`."""
    return settings.model_copy(update={"database_lock_timeout_seconds": seconds})


def _stored(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return session.scalar(select(func.count()).select_from(MessageLog)
                              .where(MessageLog.direction == "in")) or 0


class _Gauge:
    """Wraps Pipeline.handle: counts how many run at once, and can hold the first one."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline, self.now, self.most = pipeline, 0, 0
        self.mutex = threading.Lock()
        self.release = threading.Event()
        self.release.set()

    def handle(self, msg: InboundMessage) -> HandleResult:
        with self.mutex:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            self.release.wait(10)
            return Pipeline.handle(self.pipeline, msg)
        finally:
            with self.mutex:
                self.now -= 1


def _gauged(pipeline: Pipeline) -> tuple[Pipeline, _Gauge]:
    gauge = _Gauge(pipeline)
    object.__setattr__(pipeline, "handle", gauge.handle)  # a frozen dataclass
    return pipeline, gauge


def test_twenty_messages_at_two_at_once_are_all_answered_and_stored(
        sqlite_engine: Engine, settings: Settings) -> None:
    pipeline, gauge = _gauged(Pipeline(session_factory(sqlite_engine), _bound(settings, 10),
                                       turns=anyio.CapacityLimiter(2)))
    results: list[HandleResult] = []

    async def main() -> None:
        async def one(n: int) -> None:
            results.append(await pipeline.run(_hi(n)))
        async with anyio.create_task_group() as tg:
            for n in range(20):
                tg.start_soon(one, n)

    anyio.run(main)
    assert len(results) == 20 and all(r.texts and not r.replayed for r in results)
    assert gauge.most == 2
    assert _stored(sqlite_engine) == 20


def test_a_message_with_no_turn_in_time_is_refused_unstored_and_the_others_finish(
        sqlite_engine: Engine, settings: Settings) -> None:
    pipeline, gauge = _gauged(Pipeline(session_factory(sqlite_engine), _bound(settings, 0.3),
                                       turns=anyio.CapacityLimiter(1)))
    gauge.release.clear()  # the first message holds the only turn
    outcome: dict[str, object] = {}

    async def main() -> None:
        async def first() -> None:
            outcome["first"] = await pipeline.run(_hi(1))

        async def second() -> None:
            await anyio.sleep(0.05)
            try:
                await pipeline.run(_hi(2))
            except PoolTimeout as exc:
                outcome["second"] = exc
            gauge.release.set()
        async with anyio.create_task_group() as tg:
            tg.start_soon(first)
            tg.start_soon(second)

    anyio.run(main)
    assert isinstance(outcome["second"], PoolTimeout)
    assert "no turn to handle the message within 0.3 s" in str(outcome["second"])
    first = outcome["first"]
    assert isinstance(first, HandleResult) and first.texts
    assert _stored(sqlite_engine) == 1  # the refused one was never stored: Twilio may retry


def test_a_message_whose_turn_came_is_finished_however_long_it_takes(
        sqlite_engine: Engine, settings: Settings) -> None:
    """The bound is on waiting for a turn, not on the handling: a slow message that got its
    turn is stored and answered, never cut off half way (its reply would be lost)."""
    pipeline, gauge = _gauged(Pipeline(session_factory(sqlite_engine), _bound(settings, 0.1),
                                       turns=anyio.CapacityLimiter(1)))
    gauge.release.clear()
    threading.Timer(0.5, gauge.release.set).start()  # five times the wait
    result = anyio.run(pipeline.run, _hi(3))
    assert result.texts and _stored(sqlite_engine) == 1


@pytest.mark.parametrize("engine", ["sqlite", "postgres"], indirect=True)
def test_the_app_limits_sqlite_only_and_answers_503_when_no_turn_comes(
        engine: Engine, settings: Settings) -> None:
    settings = settings.model_copy(update={"outbox_in_process": False})
    app = create_app(settings, engine)
    pipeline: Pipeline = app.state.pipeline
    if engine.dialect.name != "sqlite":
        assert pipeline.turns is None  # PostgreSQL's writers do not queue in the process
        return
    assert pipeline.turns is not None and pipeline.turns.total_tokens == SQLITE_AT_ONCE
    starved = replace(pipeline, settings=_bound(settings, 0.05),
                      turns=anyio.CapacityLimiter(1))
    with TestClient(app) as client:
        async def take_the_only_turn() -> None:
            assert starved.turns is not None
            await starved.turns.acquire()
        assert client.portal is not None
        client.portal.call(take_the_only_turn)
        app.state.pipeline = starved
        response = Texter(client, "test-auth-token", "+15553000009").post("Hi")
    assert response.status_code == 503
    assert response.json() == {"detail": "database unavailable, try again"}
    assert app.state.db_unavailable == 1
    assert _stored(engine) == 0
