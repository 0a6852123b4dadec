"""Claims due outbox rows, passes texter-facing ones through the consent gate, sends, marks."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

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


Sender = Callable[[Delivery], Awaitable[str | None]]
BlockedHook = Callable[[Session, Delivery, datetime], None]


@dataclass
class Policy:
    """Retry policy: exponential backoff from `base`, capped, `max_attempts` in all."""

    lease: timedelta = timedelta(seconds=60)
    max_attempts: int = 8
    base: timedelta = timedelta(seconds=5)
    cap: timedelta = timedelta(minutes=30)
    batch: int = 20


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

    def sender_for(self, target: str) -> Sender | None:
        """Exact target first ("texter:sms"), then its family ("sms" for "sms:+1555...")."""
        return self.senders.get(target) or self.senders.get(target.split(":", 1)[0])

    def kick(self) -> None:
        """Wake the running loop now (new rows were committed)."""
        if self._wake is not None:
            self._wake.set()

    async def run(self, stop: asyncio.Event, poll_interval: float = 1.0) -> None:
        """Dispatch until `stop` is set; wakes on `kick` or every `poll_interval` seconds."""
        self._wake = asyncio.Event()
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
        for delivery in batch:
            await self._deliver(delivery)
        return len(batch)

    def _claim(self) -> list[Delivery]:
        with UnitOfWork(self.sessions) as uow:
            items = outbox.claim(uow.session, now=self.clock(), lease=self.policy.lease,
                                 limit=self.policy.batch)
            batch = [Delivery(i.id, i.event_id, i.kind, i.target, dict(i.payload), i.attempts)
                     for i in items]
            uow.commit()
        return batch

    async def _deliver(self, d: Delivery) -> None:
        if d.kind == TEXTER and not await anyio.to_thread.run_sync(self._gate, d):
            return
        sender = self.sender_for(d.target)
        try:
            if sender is None:
                raise TransientError(f"no sender configured for target {d.target!r}")
            provider_id = await sender(d)
        except RecipientBlocked as exc:
            await anyio.to_thread.run_sync(self._blocked, d, str(exc))
        except PermanentError as exc:
            await anyio.to_thread.run_sync(self._failed, d, str(exc), None, True)
        except TransientError as exc:
            await anyio.to_thread.run_sync(self._failed, d, str(exc), exc.retry_after, False)
        except Exception as exc:  # an unexpected error is retried, and logged, never swallowed
            log.exception("outbox %s to %s raised", d.id, d.target)
            await anyio.to_thread.run_sync(self._failed, d, repr(exc), None, False)
        else:
            await anyio.to_thread.run_sync(self._sent, d, provider_id)

    def _gate(self, d: Delivery) -> bool:
        """The consent gate at the moment of sending; False when it held or refused the row."""
        p = d.payload
        with UnitOfWork(self.sessions) as uow:
            item = outbox.get(uow.session, d.id)
            assert item is not None
            now = self.clock()
            decision = gatekeeper.check(
                uow.session, purpose=Purpose(p.get("purpose", Purpose.PROACTIVE.value)),
                channel=p.get("channel", "sms"), phone=p.get("phone"), chat_id=p.get("chat_id"),
                now=now, business_tz=self.settings.business_timezone)
            if decision.action == "deny":
                outbox.mark_suppressed(item, decision.reason)
            elif decision.action == "hold":
                assert decision.not_before is not None
                outbox.hold(item, decision.not_before, decision.reason)
            uow.commit()
        return decision.allowed

    def _sent(self, d: Delivery, provider_id: str | None) -> None:
        with UnitOfWork(self.sessions) as uow:
            item = outbox.get(uow.session, d.id)
            assert item is not None
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
            now = self.clock()
            outbox.retry_later(item, error, now,
                               max_attempts=1 if permanent else self.policy.max_attempts,
                               base=self.policy.base, cap=self.policy.cap)
            if retry_after is not None and item.status == "pending":
                item.next_attempt_at = now + timedelta(seconds=retry_after)
            uow.commit()
        level = logging.ERROR if item.status == "failed" else logging.WARNING
        log.log(level, "outbox %s to %s %s: %s", d.id, d.target,
                "failed for good" if item.status == "failed" else "will retry", error)

    def _blocked(self, d: Delivery, error: str) -> None:
        with UnitOfWork(self.sessions) as uow:
            item = outbox.get(uow.session, d.id)
            assert item is not None
            outbox.mark_suppressed(item, f"recipient blocked: {error}")
            if self.on_blocked is not None:
                self.on_blocked(uow.session, d, self.clock())
            uow.commit()
