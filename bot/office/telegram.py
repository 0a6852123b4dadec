"""The office Telegram chat (OFFICE_TELEGRAM_CHAT_ID), through the shared Telegram client."""

from __future__ import annotations

from bot.channels.telegram_send import send_text
from bot.office.message import render
from bot.outbox.dispatcher import Delivery, Sender
from bot.settings import Settings


def office_chat(value: str) -> int | str:
    """A numeric chat id (groups are negative), or a public @channel name as given."""
    chat = value.strip()
    return int(chat) if chat.lstrip("-").isdigit() else chat


def office_telegram_sender(settings: Settings) -> Sender:
    """The sender for the "telegram" target.

    It goes through `telegram_send.send_text`, the process's one Bot for this token, so
    office notices and texter replies share Telegram's rate limits and its error mapping
    (a 403 is RecipientBlocked, which the dispatcher turns into a visible failure here).
    """
    chat_id = office_chat(settings.office_telegram_chat_id)

    async def send(delivery: Delivery) -> str | None:
        return await send_text(settings, chat_id, render(delivery.payload, settings).text)

    return send
