"""`intake worker` and the in-process dispatcher of `intake serve`."""

from __future__ import annotations

import asyncio
import logging
import signal

from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.blocked import record_block
from bot.outbox.dispatcher import Dispatcher
from bot.outbox.senders import build_senders
from bot.settings import Settings
from store.db import make_engine, session_factory

log = logging.getLogger(__name__)


def make_dispatcher(sessions: sessionmaker[Session], settings: Settings) -> Dispatcher:
    """A dispatcher with every configured sender."""
    return Dispatcher(sessions, settings, build_senders(settings), on_blocked=record_block)


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
