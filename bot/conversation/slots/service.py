"""What they need, in their words, without greetings or the other facts of the message."""

from __future__ import annotations

import re

from bot.conversation.slots.base import Fill, Reask, Result, Slot, Turn
from bot.conversation.slots.reading import Facts, extract, is_acknowledgement, strip_chatter
from bot.conversation.state import Context, Draft

MAX_CHARS = 1000
# "I need a plumber", "can someone come out?": asking for service, not saying what it is for.
GENERIC = frozenset({"i", "we", "need", "needs", "a", "an", "the", "plumber", "electrician",
                     "technician", "tech", "handyman", "someone", "somebody", "to", "come",
                     "out", "help", "service", "please", "can", "could", "you", "is", "there",
                     "anyone", "today", "asap", "looking", "for", "hvac", "guy", "get", "some",
                     "quote", "estimate", "appointment", "book", "want", "would", "like",
                     "necesito", "un", "una", "plomero", "electricista", "ayuda", "alguien",
                     "que", "venga", "servicio", "me", "with", "question", "got", "guys", "again",
                     "y'all", "yall", "u", "your", "company"})


def _filled(d: Draft, ctx: Context) -> bool:
    return bool(d.service)


def _need(turn: Turn) -> str | None:
    text = strip_chatter(turn.text)
    facts = extract(text, turn.ctx.region, turn.now, turn.ctx.tz)
    if facts.service and (facts.address or facts.phone or facts.email or facts.when):
        text = strip_chatter(facts.service)  # the need, not the address said with it
    if not any(c.isalpha() for c in text) or is_acknowledgement(text) or _generic(text):
        return None
    return text[:MAX_CHARS]


def _generic(text: str) -> bool:
    return all(w in GENERIC for w in re.findall(r"[^\W\d_]+", text.lower()))


def _read(turn: Turn) -> Result:
    need = _need(turn)
    return Fill({"service": need}) if need else Reask("reask.service")


def _from_facts(facts: Facts, turn: Turn) -> Fill | None:
    if not facts.service:
        return None
    need = strip_chatter(facts.service)
    return Fill({"service": need}) if any(c.isalpha() for c in need) and not _generic(
        need) else None


def _correct(turn: Turn) -> Result:
    need = _need(turn)
    return Fill({"service": need}) if need else None


SLOT = Slot(name="service", filled=_filled, question=lambda t: t.say("ask.service"),
            read=_read, shown=lambda t: t.draft.service, from_facts=_from_facts,
            correct=_correct)
