"""The Telegram edge: check the secret token, parse the Update, translate it, hand it on.

Webhook and polling (`intake telegram poll`) share `process`, so an update means the same
thing whichever way it arrived. No business rule lives here: consent keywords, the
conversation and the records are the pipeline's.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from dataclasses import dataclass, replace
from datetime import datetime

import anyio.to_thread
import phonenumbers
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session, sessionmaker
from telegram import Message, Update
from telegram.constants import ChatType

from bot.channels.telegram_shape import cleaned, shape_problem
from bot.limits import MAX_JSON_DEPTH, json_depth
from bot.messages import InboundMessage
from bot.pipeline import Pipeline
from bot.sanitize import storable
from bot.settings import Settings
from consent.ledger import ConsentEvent
from store import customers, ledger, messages
from store.clock import utcnow
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
router = APIRouter()
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CHANNEL = "telegram"
FOREIGN_CONTACT = ("That contact card isn't yours. Please share your own number with the "
                   "button below, or type it.")
# Deep-link payloads are [A-Za-z0-9_-]{1,64}; "telegram:" + 31 fits the 40-character source.
SOURCE_SLUG = re.compile(r"[A-Za-z0-9_-]+")
MAX_SOURCE_SLUG = 31
COMMAND = re.compile(r"/(?P<name>[A-Za-z0-9_]{1,64})(?:@\w+)?(?:\s+(?P<rest>.*))?", re.S)


@dataclass(frozen=True)
class Membership:
    """The texter blocked ("kicked") or unblocked ("member") the bot in their private chat."""

    chat_id: int
    old_status: str
    new_status: str
    provider_id: str


@dataclass(frozen=True)
class Ignored:
    """An update the bot does not act on, and why (it is logged)."""

    reason: str


Translation = InboundMessage | Membership | Ignored


def provider_id(update_id: int) -> str:
    """The idempotency key of an update in the message log."""
    return f"tg-{update_id}"


def lead_source(payload: str) -> str | None:
    """`telegram:<slug>` for a /start deep-link payload, None when there is none or it is odd."""
    if not payload:
        return None
    if not SOURCE_SLUG.fullmatch(payload):
        log.info("telegram /start payload ignored: not a deep-link slug")
        return None
    return f"{CHANNEL}:{payload[:MAX_SOURCE_SLUG]}"


def contact_phone(raw: str) -> str:
    """E.164 for a shared contact's number (Telegram often leaves out the '+')."""
    digits = re.sub(r"\D", "", raw)
    candidate = raw.strip() if raw.strip().startswith("+") else f"+{digits}"
    try:
        number = phonenumbers.parse(candidate, None)
    except phonenumbers.NumberParseException:
        return raw  # the conversation re-asks for a number it cannot read
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _from_message(msg: Message, pid: str) -> InboundMessage | Ignored:
    base = InboundMessage(channel=CHANNEL, sender_key=str(msg.chat.id), chat_id=msg.chat.id,
                          text="", provider_id=pid)
    if msg.contact is not None:
        own = msg.from_user is not None and msg.contact.user_id == msg.from_user.id
        if not own:  # someone else's number is not the texter's: not stored, not used
            return replace(base, answer=FOREIGN_CONTACT)
        return replace(base, text=contact_phone(storable(msg.contact.phone_number)))
    if msg.text is not None:
        text = storable(msg.text)  # NUL and lone surrogates cannot be stored
        command = COMMAND.fullmatch(text.strip())
        if command is None:
            return replace(base, text=text)
        name, rest = command["name"].lower(), (command["rest"] or "").strip()
        if name == "start":
            return replace(base, text="start", source=lead_source(rest))
        # /help, /stop, /agent...: the word itself, for the consent module and conversation
        return replace(base, text=f"{name} {rest}".strip())
    if msg.effective_attachment is not None:  # photo, sticker, voice, location, ...
        return replace(base, text=storable(msg.caption or ""), media_count=1)
    return Ignored("service message without content from the texter")


