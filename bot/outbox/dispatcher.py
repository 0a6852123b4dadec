"""Claims due outbox rows, passes texter-facing ones through the consent gate, sends, marks.

Delivery is at least once, and exactly once unless a worker dies between a send and its
mark. A claim is a lease, renewed by compare-and-set right before each send: another
worker retries a row only once the lease ran out, and a stalled worker whose row was taken
over meanwhile does not send it. Sends are cut off well inside the lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import anyio
import anyio.to_thread
from sqlalchemy.orm import Session, sessionmaker

from bot import gatekeeper
from bot.outbox.errors import PermanentError, RecipientBlocked, TransientError
from bot.settings import Settings
from consent.gate import Purpose
from store import messages, outbox
from store.clock import utcnow
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
TEXTER = "texter"  # outbox kind of messages to texters: these pass the gate at send time


@dataclass(frozen=True)
class Delivery:
    """One claimed row, detached from the session, as a sender sees it."""

    id: int
    event_id: str
    kind: str
    target: str
    payload: dict[str, Any]
    attempts: int
    lease_until: datetime | None = None  # the claim's fencing token (see outbox.renew)


Sender = Callable[[Delivery], Awaitable[str | None]]
BlockedHook = Callable[[Session, Delivery, datetime], None]


@dataclass
class Policy:
    """Retry policy: exponential backoff from `base`, capped, `max_attempts` in all."""

    lease: timedelta = timedelta(seconds=60)
    # 15 attempts at 5 s doubling to a 30 min cap span about 3 hours: a target down for a
    # maintenance window still gets everything; past that the row is failed and listed.
    max_attempts: int = 15
    base: timedelta = timedelta(seconds=5)
    cap: timedelta = timedelta(minutes=30)
    batch: int = 20
    # A send still running when the lease ends could be sent again by another worker, so
    # every send is cut off well inside the lease.
    send_timeout: float = 30.0

    def __post_init__(self) -> None:
        if self.send_timeout >= self.lease.total_seconds():
            raise ValueError("the send timeout must be shorter than the lease")
        if self.max_attempts < 1 or self.batch < 1:
            raise ValueError("max_attempts and batch must be at least 1")


@dataclass
class Dispatcher:
    """Runs the outbox; `senders` maps a target (or its prefix before ':') to a sender."""

    sessions: sessionmaker[Session]
    settings: Settings
    senders: Mapping[str, Sender]
    policy: Policy = field(default_factory=Policy)
    clock: Callable[[], datetime] = utcnow
    on_blocked: BlockedHook | None = None
    _wake: asyncio.Event | None = None
    _loop: asyncio.AbstractEventLoop | None = None

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
        """Dispatch until `stop` is set; wakes on `kick` or every `poll_interval` seconds."""
        self._wake, self._loop = asyncio.Event(), asyncio.get_running_loop()
        while not stop.is_set():
            try:
                busy = await self.run_once()
            except Exception:  # the loop must outlive a bad batch; the rows stay queued
                log.exception("outbox batch failed")
                busy = 0
            if busy:
                continue
            self._wake.clear()
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
            _, pending = await asyncio.wait(waiters, timeout=poll_interval,
                                            return_when=asyncio.FIRST_COMPLETED)
            for waiter in pending:
                waiter.cancel()

    async def run_once(self) -> int:
        """Claim one batch and work it; returns how many rows were claimed."""
        batch = await anyio.to_thread.run_sync(self._claim)
        by_target: dict[str, list[Delivery]] = {}
        for delivery in batch:
            by_target.setdefault(delivery.target, []).append(delivery)
        # Targets run side by side so that one slow target does not hold up the others;
        # rows of one target go in order (a texter's replies must not overtake each other).
        async with anyio.create_task_group() as tg:
            for rows in by_target.values():
                tg.start_soon(self._deliver_in_order, rows)
        return len(batch)

    async def _deliver_in_order(self, rows: Sequence[Delivery]) -> None:
        for delivery in rows:
            await self._deliver(delivery)

    def _claim(self) -> list[Delivery]:
        with UnitOfWork(self.sessions) as uow:
            items = outbox.claim(uow.session, now=self.clock(), lease=self.policy.lease,
                                 limit=self.policy.batch)
            batch = [Delivery(i.id, i.event_id, i.kind, i.target, dict(i.payload), i.attempts,
                              i.claimed_until) for i in items]
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

    def _prepare(self, d: Delivery) -> bool:
        """Renew our lease (still ours?) and, for texters, pass the gate; True to send now."""
        with UnitOfWork(self.sessions) as uow:
            now = self.clock()
            if d.lease_until is None or outbox.renew(
                    uow.session, d.id, d.lease_until, now=now, lease=self.policy.lease) is None:
                log.info("outbox %s: lease lost to another worker, not sending", d.id)
                return False
            allowed = True
            if d.kind == TEXTER:
                allowed = self._gate(uow.session, d, now)
            uow.commit()
        return allowed

    def _gate(self, session: Session, d: Delivery, now: datetime) -> bool:
        """The consent gate at the moment of sending; False when it held or refused the row."""
        p = d.payload
        item = outbox.get(session, d.id)
        assert item is not None
        decision = gatekeeper.check(
            session, purpose=Purpose(p.get("purpose", Purpose.PROACTIVE.value)),
            channel=p.get("channel", "sms"), phone=p.get("phone"), chat_id=p.get("chat_id"),
            now=now, business_tz=self.settings.business_timezone)
        if decision.action == "deny":
            outbox.mark_suppressed(item, decision.reason)
        elif decision.action == "hold":
            assert decision.not_before is not None
            outbox.hold(item, decision.not_before, decision.reason)
        return decision.allowed

    def _sent(self, d: Delivery, provider_id: str | None) -> None:
        with UnitOfWork(self.sessions) as uow:
            item = outbox.get(uow.session, d.id)
            assert item is not None
            if item.status != "pending":  # finished elsewhere meanwhile; keep what it says
                log.warning("outbox %s sent, but it was already %s", d.id, item.status)
                return
            now = self.clock()
            outbox.mark_sent(item, now)
            if d.kind == TEXTER:
                p = d.payload
                messages.log_outbound(
                    uow.session, channel=p.get("channel", "sms"),
                    sender_key=str(p.get("sender_key", "")), phone=p.get("phone"),
                    text=p.get("text", ""), purpose=p.get("purpose", "proactive"), now=now,
                    in_reply_to=p.get("in_reply_to"), provider_id=provider_id)
            uow.commit()

    def _failed(self, d: Delivery, error: str, retry_after: float | None,
                permanent: bool) -> None:
        with UnitOfWork(self.sessions) as uow:
            item = outbox.get(uow.session, d.id)
            assert item is not None
            if item.status != "pending":
                log.warning("outbox %s: %s, but it was already %s", d.id, error, item.status)
                return
            now = self.clock()
            outbox.retry_later(item, error, now,
                               max_attempts=1 if permanent else self.policy.max_attempts,
                               base=self.policy.base, cap=self.policy.cap)
            if retry_after is not None and item.status == "pending":
                # The peer's own "retry after" wins over our backoff, within our cap.
                wait = min(timedelta(seconds=max(retry_after, 0)), self.policy.cap)
                item.next_attempt_at = now + wait
            uow.commit()
        level = logging.ERROR if item.status == "failed" else logging.WARNING
        log.log(level, "outbox %s to %s %s: %s", d.id, d.target,
                "failed for good" if item.status == "failed" else "will retry", error)

    def _blocked(self, d: Delivery, error: str) -> None:
        with UnitOfWork(self.sessions) as uow:
            item = outbox.get(uow.session, d.id)
            assert item is not None
            if item.status != "pending":
                return
            outbox.mark_suppressed(item, f"recipient blocked: {error}")
            if self.on_blocked is not None:
                self.on_blocked(uow.session, d, self.clock())
            uow.commit()
