"""Several server processes at once: one texter's messages serialise, a MessageSid runs once."""

from __future__ import annotations

import threading
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.settings import Settings
from store.db import make_engine
from store.models import ConsentEventRow, Conversation, Customer, MessageLog
from tests.support.twilio import Texter, messages_of, new_sid


def _race(calls: list[Callable[[], object]]) -> list[object]:
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _apps(engine: Engine, settings: Settings, n: int) -> list[TestClient]:
    settings.outbox_in_process = False
    # Separate engines and pools, as separate processes would have.
    url = engine.url.render_as_string(hide_password=False)
    return [TestClient(create_app(settings, make_engine(url))) for _ in range(n)]


def test_the_same_message_sid_from_two_processes_is_processed_once(
        pg_engine: Engine, settings: Settings) -> None:
    a, b = _apps(pg_engine, settings, 2)
    ta, tb = (Texter(c, "test-auth-token", "+15551239999") for c in (a, b))
    sid = new_sid()
    first, second = _race([lambda: ta.post("STOP", sid=sid), lambda: tb.post("STOP", sid=sid)])
    assert messages_of(first) == messages_of(second)  # type: ignore[arg-type]
    with Session(pg_engine) as s:
        assert s.scalar(select(func.count(ConsentEventRow.id))) == 1
        inbound = select(func.count(MessageLog.id)).where(MessageLog.direction == "in")
        assert s.scalar(inbound) == 1


def test_one_texters_messages_on_two_processes_both_count(pg_engine: Engine,
                                                          settings: Settings) -> None:
    a, b = _apps(pg_engine, settings, 2)
    ta, tb = (Texter(c, "test-auth-token", "+15551238888") for c in (a, b))
    ta.say("Hi")
    ta.say("Maria Lopez")
    _race([lambda: ta.say("HELP"), lambda: tb.say("yes")])
    with Session(pg_engine) as s:
        [conversation] = s.scalars(select(Conversation)).all()
        assert conversation.state["step"] == "address"  # "yes" was not lost to HELP
        assert [e.kind for e in s.scalars(select(ConsentEventRow))] == ["help"]


def test_first_messages_racing_make_one_lead(pg_engine: Engine, settings: Settings) -> None:
    clients = _apps(pg_engine, settings, 2)
    phone = "+15551237777"
    for step in ["Hi", "Maria Lopez", "yes", "42 Elm St", "leak", "asap", "skip", "yes"]:
        Texter(clients[0], "test-auth-token", phone).say(step)
    other = "+15551236666"
    for step in ["Hi", "Maria Lopez", "(555) 123-7777", "42 Elm St", "leak", "asap", "skip",
                 "yes"]:
        Texter(clients[1], "test-auth-token", other).say(step)
    _race([lambda: Texter(clients[0], "test-auth-token", phone).say("yes"),
           lambda: Texter(clients[1], "test-auth-token", other).say("yes")])
    with Session(pg_engine) as s:
        assert s.scalars(select(Customer.phone)).all() == [phone]
