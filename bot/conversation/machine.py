"""The intake conversation: a pure function of (state, text, context, clock)."""

from __future__ import annotations

import copy
from datetime import datetime

from bot.conversation import prompts
from bot.conversation.addresses import parse_address
from bot.conversation.extract import Facts, extract
from bot.conversation.parsing import (
    BACK,
    NEVER_MIND,
    SKIP,
    START_OVER,
    Name,
    display_phone,
    is_handoff,
    is_no,
    is_yes,
    name_correction,
    parse_email,
    parse_name,
    parse_phone,
    words,
)
from bot.conversation.state import (
    STEPS,
    Context,
    ConvState,
    CreateRequest,
    Draft,
    Handoff,
    Known,
    Outcome,
    RecordConsent,
)
from bot.conversation.summary import render_summary, when_to_dict
from bot.conversation.when import WhenError, parse_when
from consent.keywords import detect_language
from consent.texts import consent_question, disclosure


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
        _ask(s, out, ctx, s.step)
    elif said in START_OVER:
        _reset(s)
        out.replies.append(prompts.START_OVER)
        _prefill(s, out, ctx)
        _ask_next(s, out, ctx)
    elif said in NEVER_MIND:
        _reset(s)
        s.step = "done"
        out.replies.append(prompts.NEVER_MIND)
    elif said in BACK:
        _back(s, out, ctx)
    elif is_handoff(text):
        _handoff(s, out, ctx, text)
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
        _handoff(s, out, ctx, text)
        if s.handoff_pending:
            return
    _ask_next(s, out, ctx)


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
        _welcome(s, out, known)


def _welcome(s: ConvState, out: Outcome, known: Known) -> None:
    s.returning = True
    d = s.draft
    if not (d.first_name or d.company_name):
        d.first_name, d.last_name = known.first_name, known.last_name
        d.company_name = known.company_name
    if not s.greeted:
        out.replies.append(prompts.welcome_back(d.display_name))
        s.greeted = True


def _apply_facts(s: ConvState, out: Outcome, ctx: Context, facts: Facts) -> None:
    d = s.draft
    if facts.name and not (d.first_name or d.company_name):
        d.first_name, d.last_name = facts.name.first, facts.name.last
        d.company_name = facts.name.company
    if facts.phone and not d.phone and not ctx.caller_phone:
        _set_phone(s, out, ctx, facts.phone)
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


def _known(s: ConvState, ctx: Context) -> Known | None:
    return ctx.lookup(s.draft.phone) if s.returning and s.draft.phone else None


def _missing(s: ConvState, ctx: Context) -> str:
    d = s.draft
    if not (d.first_name or d.company_name):
        return "name"
    if not d.phone:
        return "phone"
    if d.address is None and d.address_text is None:
        return "address"
    if not d.service:
        return "service"
    if not d.when:
        return "when"
    if not d.email and not d.email_skipped:
        return "email"
    if ctx.consent_status != "opted_in" and not s.consent_answered:
        return "consent"
    return "summary"


def _ask_next(s: ConvState, out: Outcome, ctx: Context) -> None:
    s.editing = False
    step = _missing(s, ctx)
    if s.step and s.step != step:
        s.history.append(s.step)
    _ask(s, out, ctx, step)


def _ask(s: ConvState, out: Outcome, ctx: Context, step: str) -> None:
    s.step = step
    known = _known(s, ctx)
    if step == "phone" and ctx.caller_phone and not s.draft.phone and not s.editing:
        question = prompts.confirm_phone(display_phone(ctx.caller_phone, ctx.region))
    elif step == "address" and known and known.address_one_line and not s.editing:
        question = prompts.reuse_address(known.address_one_line)
    elif step == "email" and known and known.email and not s.editing:
        question = prompts.reuse_email(known.email)
    elif step == "consent":
        question = consent_question(ctx.business, s.lang)
    elif step == "summary":
        question = render_summary(s.draft, ctx.region)
    else:
        question = prompts.ASK[step]
    out.replies.append(question)


def _back(s: ConvState, out: Outcome, ctx: Context) -> None:
    if not s.history:
        out.replies.append(prompts.NOTHING_TO_GO_BACK_TO)
        _ask(s, out, ctx, s.step)
        return
    previous = s.history.pop()
    s.editing = previous != "consent"
    if previous == "consent":
        s.consent_answered = False
    _ask(s, out, ctx, previous)


def _handoff(s: ConvState, out: Outcome, ctx: Context, text: str) -> None:
    phone = s.draft.phone or ctx.caller_phone
    if phone is None:
        s.handoff_pending = True
        if s.step and s.step != "phone":
            s.history.append(s.step)
        s.step = "phone"
        out.replies.append(prompts.HANDOFF_NEEDS_PHONE)
        return
    out.effects.append(Handoff(phone=phone, draft=copy.deepcopy(s.draft), words=text))
    out.replies.append(prompts.handoff_ack(display_phone(phone, ctx.region), ctx.business.name))