def translate(update: Update) -> Translation:
    """What an update means for the bot; no database, no network."""
    pid = provider_id(update.update_id)
    if update.my_chat_member is not None:
        change = update.my_chat_member
        if change.chat.type != ChatType.PRIVATE:
            return Ignored("membership change in a group: the bot is for one-to-one intake")
        return Membership(change.chat.id, change.old_chat_member.status,
                          change.new_chat_member.status, pid)
    if update.message is not None:
        if update.message.chat.type != ChatType.PRIVATE:
            return Ignored("group message: the bot is for one-to-one intake")
        return _from_message(update.message, pid)
    if update.edited_message is not None:
        # The original was answered already; answering the edit would re-run an old step.
        return Ignored("edited message")
    if update.channel_post is not None or update.edited_channel_post is not None:
        return Ignored("channel post: the bot is for one-to-one intake")
    return Ignored("update type the bot does not use")


def _block_kind(change: Membership) -> str | None:
    if change.new_status == "kicked":
        return "bot_blocked"
    if change.new_status == "member" and change.old_status == "kicked":
        return "bot_unblocked"
    return None


def record_membership(sessions: sessionmaker[Session], change: Membership,
                      now: datetime | None = None) -> bool:
    """Ledger bot_blocked / bot_unblocked, once per update; True when this call recorded it."""
    now = now or utcnow()
    kind = _block_kind(change)
    with UnitOfWork(sessions) as uow:
        session = uow.session
        # The message log's unique provider id makes a redelivered update a no-op.
        claimed = messages.claim_inbound(
            session, channel=CHANNEL, sender_key=str(change.chat_id), phone=None,
            text=f"[bot {change.old_status} -> {change.new_status}]",
            provider_id=change.provider_id, now=now)
        if claimed is None:
            return False
        if kind is not None:
            customer = customers.find_by_chat(session, change.chat_id)
            ledger.append(session, ConsentEvent(
                channel=CHANNEL, kind=kind, method="platform", actor="telegram",
                recorded_at=now, phone=customer.phone if customer else None,
                chat_id=change.chat_id, provider_message_id=change.provider_id),
                note=f"Telegram: {kind.replace('_', ' ')}", note_data={"kind": kind})
        uow.commit()
    return kind is not None


async def process(update: Update, pipeline: Pipeline) -> bool:
    """Act on one update (webhook and polling alike); True when outbox rows may be queued."""
    found = translate(update)
    if isinstance(found, Ignored):
        log.info("telegram update %s ignored: %s", update.update_id, found.reason)
        return False
    if isinstance(found, Membership):
        await anyio.to_thread.run_sync(record_membership, pipeline.sessions, found)
        return False
    result = await pipeline.run(found)
    return not result.replayed  # replies, or office notifications without a reply


def parse_update(body: bytes) -> Update | str:
    """The Update in a webhook body, or why it is not one."""
    if json_depth(body) > MAX_JSON_DEPTH:  # before the parser recurses into it
        return f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return "body is not JSON"
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return "expected a Telegram Update: a JSON object with an integer update_id"
    data = cleaned(data)  # NUL and lone surrogates cannot be stored (nor validated)
    if (why := shape_problem(data)) is not None:
        return why
    try:
        return Update.de_json(data, None)
    except Exception as exc:  # PTB raises KeyError/TypeError/...: any of them means "malformed"
        return f"not a Telegram Update ({type(exc).__name__})"


def _problem(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)


@router.post("/telegram/webhook")
async def webhook(request: Request) -> JSONResponse:
    """Telegram's webhook: 200 once the update is durably processed (or deliberately not)."""
    settings: Settings = request.app.state.settings
    if not settings.telegram_bot_token or not settings.telegram_webhook_secret:
        return _problem(503, "Telegram is not configured: TELEGRAM_BOT_TOKEN and "
                             "TELEGRAM_WEBHOOK_SECRET are required")
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), settings.telegram_webhook_secret.encode()):
        return _problem(403, f"{SECRET_HEADER} does not match")
    update = parse_update(await request.body())
    if isinstance(update, str):
        return _problem(400, update)
    await process(update, request.app.state.pipeline)  # the pipeline wakes the dispatcher
    return JSONResponse({"ok": True})
