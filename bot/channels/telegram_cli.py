"""`intake telegram set-webhook URL` and `intake telegram poll` (no public URL needed)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy.orm import Session, sessionmaker
from telegram import Bot, Update
from telegram.error import InvalidToken, RetryAfter, TelegramError, TimedOut

from bot.channels.telegram import process
from bot.channels.telegram_send import retry_seconds
from bot.errors import CliError
from bot.outbox.dispatcher import Dispatcher
from bot.outbox.worker import make_dispatcher
from bot.pipeline import Pipeline
from bot.settings import Settings

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "my_chat_member"]
WEBHOOK_PATH = "/telegram/webhook"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SECRET_CHARS = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as secret_token


def _bot(settings: Settings) -> Bot:
    if not settings.telegram_bot_token:
        raise CliError("TELEGRAM_BOT_TOKEN is empty: set it to the token @BotFather gave you")
    return Bot(settings.telegram_bot_token, base_url=settings.telegram_api_base_url)


def webhook_url(raw: str) -> str:
    """The URL to register: https (http only on this machine); a bare host gets our path."""
    parts = urlsplit(raw.strip())
    local = parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
    if parts.scheme != "https" and not local:
        raise CliError(f"the webhook URL must start with https:// (Telegram only calls https), "
                       f"got {raw!r}")
    if not parts.hostname:
        raise CliError(f"the webhook URL has no host: {raw!r}")
    if parts.path in ("", "/"):
        parts = parts._replace(path=WEBHOOK_PATH)
    return urlunsplit(parts)


async def set_webhook(settings: Settings, url: str) -> str:
    """Register `url` with the secret token and the update types the bot uses."""
    target = webhook_url(url)
    secret = settings.telegram_webhook_secret
    if not secret:
        raise CliError("TELEGRAM_WEBHOOK_SECRET is empty: the webhook refuses every request "
                       "without it")
    if not SECRET_CHARS.fullmatch(secret):
        raise CliError("TELEGRAM_WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ and - "
                       "(1 to 256 characters)")
    try:
        async with _bot(settings) as bot:
            await bot.set_webhook(target, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        raise CliError("Telegram refused TELEGRAM_BOT_TOKEN") from None
    except TelegramError as exc:
        raise CliError(f"Telegram refused the webhook: {exc.message}") from None
    return target


def run_set_webhook(settings: Settings, url: str) -> int:
    """`intake telegram set-webhook URL`."""
    print(f"webhook set: {asyncio.run(set_webhook(settings, url))}")
    return 0


async def _next_batch(bot: Bot, offset: int | None, timeout: float,
                      stop: asyncio.Event) -> tuple[Update, ...] | None:
    """One long poll, cut short when `stop` is set (None then)."""
    fetch = asyncio.ensure_future(bot.get_updates(offset=offset, timeout=int(timeout),
                                                  allowed_updates=ALLOWED_UPDATES))
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if not fetch.done():
        fetch.cancel()
        with contextlib.suppress(asyncio.CancelledError, TelegramError):
            await fetch
        return None
    return fetch.result()


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def _poll_loop(bot: Bot, pipeline: Pipeline, dispatcher: Dispatcher,
                     stop: asyncio.Event, timeout: float) -> int | None:
    offset: int | None = None
    while not stop.is_set():
        try:
            updates = await _next_batch(bot, offset, timeout, stop)
        except InvalidToken:
            raise CliError("Telegram refused TELEGRAM_BOT_TOKEN") from None
        except RetryAfter as exc:
            await _pause(stop, retry_seconds(exc))
            continue
        except TimedOut:
            continue
        except TelegramError as exc:  # network trouble, or another poller (Conflict)
            log.warning("getUpdates failed: %s", exc.message)
            await _pause(stop, 2.0)
            continue
        for update in updates or ():
            try:
                await process(update, pipeline)  # the pipeline wakes the dispatcher
            except Exception:  # not confirmed: the same update comes back on the next poll
                log.exception("telegram update %s failed; will retry", update.update_id)
                await _pause(stop, 1.0)
                break
            offset = update.update_id + 1
    return offset


async def poll(settings: Settings, sessions: sessionmaker[Session], stop: asyncio.Event, *,
               timeout: float = 30.0, dispatcher: Dispatcher | None = None) -> None:
    """Long-poll getUpdates through the webhook's path, dispatching the outbox alongside."""
    bot = _bot(settings)
    dispatcher = dispatcher or make_dispatcher(sessions, settings)
    pipeline = Pipeline(sessions, settings, after_commit=lambda: dispatcher.kick())
    sending = asyncio.create_task(dispatcher.run(stop))
    try:
        async with bot:
            await bot.delete_webhook()  # getUpdates is refused while a webhook is set
            log.info("polling Telegram for updates; Ctrl-C to stop")
            offset = await _poll_loop(bot, pipeline, dispatcher, stop, timeout)
            if offset is not None:  # confirm what was processed, so it is not fetched again
                with contextlib.suppress(TelegramError):
                    await bot.get_updates(offset=offset, timeout=0)
    except InvalidToken:
        raise CliError("Telegram refused TELEGRAM_BOT_TOKEN") from None
    except TelegramError as exc:
        raise CliError(f"Telegram: {exc.message}") from None
    finally:
        stop.set()
        await sending


def run_poll(settings: Settings) -> int:
    """`intake telegram poll`: until SIGINT/SIGTERM."""
    from store.db import make_engine, session_factory
    from store.migrate import upgrade

    _bot(settings)  # a missing token is reported before anything else happens
    engine = make_engine(settings.database_url, settings.database_bounds)
    if engine.dialect.name == "sqlite":
        upgrade(engine)  # the embedded default needs no separate step

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await poll(settings, session_factory(engine), stop)

    asyncio.run(main())
    return 0
