"""The intake conversation: a pure function of (state, text, context, clock)."""

from __future__ import annotations

import copy
from datetime import datetime

from bot.conversation import prompts
from bot.conversation.extract import Facts, extract
from bot.conversation.flow import ask, ask_next, handoff, set_name, set_phone, welcome
from bot.conversation.parsing import (
    BACK,
    NEVER_MIND,
    START_OVER,
    Name,
    is_handoff,
    name_correction,
    parse_name,
    words,
)
from bot.conversation.state import Context, ConvState, Draft, Outcome
from bot.conversation.steps import HANDLERS
from bot.conversation.summary import when_to_dict
from consent.keywords import detect_language
from consent.texts import disclosure


def respond(state: ConvState, text: str, ctx: Context, now: datetime) -> Outcome:
    """Answer one inbound message."""
    out = Outcome(state=copy.deepcopy(state))
    s = out.state
    if s.step in ("", "done"):
        _begin(s, out, text, ctx, now)
        return out
    said = words(text)
    if not said:
        out.replies.append(prompts.REASK["media" if ctx.media_count else "empty"])
        ask(s, out, ctx, s.step)
    elif said in START_OVER:
        _reset(s)
        out.replies.append(prompts.START_OVER)
        _prefill(s, out, ctx)
        ask_next(s, out, ctx)
    elif said in NEVER_MIND:
        _reset(s)
        s.step = "done"
        out.replies.append(prompts.NEVER_MIND)
    elif said in BACK:
        _back(s, out, ctx)
    elif is_handoff(text):
        handoff(s, out, ctx, text)
    elif s.step != "name" and (new_name := name_correction(text)) is not None:
        _correct_name(s, out, ctx, new_name)
    else:
        HANDLERS[s.step](s, out, text, ctx, now)
    return out


def _begin(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    _reset(s)
    s.lang = detect_language(text)
    if not s.disclosed:
        out.replies.append(disclosure(ctx.business, s.lang))
        s.disclosed = True
    _prefill(s, out, ctx)
    facts = extract(text, ctx.region, now, ctx.tz)
    if facts.any:
        _apply_facts(s, out, ctx, facts)
    if is_handoff(text):
        handoff(s, out, ctx, text)
        if s.handoff_pending:
            return
    ask_next(s, out, ctx)


def _reset(s: ConvState) -> None:
    s.draft = Draft()
    s.history = []
    s.editing = s.returning = s.handoff_pending = s.consent_answered = False
    s.greeted = False
    s.step = ""


def _prefill(s: ConvState, out: Outcome, ctx: Context) -> None:
    """SMS: a caller id we already know is a returning texter, greeted by name."""
    if ctx.caller_phone and (known := ctx.lookup(ctx.caller_phone)):
        s.draft.phone = ctx.caller_phone
        welcome(s, out, known)


def _apply_facts(s: ConvState, out: Outcome, ctx: Context, facts: Facts) -> None:
    d = s.draft
    if facts.name and not (d.first_name or d.company_name):
        d.first_name, d.last_name = facts.name.first, facts.name.last
        d.company_name = facts.name.company
    if facts.phone and not d.phone and not ctx.caller_phone:
        set_phone(s, out, ctx, facts.phone)
    if facts.address and d.address is None:
        d.address, d.address_text = facts.address, facts.address_text
    if facts.service and not d.service:
        d.service = facts.service
    if facts.when and not d.when:
        d.when = when_to_dict(facts.when)
    if facts.email and not d.email:
        d.email = facts.email
    if d.display_name and not s.greeted:
        out.replies.append(f"Thanks, {d.display_name}!")
        s.greeted = True


def _back(s: ConvState, out: Outcome, ctx: Context) -> None:
    if not s.history:
        out.replies.append(prompts.NOTHING_TO_GO_BACK_TO)
        ask(s, out, ctx, s.step)
        return
    previous = s.history.pop()
    s.editing = previous != "consent"
    if previous == "consent":
        s.consent_answered = False
    ask(s, out, ctx, previous)


def _correct_name(s: ConvState, out: Outcome, ctx: Context, new_name: str) -> None:
    parsed = parse_name(new_name)
    if not isinstance(parsed, Name):
        out.replies.append(prompts.REASK["name_invalid"])
        return
    set_name(s.draft, parsed)
    out.replies.append(f"Thanks, {s.draft.display_name}, I've updated your name.")
    ask(s, out, ctx, s.step)
