"""Which office sender handles which outbox target, from the configuration."""

from __future__ import annotations

from bot.office.email import email_sender
from bot.office.sms import office_sms_sender, texter_sms_sender, twilio_ready
from bot.office.telegram import office_telegram_sender
from bot.office.webhook import webhook_sender
from bot.outbox.dispatcher import Sender
from bot.settings import Settings


def office_senders(settings: Settings) -> dict[str, Sender]:
    """Senders for the configured office targets (and proactive texts by SMS).

    Keys are what `Dispatcher.sender_for` looks up: "sms" serves every "sms:+1555..."
    target, "texter:sms" the proactive texts, which share the Twilio client with them.
    Nothing here touches the network: building the senders is safe at start-up.
    """
    senders: dict[str, Sender] = {}
    if settings.office_telegram_chat_id and settings.telegram_bot_token:
        senders["telegram"] = office_telegram_sender(settings)
    if twilio_ready(settings):
        senders["sms"] = office_sms_sender(settings)
        senders["texter:sms"] = texter_sms_sender(settings)
    if settings.office_email and settings.smtp_url:
        senders["email"] = email_sender(settings)
    if settings.office_webhook_url:
        senders["webhook"] = webhook_sender(settings)
    return senders
