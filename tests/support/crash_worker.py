"""Test-only worker process: the real dispatcher, frozen at a chosen point for a SIGKILL.

`child(point, ...)` runs in a separate process (see tests.support.worker_process). It builds
the production dispatcher exactly as `intake worker` does (settings from the environment,
`make_dispatcher`) and wraps each sender: at "before_send" the row is claimed and its lease
renewed, and the worker stops forever before the sender runs; at "after_send" the real
sender delivers, then the worker stops forever before the dispatcher can mark the row sent.
At "hang" it stops like "before_send" but blocks its event loop (a hung process: the pid
runs, nothing else does, not even its heartbeat, and it holds no database lock).
Each row reaching the point appends its id to the marker file. With point "cli" it runs
`intake worker` itself (bot.cli.main). Nothing in `bot/` knows this module exists.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from pathlib import Path

from bot.cli import main as cli_main
from bot.outbox.dispatcher import Delivery, Sender
from bot.outbox.worker import make_dispatcher
from bot.settings import load_settings
from store.db import make_engine, session_factory


def _frozen(sender: Sender, point: str, marker: Path) -> Sender:
    async def send(delivery: Delivery) -> str | None:
        if point == "after_send":
            await sender(delivery)
        with marker.open("a") as f:
            f.write(f"{delivery.id}\n")
        if point == "hang":
            time.sleep(3600)  # blocks the loop: no heartbeat, no other lane, nothing
        await asyncio.Event().wait()  # forever: the test kills us here
        raise AssertionError("unreachable")

    return send


async def _frozen_worker(point: str, marker: Path) -> None:
    settings = load_settings()
    dispatcher = make_dispatcher(session_factory(make_engine(settings.database_url)), settings)
    dispatcher.senders = {k: _frozen(s, point, marker) for k, s in dispatcher.senders.items()}
    await dispatcher.run(asyncio.Event(), poll_interval=0.05)


def child(point: str, marker: str, env: dict[str, str], workdir: str, log: str) -> None:
    """The child process: this environment and directory, output to `log`, then work."""
    os.chdir(workdir)  # no stray .env file from the developer's checkout
    os.environ.clear()
    os.environ.update(env)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    if point == "cli":
        raise SystemExit(cli_main(["worker"]))
    logging.basicConfig(level=logging.INFO)
    asyncio.run(_frozen_worker(point, Path(marker)))
