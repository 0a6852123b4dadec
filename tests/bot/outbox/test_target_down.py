"""A target that is down for a while gets everything once it is back; the others don't wait."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import Engine

from bot.outbox.dispatcher import Dispatcher
from bot.settings import Settings
from tests.support.office_targets import (
    Clock,
    OfficeTargets,
    dispatcher,
    drain,
    new_request_event,
    once_each,
    rows,
)


async def _advance_to_next_attempt(d: Dispatcher, engine: Engine, clock: Clock) -> None:
    pending = [r.next_attempt_at for r in rows(engine) if r.status == "pending"]
    clock.now = max(clock.now, min(pending))
    await drain(d)


def test_webhook_down_then_back_receives_every_event_once(
        engine: Engine, settings: Settings, office: OfficeTargets) -> None:
    wired = office.configure(settings)
    events = [new_request_event(engine, wired, service=f"job {n}") for n in range(3)]
    clock = Clock()
    d = dispatcher(engine, wired, clock)
    office.webhook.fail_next(3, status=503)  # answers 503 for a while ...

    async def scenario() -> None:
        await drain(d)  # first round: every other target is served at once
        for event_id, name in events:
            assert {k: v for k, v in office.counts(event_id, name).items()
                    if k != "webhook"} == {k: 1 for k in once_each() if k != "webhook"}
        hooks = [r for r in rows(engine) if r.target == "webhook"]
        assert {(r.status, r.attempts) for r in hooks} == {("pending", 1)}
        assert all("503" in (r.last_error or "") for r in hooks)

        office.webhook.stop()  # ... then refuses connections altogether ...
        for _ in range(2):
            await _advance_to_next_attempt(d, engine, clock)
        hooks = [r for r in rows(engine) if r.target == "webhook"]
        assert all(r.status == "pending" and r.attempts >= 2 for r in hooks)
        assert all("unreachable" in (r.last_error or "") for r in hooks)
        assert clock.now - min(r.created_at for r in hooks) >= timedelta(seconds=15)

        office.webhook.start()  # ... and comes back on the same address
        while any(r.status == "pending" for r in rows(engine)):
            await _advance_to_next_attempt(d, engine, clock)

    asyncio.run(scenario())
    for event_id, name in events:
        assert office.counts(event_id, name) == once_each()
    assert {r.status for r in rows(engine)} == {"sent"}
    assert office.webhook.attempts >= 3 + len(events)
    assert sorted(office.webhook.dedup()) == sorted(e for e, _ in events)
    assert all(d.signature_ok for d in office.webhook.received)
