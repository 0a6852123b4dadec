"""The intake conversation: a pure function of (state, text, context, clock).

Each turn: the conversation's own rules (idle expiry, after completion, the cancel question),
then commands (start over, never mind, back, handoff), then the answer (corrections of any
slot, the pending slot, other facts), then the next question.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Literal

from bot.conversation import lang
from bot.conversation.flow import (
    SUMMARY,
    apply,
    ask,
    ask_next,
    handoff,
    question,
    turn_for,
    welcome,
)
from bot.conversation.prompts import say
from bot.conversation.slots import FORM, SLOTS
from bot.conversation.slots.reading import (
    Facts,
    clean,
    extract,
    is_acknowledgement,
    is_handoff,
    read_yes_no,
)
from bot.conversation.state import (
    CancelRequest,
    Context,
    ConvState,
    Draft,
    Mode,
    Outcome,
    ReplyToOffice,
)
from bot.conversation.steps import answer
from bot.conversation.understand.vocab import names_new_thing
from consent.keywords import Intent, classify, detect_language
from consent.texts import disclosure

Keyword = Literal["help", "start", "opt_in"]
IN_PROGRESS: tuple[Mode, ...] = ("asking", "editing", "handoff")


def respond(state: ConvState, text: str, ctx: Context, now: datetime) -> Outcome:
    """Answer one inbound message."""
    out = Outcome(state=copy.deepcopy(state))
    s = out.state
    if s.mode in IN_PROGRESS and _idle(ctx, now):
        s.mode = "new"  # expired: start fresh; what the records know of the texter is kept
    office = _office_answered(s, text, ctx, now)
    if office is not None:
        out.effects.append(ReplyToOffice(office, text))  # no bot reply
        return out
    if s.mode == "new":
        _begin(s, out, text, ctx, now)
    elif s.mode == "done":
        _after(s, out, text, ctx, now)
    elif s.mode == "cancel_choice":
        _cancel_choice(s, out, text, ctx, now)
    else:
        _during(s, out, text, ctx, now)
    return out


def after_keyword(state: ConvState, keyword: Keyword, ctx: Context, now: datetime) -> Outcome:
    """HELP or a re-subscribe: the pending question again; START mid-way: start over."""
    out = Outcome(state=copy.deepcopy(state))
    s = out.state
    in_progress = s.mode in IN_PROGRESS and not _idle(ctx, now)
    if keyword == "start" and in_progress:
        _start_over(s, out, ctx, now)
    elif keyword == "start":
        _begin(s, out, "", ctx, now)
    elif in_progress and s.step:
        out.replies.append(question(s, ctx, now))
    return out


def _office_answered(s: ConvState, text: str, ctx: Context, now: datetime) -> int | None:
    """The office message this answers (SPEC 2026-12-01), unless the texter is mid-intake
    or starts something the bot handles: a new need (a thing of its own, not "it's still
    leaking"), "start over", a call back, a cancel."""
    if s.mode not in ("new", "done"):
        return None
    office = ctx.office_message()
    if office is None or office <= s.office_taken_over:
        return None
    facts = extract(text, ctx.region, now, ctx.tz) if len(text) <= 600 else Facts()
    new_need = facts.service is not None and names_new_thing(text)
    if lang.command(text) == "start_over" or new_need or _wants_person(text) or \
            _is_cancel(text):
        s.office_taken_over = office  # the bot takes over again, for this office message
        return None
    return office


def _idle(ctx: Context, now: datetime) -> bool:
    return ctx.last_seen is not None and now - ctx.last_seen > timedelta(
        minutes=ctx.idle_minutes)


def _reset(s: ConvState) -> None:
    s.draft, s.history, s.step, s.resume = Draft(), [], "", ""
    s.texter = "anonymous"


def _begin(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    _reset(s)
    s.mode = "asking"
    if text.strip():
        s.lang = "es" if detect_language(text) == "es" else "en"
    if s.disclosure == "due":
        out.replies.append(disclosure(ctx.business, s.lang))
        s.disclosure = "shown"
    if ctx.caller_phone and (known := ctx.lookup(ctx.caller_phone)):
        s.draft.phone = ctx.caller_phone
        welcome(s, out, known)
    if _is_cancel(text):
        _cancel_or_ask(s, out, ctx, text, resume="done")
        return
    facts = extract(text, ctx.region, now, ctx.tz) if len(text) <= 600 else Facts()
    for name in FORM:
        slot = SLOTS[name]
        if slot.enabled(ctx) and not slot.filled(s.draft, ctx) and (
                fill := slot.from_facts(facts, turn_for(s, ctx, now, text))):
            apply(s, out, ctx, fill)
    if _wants_person(text) and not handoff(s, out, ctx, text):
        return
    ask_next(s, out, ctx, now)


def _during(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    if not text.strip():
        out.replies.append(say(s, "reask.media" if ctx.media_count else "reask.empty"))
        out.replies.append(question(s, ctx, now))
        return
    command = lang.command(text)
    if command == "start_over":
        _start_over(s, out, ctx, now)
    elif command == "never_mind":
        _reset(s)
        s.mode, s.step, s.ending = "done", "done", "dropped"
        out.replies.append(say(s, "never_mind"))
    elif command == "back":
        _back(s, out, ctx, now)
    elif _wants_person(text):
        handoff(s, out, ctx, text)
    elif _is_cancel(text):
        _cancel_or_ask(s, out, ctx, text, resume=s.mode)
    else:
        _follow_language(s, text)
        answer(s, out, text, ctx, now)


def _follow_language(s: ConvState, text: str) -> None:
    """Switch when the texter clearly writes in the other language (not a name or a yes)."""
    if s.step in ("name", "address", "email") or len(clean(text).split()) < 3:
        return
    found = detect_language(text)
    # Ties go to English in detect_language: "lo antes posible" is no evidence of English.
    english = lang.clearly("en", clean(text).split())
    if found == "es" and s.lang != "es":
        s.lang = "es"
    elif found == "en" and s.lang != "en" and english:
        s.lang = "en"


def _start_over(s: ConvState, out: Outcome, ctx: Context, now: datetime) -> None:
    _reset(s)
    s.mode = "asking"
    out.replies.append(say(s, "start_over"))
    if ctx.caller_phone and (known := ctx.lookup(ctx.caller_phone)):
        s.draft.phone = ctx.caller_phone
        welcome(s, out, known)
    ask_next(s, out, ctx, now)


def _back(s: ConvState, out: Outcome, ctx: Context, now: datetime) -> None:
    if not s.history:
        out.replies.append(say(s, "back.first"))
        out.replies.append(question(s, ctx, now))
        return
    previous = s.history.pop()
    if previous == "consent":
        s.draft.consent = None
    s.mode = "editing" if previous not in ("consent", SUMMARY) else "asking"
    ask(s, out, ctx, now, previous)


def _wants_person(text: str) -> bool:
    return is_handoff(text) or lang.wants_person(text)


def _is_cancel(text: str) -> bool:
    return bool(text.strip()) and classify(text, opted_out=False).intent is \
        Intent.CANCEL_AMBIGUOUS


def _cancel_or_ask(s: ConvState, out: Outcome, ctx: Context, text: str, resume: str) -> None:
    """Ask "stop the texts or cancel the request?", unless the message is already the
    answer ("CANCEL REQUEST" names the request: cancel it)."""
    if not lang.is_cancel_reply(text):
        _ask_cancel(s, out, resume)
        return
    mode = _resume_mode(resume)
    s.mode = mode
    _cancel_request(s, out, ctx, was_in_progress=mode != "done")


def _ask_cancel(s: ConvState, out: Outcome, resume: str) -> None:
    s.resume, s.mode = resume, "cancel_choice"
    out.replies.append(say(s, "cancel.which"))


def _cancel_choice(s: ConvState, out: Outcome, text: str, ctx: Context,
                   now: datetime) -> None:
    said = clean(text)
    resume: Mode = _resume_mode(s.resume)
    wants_request = lang.command(text) == "never_mind" or _is_cancel(text) or any(
        f" {w} " in f" {said} " for w in lang.request_words(s.lang))
    s.mode, s.resume = resume, ""
    if wants_request:
        _cancel_request(s, out, ctx, was_in_progress=resume != "done")
    elif read_yes_no(text) == "no" or said in ("neither", "nothing", "keep it", "ninguno"):
        out.replies.append(say(s, "cancel.kept"))
        if resume != "done" and s.step:
            out.replies.append(question(s, ctx, now))
    else:
        respond_again = respond(s, text, ctx, now)
        out.state = respond_again.state
        out.replies.extend(respond_again.replies)
        out.effects.extend(respond_again.effects)


def _resume_mode(saved: str) -> Mode:
    for mode in IN_PROGRESS:
        if saved == mode:
            return mode
    return "done"


def _cancel_request(s: ConvState, out: Outcome, ctx: Context, was_in_progress: bool) -> None:
    """Cancel what there is: the draft in progress, or the submitted request, truthfully."""
    business = ctx.business.name
    phone = s.draft.phone or ctx.caller_phone
    known = ctx.lookup(phone) if phone else None
    if was_in_progress:
        _reset(s)
        s.mode, s.step, s.ending = "done", "done", "dropped"
        out.replies.append(say(s, "cancel.dropped", business=business))
    elif phone and known and known.open_request:
        out.effects.append(CancelRequest(phone=phone, words="cancel"))
        s.mode, s.step, s.ending = "done", "done", "cancelled"
        out.replies.append(say(s, "cancel.done", business=business))
    else:
        s.mode, s.step = "done", "done"
        out.replies.append(say(s, "cancel.none"))


def _after(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    """After a request: thanks get a short answer; a call back, a cancel, or a new request."""
    command = lang.command(text)
    if not text.strip() or (command is None and is_acknowledgement(text)):
        key = "ack" if s.ending == "submitted" else "ack.cancelled"
        out.replies.append(say(s, key, business=ctx.business.name))
    elif _wants_person(text):
        handoff(s, out, ctx, text)
    elif _is_cancel(text):
        _cancel_or_ask(s, out, ctx, text, resume="done")
    elif command == "never_mind":
        key = "never_mind.after" if s.ending == "submitted" else "never_mind.idle"
        out.replies.append(say(s, key, business=ctx.business.name))
    else:
        _begin(s, out, "" if command == "start_over" else text, ctx, now)
