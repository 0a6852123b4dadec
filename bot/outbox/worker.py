"""`intake worker` and the in-process dispatcher of `intake serve`."""

from __future__ import annotations

import asyncio
import logging
import signal
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.blocked import record_block
from bot.outbox.dispatcher import Dispatcher, Policy
from bot.outbox.senders import build_senders
from bot.settings import Settings
from store.db import make_engine, session_factory, urgent_sessions

log = logging.getLogger(__name__)


def policy_from(settings: Settings) -> Policy:
    """The retry policy from the OUTBOX_* settings."""
    lease = settings.outbox_lease_seconds
    return Policy(
        lease=timedelta(seconds=lease), max_attempts=settings.outbox_max_attempts,
        base=timedelta(seconds=settings.outbox_backoff_base_seconds),
        cap=timedelta(seconds=settings.outbox_backoff_cap_seconds),
        send_timeout=min(Policy().send_timeout, lease / 2), lanes=settings.outbox_lanes,
        heartbeat=timedelta(seconds=settings.outbox_heartbeat_seconds),
        dead_after=timedelta(seconds=settings.outbox_dead_after_seconds))


def make_dispatcher(sessions: sessionmaker[Session], settings: Settings) -> Dispatcher:
    """A dispatcher with every configured sender; its writes go first on SQLite."""
    return Dispatcher(urgent_sessions(sessions), settings, build_senders(settings),
                      policy=policy_from(settings), on_blocked=record_block)


async def _run(dispatcher: Dispatcher) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    log.info("outbox worker started")
    await dispatcher.run(stop)
    log.info("outbox worker stopped")


def run_worker(settings: Settings) -> int:
    """Dispatch the outbox until SIGINT/SIGTERM."""
    engine = make_engine(settings.database_url, settings.database_bounds)
    dispatcher = make_dispatcher(session_factory(engine), settings)
    asyncio.run(_run(dispatcher))
    return 0
