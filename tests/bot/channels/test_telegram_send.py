"""The Telegram sender: rate limits on a fake clock, errors mapped, keyboards, one Bot reused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.error import RetryAfter

from bot.channels.telegram_send import (
    TEXTER_TARGET,
    RateLimiter,
    TelegramClient,
    client_for,
    keyboard_for,
    retry_seconds,
    send_text,
    telegram_senders,
)
from bot.outbox.dispatcher import Delivery
from bot.outbox.errors import PermanentError, RecipientBlocked, TransientError
from bot.settings import Settings
from tests.support.bot_api_server import BotApiServer
from tests.support.fixtures import bot_api_server_fixture  # noqa: F401
from tests.support.telegram import TOKEN, telegram_settings

CHAT = 31337


class ManualClock:
    """Time that moves only when slept on or advanced."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def limiter(clock: ManualClock, **kw: float) -> RateLimiter:
    return RateLimiter(clock=clock, sleep=clock.sleep, **kw)


async def test_a_short_burst_to_one_chat_goes_at_once_then_one_a_second() -> None:
    clock = ManualClock()
    rl = limiter(clock)
    for _ in range(3):
        await rl.acquire("1")
    assert clock.slept == []
    await rl.acquire("1")
    await rl.acquire("1")
    assert clock.slept == pytest.approx([1.0, 1.0])


async def test_chats_do_not_wait_for_each_other() -> None:
    clock = ManualClock()
    rl = limiter(clock)
    for chat in ("1", "2", "3"):
        for _ in range(3):
            await rl.acquire(chat)
    assert clock.slept == []


async def test_at_most_thirty_a_second_overall() -> None:
    clock = ManualClock()
    rl = limiter(clock)
    start = clock.now
    for chat in range(90):
        await rl.acquire(str(chat))
    # 30 saved up, then 60 more at 30 a second
    assert clock.now - start == pytest.approx(2.0)
    assert max(clock.slept) <= 1 / 30 + 1e-9


async def test_a_chat_held_by_telegram_defers_later_messages_in_order() -> None:
    clock = ManualClock()
    rl = limiter(clock)
    rl.hold("1", 5)
    delays = []
    for _ in range(2):
        with pytest.raises(TransientError) as info:
            await rl.acquire("1")
        delays.append(info.value.retry_after)
    assert delays == pytest.approx([6.0, 7.0])  # each after the refused one, one a second
    await rl.acquire("2")  # other chats go on
    clock.now += 5
    await rl.acquire("1")
    assert clock.slept == []


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_retry_after_in_seconds_whatever_ptb_returns() -> None:
    assert retry_seconds(RetryAfter(3)) == 3.0
    assert retry_seconds(RetryAfter(timedelta(seconds=2.5))) == 2.5


@pytest.mark.parametrize(("payload", "expected"), [
    ({"step": "phone", "purpose": "reply"}, "keyboard"),
    ({"step": "phone", "purpose": "help"}, "keyboard"),
    ({"step": "phone", "purpose": "opt_out_confirmation"}, "remove_keyboard"),
    ({"step": "address", "purpose": "reply"}, "remove_keyboard"),
    ({}, "remove_keyboard"),
])
def test_keyboard_only_while_the_phone_is_asked(payload: dict[str, str], expected: str) -> None:
    markup = keyboard_for(payload).to_dict()
    assert expected in markup
    if expected == "keyboard":
        assert markup["keyboard"] == [[{"text": "Share my phone number",
                                        "request_contact": True}]]
        assert markup["one_time_keyboard"] and markup["resize_keyboard"]


async def test_one_bot_is_initialised_and_reused(bot_api_server: BotApiServer) -> None:
    client = TelegramClient(TOKEN, bot_api_server.base_url)
    assert await client.send(CHAT, "one") == "1"
    assert await client.send(CHAT, "two") == "2"
    await client.aclose()
    assert [m for m, _ in bot_api_server.calls] == ["getMe", "sendMessage", "sendMessage"]
    assert bot_api_server.sent_to(CHAT) == ["one", "two"]


async def test_bot_api_errors_become_the_outboxs(bot_api_server: BotApiServer) -> None:
    client = TelegramClient(TOKEN, bot_api_server.base_url)
    await client.send(CHAT, "hello")
    bot_api_server.fail_next(1, status=502)
    with pytest.raises(TransientError, match="Bad Gateway"):
        await client.send(CHAT, "x")
    with pytest.raises(PermanentError, match="text is empty"):
        await client.send(CHAT, "")
    bot_api_server.block_chat(CHAT)
    with pytest.raises(RecipientBlocked, match="blocked by the user"):
        await client.send(CHAT, "y")
    await client.aclose()


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_control_holds_the_chat(bot_api_server: BotApiServer) -> None:
    client = TelegramClient(TOKEN, bot_api_server.base_url)
    bot_api_server.rate_limit_next(1, retry_after=1)
    with pytest.raises(TransientError) as refused:
        await client.send(CHAT, "first")
    assert refused.value.retry_after == 1.0
    with pytest.raises(TransientError) as held:
        await client.send(CHAT, "second")
    assert held.value.retry_after is not None and held.value.retry_after > 1.0
    assert len(bot_api_server.calls_to("sendMessage")) == 1  # not even tried
    assert await client.send(CHAT + 1, "other chat") is not None
    await client.aclose()


async def test_texts_are_cut_to_telegrams_limit(bot_api_server: BotApiServer) -> None:
    client = TelegramClient(TOKEN, bot_api_server.base_url)
    await client.send(CHAT, "x" * 5000)
    await client.aclose()
    assert len(bot_api_server.sent_to(CHAT)[0]) == 4096


async def test_texter_sender_and_send_text(settings: Settings,
                                           bot_api_server: BotApiServer) -> None:
    assert telegram_senders(settings) == {}
    with pytest.raises(PermanentError, match="TELEGRAM_BOT_TOKEN"):
        await send_text(settings, CHAT, "hi")
    configured = telegram_settings(settings, bot_api_server)
    sender = telegram_senders(configured)[TEXTER_TARGET]
    delivery = Delivery(1, "reply-1-0", "texter", TEXTER_TARGET, {
        "channel": "telegram", "chat_id": CHAT, "text": "What's the best phone number?",
        "purpose": "reply", "step": "phone"}, 0)
    assert await sender(delivery) == "1"
    assert await send_text(configured, -100200, "New request from Maria") == "2"
    with pytest.raises(PermanentError, match="chat_id"):
        await sender(Delivery(2, "e", "texter", TEXTER_TARGET, {"text": "x"}, 0))
    await client_for(configured).aclose()
    first, office = bot_api_server.sent
    assert first.reply_markup is not None and "keyboard" in first.reply_markup
    assert office.chat_id == -100200 and office.text == "New request from Maria"
