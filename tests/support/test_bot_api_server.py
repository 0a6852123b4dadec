"""python-telegram-bot's own Bot/Application against the fake Bot API server."""

from __future__ import annotations

import asyncio
import datetime as dtm
import time

import httpx
import pytest
from telegram import (
    Bot,
    ChatMemberBanned,
    ChatMemberMember,
    KeyboardButton,
    Message,
    MessageEntity,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from tests.support.bot_api_server import (
    BotApiServer,
    make_command_update,
    make_contact_update,
    make_my_chat_member_update,
    make_text_update,
    parse_params,
)
from tests.support.fixtures import bot_api_server_fixture  # noqa: F401

TOKEN = "123456:TEST-token"
CHAT = 555


def _bot(server: BotApiServer) -> Bot:
    return Bot(TOKEN, base_url=server.base_url)


async def test_get_me_and_token(bot_api_server: BotApiServer) -> None:
    """Initialising the bot calls getMe; the token is recorded."""
    async with _bot(bot_api_server) as bot:
        me = await bot.get_me()
    assert me.is_bot and me.username == bot.username == "intake_test_bot"
    assert bot_api_server.token == TOKEN
    assert bot_api_server.calls[0][0] == "getMe"


async def test_send_message_recorded_with_reply_keyboard(bot_api_server: BotApiServer) -> None:
    """send_message returns a Message and the keyboard is recorded as a dict."""
    markup = ReplyKeyboardMarkup(
        [[KeyboardButton("Share phone", request_contact=True)]], one_time_keyboard=True
    )
    async with _bot(bot_api_server) as bot:
        m1 = await bot.send_message(CHAT, "hello", reply_markup=markup, parse_mode="HTML")
        m2 = await bot.send_message(CHAT, "123")
    assert isinstance(m1, Message) and m1.text == "hello" and m1.chat.id == CHAT
    assert m1.chat.type == "private" and m1.from_user is not None and m1.from_user.is_bot
    assert m2.message_id == m1.message_id + 1
    sent = bot_api_server.sent[0]
    assert sent.chat_id == CHAT and sent.parse_mode == "HTML"
    assert sent.reply_markup is not None
    assert sent.reply_markup["keyboard"] == [[{"text": "Share phone", "request_contact": True}]]
    assert sent.reply_markup["one_time_keyboard"] is True
    assert bot_api_server.sent_to(CHAT) == ["hello", "123"]  # "123" stays a string


async def test_get_updates_parses_and_honours_offset(bot_api_server: BotApiServer) -> None:
    """Pushed updates come back as telegram.Update objects; offset confirms them."""
    bot_api_server.push_update(make_text_update(1, CHAT, "hi there", first_name="Ann"))
    bot_api_server.push_update(make_contact_update(2, CHAT, "+15551234567", CHAT, CHAT))
    bot_api_server.push_update(make_my_chat_member_update(3, CHAT, CHAT, "kicked"))
    bot_api_server.push_update(make_my_chat_member_update(4, CHAT, CHAT, "member"))
    bot_api_server.push_update(make_command_update(5, CHAT, "/start ref-42"))
    async with _bot(bot_api_server) as bot:
        updates = await bot.get_updates()
        assert [u.update_id for u in updates] == [1, 2, 3, 4, 5]
        text, contact, kicked, member, command = updates
        assert text.message is not None and text.message.text == "hi there"
        assert text.effective_user is not None and text.effective_user.first_name == "Ann"
        assert contact.message is not None and contact.message.contact is not None
        assert contact.message.contact.phone_number == "+15551234567"
        assert contact.message.contact.user_id == CHAT
        assert kicked.my_chat_member is not None
        assert isinstance(kicked.my_chat_member.new_chat_member, ChatMemberBanned)
        assert member.my_chat_member is not None
        assert isinstance(member.my_chat_member.new_chat_member, ChatMemberMember)
        assert command.message is not None
        assert command.message.parse_entities([MessageEntity.BOT_COMMAND]) == {
            command.message.entities[0]: "/start"
        }
        assert [u.update_id for u in await bot.get_updates(offset=4)] == [4, 5]
        assert await bot.get_updates(offset=6, timeout=0) == ()
    assert bot_api_server.pending_updates == []


async def test_get_updates_long_poll(bot_api_server: BotApiServer) -> None:
    """An empty long-poll waits ~timeout; a push during the wait returns immediately."""
    async with _bot(bot_api_server) as bot:
        t0 = time.monotonic()
        assert await bot.get_updates(timeout=0.3) == ()
        assert 0.25 < time.monotonic() - t0 < 2.0
        loop = asyncio.get_running_loop()
        loop.call_later(0.1, bot_api_server.push_update, make_text_update(9, CHAT, "late"))
        t0 = time.monotonic()
        (update,) = await bot.get_updates(timeout=5)
        assert update.update_id == 9 and time.monotonic() - t0 < 1.5


async def test_webhook_roundtrip(bot_api_server: BotApiServer) -> None:
    """set_webhook records url/secret/allowed_updates; getUpdates conflicts while set."""
    async with _bot(bot_api_server) as bot:
        assert await bot.set_webhook(
            "https://example.test/tg",
            secret_token="s3cret",
            allowed_updates=["message"],
            drop_pending_updates=True,
        )
        assert bot_api_server.webhook["secret_token"] == "s3cret"
        assert bot_api_server.webhook["allowed_updates"] == ["message"]
        assert bot_api_server.webhook["drop_pending_updates"] is True
        info = await bot.get_webhook_info()
        assert info.url == "https://example.test/tg"
        with pytest.raises(TelegramError, match="Conflict"):
            await bot.get_updates()
        assert await bot.delete_webhook()
        assert (await bot.get_webhook_info()).url == ""
        assert await bot.answer_callback_query("cbq-1")
        assert await bot.send_chat_action(CHAT, "typing")


async def test_blocked_chat_raises_forbidden(bot_api_server: BotApiServer) -> None:
    """block_chat makes sendMessage fail with Forbidden until unblocked."""
    bot_api_server.block_chat(CHAT)
    async with _bot(bot_api_server) as bot:
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(CHAT, "hello?")
        bot_api_server.unblock_chat(CHAT)
        await bot.send_message(CHAT, "hello again")
    assert bot_api_server.sent_to(CHAT) == ["hello again"]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_rate_limit_raises_retry_after(bot_api_server: BotApiServer) -> None:
    """rate_limit_next yields RetryAfter(1) for exactly n sendMessage calls."""
    bot_api_server.rate_limit_next(1, retry_after=1)
    async with _bot(bot_api_server) as bot:
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(CHAT, "flood")
        # int in PTB 22 (deprecated), timedelta with PTB_TIMEDELTA=1 / in PTB 23
        assert info.value.retry_after in (1, dtm.timedelta(seconds=1))
        await bot.send_message(CHAT, "ok now")
    assert bot_api_server.sent_to(CHAT) == ["ok now"]
    assert len(bot_api_server.calls_to("sendMessage")) == 2


async def test_fail_next_raises_network_error(bot_api_server: BotApiServer) -> None:
    """fail_next returns 5xx for any method, then recovers."""
    async with _bot(bot_api_server) as bot:
        bot_api_server.fail_next(2, status=502)
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(CHAT, "x")
        with pytest.raises(TelegramError):
            await bot.get_me()
        bot_api_server.fail_next(1, status=599)  # non-standard codes work too
        with pytest.raises(NetworkError):
            await bot.send_chat_action(CHAT, "typing")
        await bot.send_message(CHAT, "y")
    assert bot_api_server.sent_to(CHAT) == ["y"]
    assert [m for m, _ in bot_api_server.calls][-4:] == [
        "sendMessage",
        "getMe",
        "sendChatAction",
        "sendMessage",
    ]


async def test_valid_token_rejects_others() -> None:
    """With valid_token set, other tokens get 401 -> InvalidToken."""
    with BotApiServer(valid_token=TOKEN) as server:
        async with Bot(TOKEN, base_url=server.base_url) as bot:
            assert (await bot.get_me()).id == server.bot_user["id"]
        with pytest.raises(InvalidToken):
            async with Bot("999:wrong", base_url=server.base_url):
                pass


async def test_json_and_multipart_bodies(bot_api_server: BotApiServer) -> None:
    """Raw JSON bodies are accepted; multipart parsing matches PTB's encoding."""
    async with httpx.AsyncClient() as client:
        url = f"{bot_api_server.base_url}{TOKEN}/sendMessage"
        resp = await client.post(url, json={"chat_id": CHAT, "text": "via json"})
        assert resp.json()["ok"] is True
        bad = await client.post(url, json={"chat_id": CHAT})
        assert bad.status_code == 400 and bad.json()["error_code"] == 400
        missing = await client.post(f"{bot_api_server.base_url}{TOKEN}/noSuchMethod")
        assert missing.status_code == 404
    assert bot_api_server.sent_to(CHAT) == ["via json"]
    req = httpx.Request(
        "POST",
        "http://x/",
        data={"chat_id": "5", "caption": "42", "reply_markup": '{"a": 1}'},
        files={"document": ("a.txt", b"data")},
    )
    params = parse_params(req.headers["Content-Type"], req.read())
    assert params == {"chat_id": 5, "caption": "42", "reply_markup": {"a": 1}, "document": b"data"}


async def test_application_polling_replies(bot_api_server: BotApiServer) -> None:
    """ApplicationBuilder + start_polling receives a pushed update and replies."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"echo: {update.effective_message.text}")

    app = ApplicationBuilder().token(TOKEN).base_url(bot_api_server.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.05, timeout=1)
    try:
        bot_api_server.push_update(make_text_update(100, CHAT, "ping"))
        (msg,) = await bot_api_server.wait_for_sent(1, chat_id=CHAT, timeout=5)
        assert msg.text == "echo: ping"
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    methods = [m for m, _ in bot_api_server.calls]
    assert "deleteWebhook" in methods and "getUpdates" in methods
    assert bot_api_server.pending_updates == []  # the final getUpdates confirmed update 100
