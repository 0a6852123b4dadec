"""The path of one inbound message: idempotency, consent keywords, conversation, one commit."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import anyio.to_thread
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from bot import gatekeeper
from bot.conversation.machine import Keyword, after_keyword, respond
from bot.conversation.state import Context, ConvState, ReplyToOffice
from bot.intake import apply_effects
from bot.messages import HandleResult, InboundMessage, Reply
from bot.outbox.dispatcher import TEXTER
from bot.settings import Settings
from bot.snapshot import Snapshot
from consent.gate import Purpose
from consent.keywords import Classification, Intent, classify
from consent.ledger import ConsentEvent, session_key_of
from consent.texts import (
    DISCLOSURE_VERSION,
    Business,
    help_text,
    opt_in_confirmation,
    opt_out_confirmation,
)
from store import conversations, customers, ledger, messages, outbox
from store.clock import as_utc
from store.models import MessageLog
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
PUSH_CHANNELS = frozenset({"telegram"})
LINKED = "customer_id"  # kept beside the conversation's state: the record its thread joined
# Settings the conversation reads (optional slots switched on by ASK_* variables).
_FLAGS = {name for name in Settings.model_fields if name.startswith("ask_")}


@dataclass(frozen=True)
class Pipeline:
    """Handles inbound messages against one database with one configuration."""

    sessions: sessionmaker[Session]
    settings: Settings
    # Called after each commit (the outbox dispatcher's kick: queued rows go out at once).
    after_commit: Callable[[], None] | None = None
    # Turns to handle a message (None: as many as anyio's threads). On SQLite every message
    # writes and writers go one at a time, so more threads only add connections, memory and
    # contention; the others wait here, without a thread, for at most the lock bound
    # (DATABASE_LOCK_TIMEOUT_SECONDS), then a 503 the caller can retry, counted like a lock
    # timeout.
    turns: anyio.CapacityLimiter | None = None

    @property
    def business(self) -> Business:
        """The business as the compliance texts name it."""
        return Business(self.settings.business_name, self.settings.business_phone)

    async def run(self, msg: InboundMessage) -> HandleResult:
        """`handle` off the event loop (the database calls block)."""
        if self.turns is None:
            return await anyio.to_thread.run_sync(self.handle, msg)
        wait = self.settings.database_bounds.lock
        with anyio.move_on_after(wait):
            await self.turns.acquire()
            try:  # the wait is over: the message is handled to the end, however long
                with anyio.CancelScope(shield=True):
                    return await anyio.to_thread.run_sync(self.handle, msg)
            finally:
                self.turns.release()
        raise PoolTimeout(f"no turn to handle the message within {wait:g} s")

    def handle(self, msg: InboundMessage, now: datetime | None = None) -> HandleResult:
        """Process one message in one transaction; replays answer as the first time did."""
        now = now or msg.received_at
        with UnitOfWork(self.sessions) as uow:
            session = uow.session
            inbound = self._claim(session, msg, now)
            if inbound is None:
                assert msg.provider_id is not None
                first = messages.inbound(session, msg.channel, msg.provider_id)
                return HandleResult(texts=list(first.replies or []) if first else [],
                                    replayed=True)
            conversation = conversations.load_for_update(session, msg.channel, msg.sender_key,
                                                         now)
            state = ConvState.from_dict(conversation.state)
            msg = _with_source(msg, conversation.state)
            texter = Snapshot(session, chat_id=msg.chat_id,
                              session_key=session_key_of(msg.channel, msg.sender_key))
            phone = self._phone(texter, msg, state)
            replies, state = self._decide(texter, msg, state, phone, now,
                                          as_utc(conversation.updated_at))
            phone = self._phone(texter, msg, state)
            texts = self._send(texter, msg, replies, phone, inbound, now, state.step)
            saved = state.to_dict()
            if msg.source:
                saved["source"] = msg.source  # beside the state; ConvState ignores the key
            before = conversation.state.get(LINKED)
            linked = self._timeline(texter, msg, phone, texts, inbound, now, before)
            if linked is not None or before is not None:
                saved[LINKED] = linked or before  # beside the state: this sender's record
            conversations.save(conversation, saved, now)
            uow.commit()
        if self.after_commit is not None:
            self.after_commit()
        return HandleResult(texts=texts, step=state.step)

    @staticmethod
    def _phone(texter: Snapshot, msg: InboundMessage, state: ConvState) -> str | None:
        """Given by the channel, told in this conversation, or on file for this Telegram chat.

        The last one matters when the draft is empty ("never mind" drops it): a Telegram STOP
        must still revoke that phone's SMS consent, and an SMS STOP still silence Telegram.
        """
        return msg.phone or state.draft.phone or texter.chat_phone()

    def _claim(self, session: Session, msg: InboundMessage, now: datetime) -> MessageLog | None:
        provider_id = msg.provider_id or f"local-{now.timestamp()}-{id(msg)}"
        return messages.claim_inbound(session, channel=msg.channel, sender_key=msg.sender_key,
                                      phone=msg.phone, text=msg.text, provider_id=provider_id,
                                      now=now)

    def _decide(self, texter: Snapshot, msg: InboundMessage, state: ConvState,
                phone: str | None, now: datetime,
                last_seen: datetime) -> tuple[list[Reply], ConvState]:
        """Consent keywords first; the conversation only sees what they let through."""
        session = texter.session
        status = texter.consent_status(phone, _gate_channel(msg))
        opted_out = status == "opted_out"
        found = classify(msg.text, opted_out=opted_out)
        carrier = carrier_intent(msg.opt_out_type)
        if carrier is not None:
            # Twilio's Advanced Opt-Out decided (its own keyword lists, possibly custom words
            # such as ARRET or SALIR): record and honour it whatever our classifier reads.
            found = Classification(carrier, "carrier", found.language)
        if found.intent in (Intent.OPT_OUT, Intent.HELP, Intent.OPT_IN) and (
                found.intent is not Intent.OPT_IN or opted_out or carrier is not None):
            replies = self._keyword(session, msg, found, phone, opted_out, now)
            if found.intent is Intent.OPT_OUT or carrier is not None or (
                    opted_out and found.intent is Intent.HELP):
                return replies, state
            # HELP or a re-subscribe: the pending question follows, so nobody is left hanging.
            keyword: Keyword = "help" if found.intent is Intent.HELP else "opt_in"
            again = after_keyword(state, keyword, self._context(
                texter, msg, status, last_seen, phone, now), now)
            return replies + [Reply(t, Purpose.REPLY) for t in again.replies], again.state
        if opted_out:
            # Nothing goes back; but an answer to the office's text (sent before the STOP)
            # still reaches the office's thread and the office, who may call instead.
            office = texter.office_message(phone, now, self.settings.office_reply_window_hours)
            if office is not None:
                apply_effects(session, self.settings, [ReplyToOffice(office, msg.text)], msg,
                              phone, now)
            log.info("message from an opted-out %s texter recorded, nothing sent", msg.channel)
            return [], state
        if msg.answer is not None and state.disclosure == "shown":
            # A new texter gets the disclosure first.
            return [Reply(msg.answer, Purpose.REPLY)], state
        context = self._context(texter, msg, status, last_seen, phone, now)
        if found.intent is Intent.OPT_IN:
            # START while subscribed (Telegram's /start, a deep link clicked again): the
            # conversation decides (start over mid-way); "start" is never an answer.
            outcome = after_keyword(state, "start", context, now)
        else:
            outcome = respond(state, msg.text, context, now)
        if outcome.effects:
            apply_effects(session, self.settings, outcome.effects, msg,
                          msg.phone or outcome.state.draft.phone, now)
            texter.forget_records()
        return [Reply(text, Purpose.REPLY) for text in outcome.replies], outcome.state

    def _keyword(self, session: Session, msg: InboundMessage, found: Classification,
                 phone: str | None, opted_out: bool, now: datetime) -> list[Reply]:
        lang = found.language
        handled_by_twilio = found.method == "carrier"
        reply: Reply | None
        if found.intent is Intent.OPT_OUT:
            kind, reply = "opt_out", Reply(opt_out_confirmation(self.business, lang),
                                           Purpose.OPT_OUT_CONFIRMATION)
            if opted_out:
                reply = None  # exactly one confirmation per opt-out
        elif found.intent is Intent.HELP:
            kind, reply = "help", Reply(help_text(self.business, lang), Purpose.HELP)
        else:
            kind, reply = "opt_in", Reply(opt_in_confirmation(self.business, lang),
                                          Purpose.OPT_IN_CONFIRMATION)
        ledger.append(session, ConsentEvent(
            channel=msg.channel, kind=kind,
            method="carrier" if handled_by_twilio else (found.method or "keyword"),
            actor="twilio" if handled_by_twilio else "texter", recorded_at=now, phone=phone,
            chat_id=msg.chat_id, text=msg.text,
            session_key=session_key_of(msg.channel, msg.sender_key),  # web chat's session
            disclosure=reply.text if reply else None,
            disclosure_version=DISCLOSURE_VERSION if reply else None,
            provider_message_id=msg.provider_id))
        if handled_by_twilio or reply is None:
            return []  # Twilio's Advanced Opt-Out already answered this keyword
        return [reply]

    def _context(self, texter: Snapshot, msg: InboundMessage, status: str,
                 last_seen: datetime, phone: str | None, now: datetime) -> Context:
        """The one place a Context is built: settings, the message and the texter's snapshot."""
        # A chat we already know: its phone is offered like an SMS caller id.
        caller = msg.phone or texter.chat_phone()
        return Context(channel=msg.channel, business=self.business,
                       tz=self.settings.business_timezone, region=self.settings.default_region,
                       lookup=texter.known, caller_phone=caller,
                       consent_status=status, media_count=msg.media_count,
                       address_max_attempts=self.settings.address_max_attempts,
                       last_seen=last_seen,
                       idle_minutes=self.settings.conversation_idle_minutes,
                       flags=self.settings.model_dump(include=_FLAGS),
                       office_message=functools.partial(
                           texter.office_message, phone, now,
                           self.settings.office_reply_window_hours))

    def _send(self, texter: Snapshot, msg: InboundMessage, replies: list[Reply],
              phone: str | None, inbound: MessageLog, now: datetime,
              step: str) -> list[str]:
        """Pass each reply through the gate now; log what goes out; keep texts for replays.

        Channels that push replies (Telegram) queue them in the outbox instead: the
        dispatcher sends them after commit and passes the gate at that moment.
        """
        session = texter.session
        if msg.channel in PUSH_CHANNELS:
            for n, reply in enumerate(replies):
                outbox.enqueue(session, event_id=f"reply-{inbound.id}-{n}", kind=TEXTER,
                               target=f"texter:{msg.channel}", now=now,
                               ordering_key=f"{msg.channel}:{msg.sender_key}", payload={
                                   "channel": msg.channel, "chat_id": msg.chat_id,
                                   "phone": phone, "sender_key": msg.sender_key,
                                   "text": reply.text, "purpose": reply.purpose.value,
                                   "in_reply_to": inbound.id, "step": step})
            inbound.replies = [r.text for r in replies]
            inbound.phone = phone
            return [r.text for r in replies]
        texts = []
        for reply in replies:
            decision = gatekeeper.check(
                session, purpose=reply.purpose, channel=_gate_channel(msg), phone=phone,
                chat_id=msg.chat_id, now=now, business_tz=self.settings.business_timezone,
                session_key=texter.session_key, events=texter.events(phone))
            if not decision.allowed:
                continue
            messages.log_outbound(session, channel=msg.channel, sender_key=msg.sender_key,
                                  phone=phone, text=reply.text, purpose=reply.purpose.value,
                                  now=now, in_reply_to=inbound.id)
            texts.append(reply.text)
        inbound.replies = texts
        inbound.phone = phone
        return texts

    @staticmethod
    def _timeline(texter: Snapshot, msg: InboundMessage, phone: str | None, texts: list[str],
                  inbound: MessageLog, now: datetime, linked: object) -> int | None:
        """The turn on the record's timeline and thread; returns the record's id, if any."""
        customer = texter.record(phone) if phone else None
        if customer is None:
            return None
        inbound.customer_id = customer.id
        if linked != customer.id:
            # The first turn known as this record: this sender's earlier messages (a web
            # chat before its phone was given) join the thread too. Once per record.
            messages.link_sender(texter.session, customer.id, msg.channel, msg.sender_key)
        entries = [("inbound", msg.text[:500])] + [("outbound", t[:500]) for t in texts]
        customers.add_activities(texter.session, customer.id, entries, now,
                                 {"channel": msg.channel})
        customer.last_contacted_at = now
        return customer.id


CARRIER_INTENTS = {"STOP": Intent.OPT_OUT, "START": Intent.OPT_IN, "HELP": Intent.HELP}


def carrier_intent(opt_out_type: str | None) -> Intent | None:
    """Twilio's `OptOutType` (STOP, START, HELP) as an intent; None when absent or unknown."""
    return CARRIER_INTENTS.get((opt_out_type or "").strip().upper())


def _gate_channel(msg: InboundMessage) -> str:
    """The consent channel a message's texter is asked on: Telegram's own, else SMS's."""
    return "telegram" if msg.channel == "telegram" else "sms"


def _with_source(msg: InboundMessage, saved: dict[str, object]) -> InboundMessage:
    """A lead source named earlier in the conversation (a Telegram deep link) still counts."""
    source = msg.source or saved.get("source")
    return replace(msg, source=source) if isinstance(source, str) and source != msg.source \
        else msg
