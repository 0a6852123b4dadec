"""SQLite under concurrency: reads never take the write lock, writers queue in order, a
writer that gets no turn within the bound fails fast (and the webhook answers 503 JSON)."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.settings import Settings
from store import messages
from store.clock import utcnow
from store.db import Bounds, make_engine, session_factory
from store.models import MessageLog
from store.sqlite import WriteQueue, queue_for
from store.uow import UnitOfWork
from tests.support.twilio import Texter

QUICK = Bounds(lock=0.5)


def _engine(sqlite_engine: Engine, bounds: Bounds = QUICK) -> Engine:
    return make_engine(sqlite_engine.url.render_as_string(hide_password=False), bounds)


def _write(engine: Engine, sid: str) -> None:
    with UnitOfWork(session_factory(engine)) as uow:
        messages.claim_inbound(uow.session, channel="sms", sender_key="+15551230000",
                               phone="+15551230000", text="hi", provider_id=sid, now=utcnow())
        uow.commit()


def _count(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count(MessageLog.id))) or 0)


def test_an_open_read_transaction_does_not_block_a_writer(sqlite_engine: Engine) -> None:
    engine = _engine(sqlite_engine)
    with session_factory(engine)() as reader:
        reader.scalar(select(func.count(MessageLog.id)))  # its transaction stays open
        _write(engine, "SM-while-reading")  # waited for the reader's lock before: 10 s, then
        assert reader.scalar(select(func.count(MessageLog.id))) == 0  # its own snapshot
    assert _count(engine) == 1


def test_reads_go_on_while_a_writer_holds_the_lock(sqlite_engine: Engine) -> None:
    engine = _engine(sqlite_engine)
    with UnitOfWork(session_factory(engine)) as uow:
        messages.claim_inbound(uow.session, channel="sms", sender_key="k", phone=None,
                               text="x", provider_id="SM-held", now=utcnow())
        assert _count(engine) == 0  # another connection reads without waiting
        uow.commit()
    assert _count(engine) == 1


def test_writers_get_the_lock_in_the_order_they_asked() -> None:
    queue = WriteQueue()
    assert queue.acquire(1)
    order: list[int] = []
    threads = []
    for n in range(8):
        t = threading.Thread(target=lambda n=n: (queue.acquire(10), order.append(n),
                                                 queue.release()))
        t.start()
        threads.append(t)
        while len(queue._waiting) < n + 1:  # each one is queued before the next asks
            threading.Event().wait(0.001)
    queue.release()
    for t in threads:
        t.join(10)
    assert order == list(range(8))


def test_a_writer_without_a_turn_in_time_fails_fast_and_is_counted(
        sqlite_engine: Engine) -> None:
    engine = _engine(sqlite_engine)
    queue = queue_for(engine.url.database)
    before = queue.timeouts
    with UnitOfWork(session_factory(engine)) as holder:
        messages.claim_inbound(holder.session, channel="sms", sender_key="k", phone=None,
                               text="x", provider_id="SM-holder", now=utcnow())
        with pytest.raises(OperationalError, match="no turn to write within 0.5 s"):
            _write(engine, "SM-late")
        holder.commit()
    assert queue.timeouts == before + 1
    _write(engine, "SM-after")  # the queue goes on
    assert _count(engine) == 2


def test_sixty_four_concurrent_writers_all_get_in(sqlite_engine: Engine) -> None:
    engine = _engine(sqlite_engine, Bounds())
    with ThreadPoolExecutor(64) as pool:
        list(pool.map(lambda n: _write(engine, f"SM-{n}"), range(256)))
    assert _count(engine) == 256


def test_another_process_holding_the_lock_gets_the_webhook_a_503_json(
        sqlite_engine: Engine, settings: Settings, tmp_path: Path) -> None:
    engine = _engine(sqlite_engine)
    other = sqlite3.connect(str(engine.url.database), isolation_level=None)
    with TestClient(create_app(settings.model_copy(update={"outbox_in_process": False}),
                               engine)) as client:
        texter = Texter(client, "test-auth-token", "+15551239876")
        other.execute("BEGIN IMMEDIATE")  # a process (a migration, a script) holds it
        try:
            refused = texter.post("Hi")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert refused.status_code == 503
        assert refused.json() == {"detail": "database unavailable, try again"}
        assert client.app.state.db_unavailable == 1  # type: ignore[attr-defined]
        assert texter.post("Hi").status_code == 200


def _turns(queue: WriteQueue, writers: list[tuple[str, bool]]) -> list[str]:
    """The order in which `writers` (name, urgent), queued one after another behind a
    holder, get the lock once the holder lets go."""
    assert queue.acquire(1)
    order: list[str] = []
    threads = []
    for name, urgent in writers:
        t = threading.Thread(target=lambda name=name, urgent=urgent: (
            queue.acquire(10, urgent), order.append(name), queue.release()))
        t.start()
        threads.append(t)
        while len(queue._waiting) + len(queue._urgent) < len(threads):
            threading.Event().wait(0.001)
    queue.release()
    for t in threads:
        t.join(10)
    return order


def test_urgent_writers_go_before_the_queued_others_and_keep_their_own_order() -> None:
    queue = WriteQueue(patience=60)  # nobody waits long enough to be overdue
    order = _turns(queue, [("a", False), ("b", False), ("outbox-1", True), ("c", False),
                           ("outbox-2", True)])
    assert order == ["outbox-1", "outbox-2", "a", "b", "c"]


def test_the_outbox_sessions_queue_as_urgent_and_the_others_do_not(
        sqlite_engine: Engine) -> None:
    from bot.outbox.worker import make_dispatcher
    from bot.settings import load_settings

    engine = _engine(sqlite_engine)
    settings = load_settings(database_url=str(engine.url))
    queue = queue_for(engine.url.database)
    seen: list[bool] = []
    original = queue.acquire
    queue.acquire = lambda timeout, urgent=False: (seen.append(urgent),  # type: ignore[method-assign]
                                                   original(timeout, urgent))[1]
    try:
        for factory in (session_factory(engine), make_dispatcher(session_factory(engine),
                                                                 settings).sessions):
            with UnitOfWork(factory) as uow:
                messages.claim_inbound(uow.session, channel="sms", sender_key="k", phone=None,
                                       text="x", provider_id=f"SM-{len(seen)}", now=utcnow())
                uow.commit()
    finally:
        queue.acquire = original  # type: ignore[method-assign]
    assert seen == [False, True]


def test_a_writer_waiting_past_the_patience_goes_before_urgent_ones() -> None:
    queue = WriteQueue(patience=0.0)  # every queued writer is overdue at once
    order = _turns(queue, [("a", False), ("outbox-1", True), ("b", False)])
    assert order == ["a", "b", "outbox-1"]  # the others were overdue: urgency waits
