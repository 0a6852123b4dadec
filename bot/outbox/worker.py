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
from store.db import make_engine, session_factory

log = logging.getLogger(__name__)


def policy_from(settings: Settings) -> Policy:
    """The retry policy; OUTBOX_* settings override the defaults once Settings has them."""
    default = Policy()

    def knob(name: str, fallback: float) -> float:
        # getattr: these fields are optional in Settings, and absent until they are added.
        value = getattr(settings, name, None)
        return fallback if value is None else float(value)

    return Policy(
        lease=timedelta(seconds=knob("outbox_lease_seconds", default.lease.total_seconds())),
        max_attempts=int(knob("outbox_max_attempts", default.max_attempts)),
        base=timedelta(seconds=knob("outbox_backoff_base_seconds",
                                    default.base.total_seconds())),
        cap=timedelta(seconds=knob("outbox_backoff_cap_seconds", default.cap.total_seconds())),
        batch=default.batch,
        send_timeout=min(default.send_timeout,
                         knob("outbox_lease_seconds", default.lease.total_seconds()) / 2))


def make_dispatcher(sessions: sessionmaker[Session], settings: Settings) -> Dispatcher:
    """A dispatcher with every configured sender."""
    return Dispatcher(sessions, settings, build_senders(settings), policy=policy_from(settings),
                      on_blocked=record_block)


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
    dispatcher = make_dispatcher(session_factory(make_engine(settings.database_url)), settings)
    asyncio.run(_run(dispatcher))
    return 0
