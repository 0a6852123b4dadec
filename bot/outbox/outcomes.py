"""What a delivery's outcome does to its row: renew before sending, then sent/failed/blocked.

Every error text is masked before it is stored: a library's message may quote a URL with
the bot token in it, and `last_error` is served by GET /api/outbox.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot import gatekeeper
from bot.logs import Masker
from bot.outbox.contract import TEXTER, Delivery
from bot.settings import Settings
from bot.texting import verdict
from consent.gate import Purpose
from store import messages, outbox
from store.uow import UnitOfWork

log = logging.getLogger("bot.outbox.dispatcher")
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
    lanes: int = 32  # sends in flight at once, each in its own lane
    heartbeat: timedelta = timedelta(seconds=2)
    # No heartbeat for this long and a worker counts as gone: its claims are free again.
    dead_after: timedelta = timedelta(seconds=10)

    def __post_init__(self) -> None:
        if self.send_timeout >= self.lease.total_seconds():
            raise ValueError("the send timeout must be shorter than the lease")
        if self.max_attempts < 1 or self.batch < 1 or self.lanes < 1:
            raise ValueError("max_attempts, batch and lanes must be at least 1")
        if self.dead_after < 2 * self.heartbeat:
            raise ValueError("dead_after must span at least two heartbeats")


class Outcomes:
    """The database side of a dispatcher (a mixin): each method is one short transaction."""

    sessions: sessionmaker[Session]
    settings: Settings
    policy: Policy
    clock: Callable[[], datetime]
    on_blocked: BlockedHook | None
    worker_id: str
    mask: Masker

    def _prepare(self, d: Delivery) -> bool:
        """Renew our lease (still ours?) and, for texters, pass the gate; True to send now."""
        with UnitOfWork(self.sessions) as uow:
            now = self.clock()
            if d.lease_until is None or outbox.renew(
                    uow.session, d.id, d.lease_until, now=now, lease=self.policy.lease,
                    worker=self.worker_id) is None:
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
        stale = verdict.superseded(session, p)
        if stale is not None:  # a reminder for a visit that moved: not true any more
            outbox.mark_suppressed(item, stale)
            verdict.refused(session, p, stale, now)
            return False
        decision = gatekeeper.check(
            session, purpose=Purpose(p.get("purpose", Purpose.PROACTIVE.value)),
            channel=p.get("channel", "sms"), phone=p.get("phone"), chat_id=p.get("chat_id"),
            now=now, business_tz=self.settings.business_timezone)
        if decision.action == "deny":
            outbox.mark_suppressed(item, decision.reason)
        elif decision.action == "hold":
            assert decision.not_before is not None
            outbox.hold(item, decision.not_before, decision.reason)
        verdict.gated(session, p, decision, now)
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
            if d.kind == TEXTER and not verdict.sent(uow.session, d.payload, provider_id, now):
                p = d.payload
                messages.log_outbound(
                    uow.session, channel=p.get("channel", "sms"),
                    sender_key=str(p.get("sender_key", "")), phone=p.get("phone"),
                    text=p.get("text", ""), purpose=p.get("purpose", "proactive"), now=now,
                    in_reply_to=p.get("in_reply_to"), provider_id=provider_id)
            uow.commit()

    def _failed(self, d: Delivery, error: str, retry_after: float | None,
                permanent: bool) -> None:
        error = self.mask(error)
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
            if d.kind == TEXTER:
                verdict.failed(uow.session, d.payload, error, item.status == "failed", now)
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
            outbox.mark_suppressed(item, self.mask(f"recipient blocked: {error}"))
            verdict.refused(uow.session, d.payload, self.mask(f"recipient blocked: {error}"),
                            self.clock())
            if self.on_blocked is not None:
                self.on_blocked(uow.session, d, self.clock())
            uow.commit()
