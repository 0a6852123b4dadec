"""Sending to Telegram: one lazily initialised Bot per token, Telegram's rate limits, errors mapped.

`send_text` is the reusable "send this text to this chat" for other senders (office
notifications); `telegram_senders` gives the outbox its sender for texter replies.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import Bot, KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.outbox.dispatcher import Delivery, Sender
from bot.outbox.errors import PermanentError, RecipientBlocked, TransientError
from bot.settings import Settings
from consent.gate import Purpose

log = logging.getLogger(__name__)
TEXTER_TARGET = "texter:telegram"
SHARE_PHONE = "Share my phone number"
MAX_TEXT = 4096  # Telegram refuses longer messages
Markup = ReplyKeyboardMarkup | ReplyKeyboardRemove
Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class _Bucket:
    """A token bucket: `rate` tokens a second, at most `burst` saved up."""

    rate: float
    burst: float
    tokens: float
    at: float

    def wait(self, now: float) -> float:
        """Seconds until a token is available (0 when one is)."""
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        # Tolerance: after sleeping the exact wait, rounding can leave 0.99999...; without
        # it the next wait is too small to move the clock and the loop never ends.
        return 0.0 if self.tokens >= 1 - 1e-9 else (1 - self.tokens) / self.rate


class RateLimiter:
    """Telegram's limits: about 1 message a second per chat (short bursts allowed), 30 overall.

    Short waits are slept here; after Telegram's own 429 the chat is held and later messages
    to it are handed back to the outbox, each a little later than the one before, so that
    a held reply cannot overtake the one Telegram refused.
    """

    def __init__(self, *, per_chat_rate: float = 1.0, per_chat_burst: float = 3.0,
                 global_rate: float = 30.0, clock: Clock = time.monotonic,
                 sleep: Sleep = asyncio.sleep) -> None:
        self._per_chat_rate, self._per_chat_burst = per_chat_rate, per_chat_burst
        self._clock, self._sleep = clock, sleep
        self._global = _Bucket(global_rate, global_rate, global_rate, clock())
        self._chats: dict[str, _Bucket] = {}
        self._held: dict[str, tuple[float, int]] = {}  # chat -> (until, messages deferred)

    def hold(self, chat: str, seconds: float) -> None:
        """Telegram said "retry after `seconds`": send nothing more to `chat` until then."""
        until = self._clock() + seconds
        self._held[chat] = (max(until, self._held.get(chat, (0.0, 0))[0]), 0)

    async def acquire(self, chat: str) -> None:
        """Wait for a slot to send to `chat`; TransientError while Telegram holds the chat."""
        now = self._clock()
        if chat in self._held:
            until, deferred = self._held[chat]
            if until > now:
                self._held[chat] = (until, deferred + 1)
                spacing = (deferred + 1) / self._per_chat_rate
                raise TransientError(f"chat held by Telegram's flood control for "
                                     f"{until - now:.1f}s", retry_after=until - now + spacing)
            del self._held[chat]
        bucket = self._chats.setdefault(chat, _Bucket(
            self._per_chat_rate, self._per_chat_burst, self._per_chat_burst, now))
        while (wait := max(bucket.wait(now), self._global.wait(now))) > 0:
            await self._sleep(wait)
            now = self._clock()
        bucket.tokens -= 1
        self._global.tokens -= 1


def retry_seconds(exc: RetryAfter) -> float:
    """RetryAfter's wait in seconds, whether PTB gives an int (deprecated) or a timedelta."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: Any = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramClient:
    """One Bot for one token, initialised on first use and reused; sends within the limits."""

    def __init__(self, token: str, base_url: str, limiter: RateLimiter | None = None) -> None:
        self._token, self._base_url = token, base_url
        self.limiter = limiter or RateLimiter()
        self._bot: Bot | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def bot(self) -> Bot:
        """The initialised Bot (a new one when the event loop changed: httpx is loop-bound)."""
        loop = asyncio.get_running_loop()
        if self._bot is None or self._loop is not loop:
            bot = Bot(self._token, base_url=self._base_url)
            await bot.initialize()
            self._bot, self._loop = bot, loop
        return self._bot

    async def send(self, chat_id: int | str, text: str, reply_markup: Markup | None = None) -> str:
        """sendMessage; returns the message id, raises the outbox's errors on failure."""
        key = str(chat_id)
        await self.limiter.acquire(key)
        try:
            bot = await self.bot()
            message = await bot.send_message(chat_id, text[:MAX_TEXT], reply_markup=reply_markup)
        except RetryAfter as exc:
            seconds = retry_seconds(exc)
            self.limiter.hold(key, seconds)
            raise TransientError(f"Telegram flood control: retry in {seconds:g}s",
                                 retry_after=seconds) from exc
        except Forbidden as exc:  # blocked, deactivated, or never started the bot
            raise RecipientBlocked(exc.message) from exc
        except (BadRequest, ChatMigrated) as exc:
            raise PermanentError(exc.message) from exc
        except TelegramError as exc:  # NetworkError, TimedOut, 5xx, a token being rotated...
            raise TransientError(f"{type(exc).__name__}: {exc.message}") from exc
        return str(message.message_id)

    async def aclose(self) -> None:
        """Shut the Bot down (only from the loop it was made in)."""
        bot, self._bot = self._bot, None
        if bot is not None and self._loop is asyncio.get_running_loop():
            await bot.shutdown()


_clients: dict[tuple[str, str], TelegramClient] = {}


def client_for(settings: Settings) -> TelegramClient:
    """This process's client for the configured bot: one Bot, one overall rate limit."""
    key = (settings.telegram_bot_token, settings.telegram_api_base_url)
    if key not in _clients:
        _clients[key] = TelegramClient(*key)
    return _clients[key]


async def send_text(settings: Settings, chat_id: int | str, text: str,
                    reply_markup: Markup | None = None) -> str:
    """Send `text` to `chat_id` with the configured bot; the outbox's errors on failure."""
    if not settings.telegram_bot_token:
        raise PermanentError("TELEGRAM_BOT_TOKEN is empty")
    return await client_for(settings).send(chat_id, text, reply_markup)


def keyboard_for(payload: dict[str, Any]) -> Markup:
    """The share-contact button while the phone is asked for; otherwise no keyboard.

    Removing on every other message keeps the sender stateless (no memory of which chat
    saw a keyboard, across processes); Telegram ignores a removal with nothing to remove.
    """
    if payload.get("step") == "phone" and \
            payload.get("purpose") != Purpose.OPT_OUT_CONFIRMATION.value:
        button = KeyboardButton(SHARE_PHONE, request_contact=True)
        return ReplyKeyboardMarkup([[button]], one_time_keyboard=True, resize_keyboard=True)
    return ReplyKeyboardRemove()


def texter_sender(client: TelegramClient) -> Sender:
    """The outbox sender for rows queued by the pipeline for Telegram texters."""
    async def send(d: Delivery) -> str | None:
        chat_id = d.payload.get("chat_id")
        if chat_id is None:
            raise PermanentError("payload has no chat_id")
        return await client.send(int(chat_id), str(d.payload.get("text", "")),
                                 keyboard_for(d.payload))
    return send


def telegram_senders(settings: Settings) -> dict[str, Sender]:
    """Senders for Telegram targets (none when TELEGRAM_BOT_TOKEN is empty)."""
    if not settings.telegram_bot_token:
        return {}
    return {TEXTER_TARGET: texter_sender(client_for(settings))}