def _correct_name(s: ConvState, out: Outcome, ctx: Context, new_name: str) -> None:
    parsed = parse_name(new_name)
    if not isinstance(parsed, Name):
        out.replies.append(prompts.REASK["name_invalid"])
        return
    _set_name(s.draft, parsed)
    out.replies.append(f"Thanks, {s.draft.display_name}, I've updated your name.")
    _ask(s, out, ctx, s.step)


def _set_name(d: Draft, name: Name) -> None:
    d.first_name, d.last_name, d.company_name = name.first, name.last, name.company


def _on_name(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    parsed = parse_name(text)
    if not isinstance(parsed, Name):
        out.replies.append(prompts.REASK[f"name_{parsed}"])
        return
    _set_name(s.draft, parsed)
    _ask_next(s, out, ctx)


def _set_phone(s: ConvState, out: Outcome, ctx: Context, phone: str) -> None:
    s.draft.phone = phone
    if not s.returning and (known := ctx.lookup(phone)):
        _welcome(s, out, known)
    if s.handoff_pending:
        s.handoff_pending = False
        _handoff(s, out, ctx, "call me")


def _on_phone(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    offered = ctx.caller_phone if not s.draft.phone else None
    if offered and is_yes(text):
        _set_phone(s, out, ctx, offered)
    elif offered and is_no(text):
        out.replies.append(prompts.ASK["phone"])
        s.draft.phone = None
        return
    elif (phone := parse_phone(text, ctx.region)) is not None:
        _set_phone(s, out, ctx, phone)
    else:
        out.replies.append(prompts.REASK["phone"])
        return
    _ask_next(s, out, ctx)


def _on_address(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    d = s.draft
    known = _known(s, ctx)
    if known and known.address and not s.editing and is_yes(text):
        d.address, d.address_text = dict(known.address), known.address_one_line
    elif (address := parse_address(text)) is not None:
        d.address = {"line1": address.line1, "line2": address.line2, "city": address.city,
                     "state": address.state, "postal_code": address.postal_code}
        d.address_text, d.needs_attention = text.strip(), False
    else:
        d.address_failures += 1
        if d.address_failures < ctx.address_max_attempts:
            out.replies.append(prompts.REASK["address"])
            return
        # Keep the texter rather than the format: store verbatim, flag for the office.
        d.address, d.address_text, d.needs_attention = None, text.strip(), True
        out.replies.append(prompts.ADDRESS_KEPT)
    _ask_next(s, out, ctx)


def _on_service(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    if not any(c.isalpha() for c in text) and not ctx.media_count:
        out.replies.append(prompts.REASK["service"])
        return
    s.draft.service = text.strip()
    _ask_next(s, out, ctx)


def _on_when(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    try:
        when = parse_when(text.strip(), now, ctx.tz)
    except WhenError as exc:
        out.replies.append(prompts.REASK.get(f"when_{exc.reason}", prompts.REASK["when_unparsed"]))
        return
    s.draft.when = when_to_dict(when)
    _ask_next(s, out, ctx)


def _on_email(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    d = s.draft
    known = _known(s, ctx)
    if known and known.email and not s.editing and is_yes(text):
        d.email, d.email_skipped = known.email, False
    elif words(text) in SKIP:
        d.email, d.email_skipped = None, True
    elif (email := parse_email(text)) is not None:
        d.email, d.email_skipped = email, False
    else:
        out.replies.append(prompts.REASK["email"])
        return
    _ask_next(s, out, ctx)


def _on_consent(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    shown = consent_question(ctx.business, s.lang)
    if is_yes(text):
        out.effects.append(RecordConsent("opt_in", shown, text))
    elif is_no(text):
        out.effects.append(RecordConsent("declined", shown, text))
    else:
        out.replies.append(prompts.REASK["yes_no"])
        out.replies.append(shown)
        return
    s.consent_answered = True
    _ask_next(s, out, ctx)


def _on_summary(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    if is_yes(text):
        out.effects.append(CreateRequest(copy.deepcopy(s.draft)))
        phone = display_phone(s.draft.phone or "", ctx.region)
        out.replies.append(prompts.closing(s.draft.display_name, phone, ctx.business.name))
        s.step = "done"
        return
    said = words(text)
    for prefix in ("change ", "fix ", "edit ", "update ", "wrong ", "the ", "my "):
        said = said.removeprefix(prefix)
    said = said.removesuffix(" is wrong").removesuffix(" wrong")
    field = prompts.FIELD_WORDS.get(said)
    if field is None:
        out.replies.append(prompts.REASK["summary"])
        return
    s.editing = True
    if field == "email":
        s.draft.email_skipped = False
    _ask(s, out, ctx, field)


HANDLERS = {
    "name": _on_name, "phone": _on_phone, "address": _on_address, "service": _on_service,
    "when": _on_when, "email": _on_email, "consent": _on_consent, "summary": _on_summary,
}
assert set(HANDLERS) == set(STEPS)
