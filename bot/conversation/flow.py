"""Moving through the form: which slot is next, how it is asked, applying what a slot read."""

from __future__ import annotations

import copy
from datetime import datetime

from bot import display
from bot.conversation.prompts import say
from bot.conversation.slots import FORM, SLOTS
from bot.conversation.slots.base import Fill, Turn
from bot.conversation.state import Context, ConvState, Handoff, Known, Outcome
from bot.conversation.summary import render_summary

SUMMARY = "summary"


def on_file(s: ConvState, ctx: Context) -> Known | None:
    """The records for a returning texter's phone."""
    return ctx.lookup(s.draft.phone) if s.texter == "returning" and s.draft.phone else None


def turn_for(s: ConvState, ctx: Context, now: datetime, text: str) -> Turn:
    """What a slot is given for this message."""
    return Turn(text=text, draft=s.draft, ctx=ctx, now=now, lang=s.lang,
                editing=s.mode == "editing", known=on_file(s, ctx))


def missing(s: ConvState, ctx: Context) -> str:
    """The first slot of the form still empty, else the summary."""
    for name in FORM:
        slot = SLOTS[name]
        if slot.enabled(ctx) and not slot.filled(s.draft, ctx):
            return name
    return SUMMARY


def ask(s: ConvState, out: Outcome, ctx: Context, now: datetime, step: str) -> None:
    """Make `step` the pending question and ask it."""
    s.step = step
    out.replies.append(question(s, ctx, now))


def question(s: ConvState, ctx: Context, now: datetime) -> str:
    """The pending question as it is asked now (the summary is rendered afresh)."""
    turn = turn_for(s, ctx, now, "")
    return render_summary(turn) if s.step == SUMMARY else SLOTS[s.step].question(turn)


def ask_next(s: ConvState, out: Outcome, ctx: Context, now: datetime) -> None:
    """Leave editing and ask the first empty slot (or the summary)."""
    if s.mode == "editing":
        s.mode = "asking"
    step = missing(s, ctx)
    if s.step and s.step != step and s.step not in s.history:
        s.history.append(s.step)
    ask(s, out, ctx, now, step)


def welcome(s: ConvState, out: Outcome, known: Known) -> None:
    """A phone we know: greet by name, take the name on file if none was given."""
    d = s.draft
    if not (d.first_name or d.company_name):
        d.first_name, d.last_name = known.first_name, known.last_name
        d.company_name = known.company_name
    if s.texter != "returning":
        out.replies.append(say(s, "greet.back", name=d.display_name) if d.display_name
                           else say(s, "greet.back.anonymous"))
    s.texter = "returning"


def apply(s: ConvState, out: Outcome, ctx: Context, fill: Fill) -> None:
    """Write a slot's values into the draft, with its note, effects and the greeting rules."""
    d = s.draft
    phone_before = d.phone
    for key, value in fill.values.items():
        if hasattr(d, key):
            setattr(d, key, copy.deepcopy(value))
        else:
            d.extra[key] = copy.deepcopy(value)
    out.effects.extend(fill.effects)
    if fill.note:
        out.replies.append(say(s, fill.note))
    if d.phone and d.phone != phone_before and s.texter != "returning" and (
            known := ctx.lookup(d.phone)):
        welcome(s, out, known)
    if s.texter == "anonymous" and d.display_name:
        out.replies.append(say(s, "greet.thanks", name=d.display_name))
        s.texter = "named"


def handoff(s: ConvState, out: Outcome, ctx: Context, text: str) -> bool:
    """The office should call: at once when we have a phone (True), else ask for one first."""
    phone = s.draft.phone or ctx.caller_phone
    if phone is None:
        if s.step and s.step != "phone" and s.step not in s.history and s.mode != "done":
            s.history.append(s.step)
        s.resume = "done" if s.mode == "done" else ""
        s.mode, s.step, s.handoff_words = "handoff", "phone", text
        out.replies.append(say(s, "handoff.phone"))
        return False
    out.effects.append(Handoff(phone=phone, draft=copy.deepcopy(s.draft), words=text))
    out.replies.append(say(s, "handoff.ack", phone=display.phone(phone, ctx.region),
                           business=ctx.business.name))
    return True
