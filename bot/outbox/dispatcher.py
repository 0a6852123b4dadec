"""Dispatches the outbox continuously, one lane per ordering key, texter replies first.

Each lane (one texter's replies, one office target; see `store.outbox.lane`) has at most
one row in flight, and lanes run side by side: a webhook that takes 15 s to answer, or
the office Telegram chat's one message a second, holds up its own lane and nothing else.
A lane that finishes wakes the claimer, which takes the next due rows of every free lane.

Delivery is at least once, and exactly once unless a worker dies between a send and its
mark. A claim is a lease, renewed by compare-and-set right before each send: another
worker retries a row only once the lease ran out or its worker is gone (no heartbeat for
`Policy.dead_after`, or on the same host a pid that no longer runs), and a stalled worker
whose row was taken over meanwhile does not send it. Sends are cut off well inside the lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime

import anyio
import anyio.to_thread
from sqlalchemy.orm import Session, sessionmaker

from bot.logs import Masker, secrets_of
from bot.outbox.contract import TEXTER, Delivery, Sender
from bot.outbox.errors import PermanentError, RecipientBlocked, TransientError
from bot.outbox.liveness import host, new_worker_id, process_alive
from bot.outbox.outcomes import BlockedHook, Outcomes, Policy
from bot.settings import Settings
from store import outbox, workers
from store.clock import utcnow
from store.uow import UnitOfWork

__all__ = ["TEXTER", "Delivery", "Dispatcher", "Policy", "Sender"]
log = logging.getLogger(__name__)


@dataclass
class Dispatcher(Outcomes):
    """Runs the outbox; `senders` maps a target (or its prefix before ':') to a sender."""

    sessions: sessionmaker[Session]
    settings: Settings
    senders: Mapping[str, Sender]
    policy: Policy = field(default_factory=Policy)
    clock: Callable[[], datetime] = utcnow
    on_blocked: BlockedHook | None = None
    worker_id: str = field(default_factory=new_worker_id)
    _wake: asyncio.Event | None = None
    _loop: asyncio.AbstractEventLoop | None = None

    def __post_init__(self) -> None:
        self.mask = Masker(secrets_of(self.settings))
        self.host, self.pid = host(), os.getpid()

    def sender_for(self, target: str) -> Sender | None:
        """Exact target first ("texter:sms"), then its family ("sms" for "sms:+1555...")."""
        return self.senders.get(target) or self.senders.get(target.split(":", 1)[0])

    def kick(self) -> None:
        """Wake the running loop now (new rows were committed); safe from any thread."""
        wake, loop = self._wake, self._loop
        if wake is None or loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            wake.set()
        else:  # asyncio.Event is not thread-safe: sync routes run in a worker thread
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nothing to wake
                loop.call_soon_threadsafe(wake.set)

    async def run(self, stop: asyncio.Event, poll_interval: float = 1.0) -> None:
        """Dispatch until `stop` is set; wakes on `kick`, a finished lane, or every poll."""
        self._wake, self._loop = asyncio.Event(), asyncio.get_running_loop()
        inflight: dict[str, asyncio.Task[None]] = {}
        beating = asyncio.create_task(self._heartbeats(stop))
        try:
            while not stop.is_set():
                self._wake.clear()
                free = self.policy.lanes - len(inflight)
                claimed: list[Delivery] = []
                if free > 0:
                    try:
                        claimed = await anyio.to_thread.run_sync(self._claim, set(inflight),
                                                                 min(free, self.policy.batch))
                    except Exception:  # the database is down: keep the loop, try later
                        log.exception("outbox claim failed")
                for d in claimed:
                    inflight[d.lane] = asyncio.create_task(self._lane(d, inflight))
                if not claimed:
                    await self._sleep(stop, poll_interval)
            if inflight:  # let sends in flight finish (each is cut off at send_timeout)
                await asyncio.wait(list(inflight.values()))
        finally:
            beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beating
            await self._leave()

    async def run_once(self, rounds: int = 1000) -> int:
        """Work everything due now, round after round (one row per lane each); returns how
        many rows were claimed. For tests and one-off passes; `run` is the service."""
        total = 0
        for _ in range(rounds):
            batch = await anyio.to_thread.run_sync(self._claim, set(), self.policy.batch)
            if not batch:
                break
            async with anyio.create_task_group() as tg:
                for delivery in batch:
                    tg.start_soon(self._deliver, delivery)
            total += len(batch)
        return total

    async def _sleep(self, stop: asyncio.Event, timeout: float) -> None:
        assert self._wake is not None
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
        _, pending = await asyncio.wait(waiters, timeout=timeout,
                                        return_when=asyncio.FIRST_COMPLETED)
        for waiter in pending:
            waiter.cancel()

    async def _lane(self, d: Delivery, inflight: dict[str, asyncio.Task[None]]) -> None:
        try:
            await self._deliver(d)
        except Exception:  # e.g. the database went away mid-mark: the lease brings it back
            log.exception("outbox %s to %s: delivery failed", d.id, d.target)
        finally:
            inflight.pop(d.lane, None)
            if self._wake is not None:
                self._wake.set()  # this lane's next row (or another lane's) may be due

    async def _heartbeats(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await anyio.to_thread.run_sync(self._beat)
            except Exception:  # the database is down; the next beat tries again
                log.warning("outbox heartbeat failed", exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.policy.heartbeat.total_seconds())

    def _beat(self) -> None:
        with UnitOfWork(self.sessions) as uow:
            workers.beat(uow.session, self.worker_id, host=self.host, pid=self.pid,
                         now=self.clock())
            uow.commit()

    async def _leave(self) -> None:
        def leave() -> None:
            with UnitOfWork(self.sessions) as uow:
                workers.leave(uow.session, self.worker_id)
                uow.commit()
        try:
            await anyio.to_thread.run_sync(leave)
        except Exception:  # the database is down: our heartbeat goes stale, same effect
            log.warning("outbox worker could not unregister", exc_info=True)

    def _claim(self, busy: Collection[str] = (), limit: int | None = None) -> list[Delivery]:
        limit = limit or self.policy.batch
        with UnitOfWork(self.sessions) as uow:
            now = self.clock()
            workers.beat(uow.session, self.worker_id, host=self.host, pid=self.pid, now=now)
            gone = workers.reap(uow.session, now=now, dead_after=self.policy.dead_after,
                                host=self.host, alive=process_alive)
            if gone:
                log.warning("outbox workers gone, their rows are free again: %s", gone)
            items = outbox.claim(uow.session, now=now, lease=self.policy.lease, limit=limit,
                                 worker=self.worker_id, busy=busy)
            batch = [Delivery(i.id, i.event_id, i.kind, i.target, dict(i.payload), i.attempts,
                              i.claimed_until, outbox.lane(i)) for i in items]
            uow.commit()
        return batch

    async def _deliver(self, d: Delivery) -> None:
        try:
            ready = await anyio.to_thread.run_sync(self._prepare, d)
        except Exception as exc:  # e.g. the gate failed: count it, or the row loops forever
            log.exception("outbox %s to %s: could not prepare the send", d.id, d.target)
            await anyio.to_thread.run_sync(self._failed, d, repr(exc), None, False)
            return
        if not ready:
            return
        sender = self.sender_for(d.target)
        try:
            if sender is None:
                raise TransientError(f"no sender configured for target {d.target!r}")
            with anyio.fail_after(self.policy.send_timeout):
                provider_id = await sender(d)
        except RecipientBlocked as exc:
            if d.kind == TEXTER:
                await anyio.to_thread.run_sync(self._blocked, d, str(exc))
            else:  # an office recipient is not a texter: no ledger entry, a visible failure
                await anyio.to_thread.run_sync(self._failed, d, f"recipient blocked: {exc}",
                                               None, True)
        except PermanentError as exc:
            await anyio.to_thread.run_sync(self._failed, d, str(exc), None, True)
        except TransientError as exc:
            await anyio.to_thread.run_sync(self._failed, d, str(exc), exc.retry_after, False)
        except TimeoutError:
            await anyio.to_thread.run_sync(
                self._failed, d, f"send timed out after {self.policy.send_timeout:g} s",
                None, False)
        except Exception as exc:  # an unexpected error is retried, and logged, never swallowed
            log.exception("outbox %s to %s raised", d.id, d.target)
            await anyio.to_thread.run_sync(self._failed, d, repr(exc), None, False)
        else:
            await anyio.to_thread.run_sync(self._sent, d, provider_id)
