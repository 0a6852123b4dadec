"""Moving through the questions: which one is next, how it is asked, shared setters."""

from __future__ import annotations

import copy

from bot.conversation import prompts
from bot.conversation.parsing import Name, display_phone
from bot.conversation.state import Context, ConvState, Draft, Handoff, Known, Outcome
from bot.conversation.summary import render_summary
from consent.texts import consent_question


def welcome(s: ConvState, out: Outcome, known: Known) -> None:
    s.returning = True
    d = s.draft
    if not (d.first_name or d.company_name):
        d.first_name, d.last_name = known.first_name, known.last_name
        d.company_name = known.company_name
    if not s.greeted:
        out.replies.append(prompts.welcome_back(d.display_name))
        s.greeted = True


def on_file(s: ConvState, ctx: Context) -> Known | None:
    return ctx.lookup(s.draft.phone) if s.returning and s.draft.phone else None


def missing(s: ConvState, ctx: Context) -> str:
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


def ask_next(s: ConvState, out: Outcome, ctx: Context) -> None:
    s.editing = False
    step = missing(s, ctx)
    if s.step and s.step != step:
        s.history.append(s.step)
    ask(s, out, ctx, step)


def ask(s: ConvState, out: Outcome, ctx: Context, step: str) -> None:
    s.step = step
    known = on_file(s, ctx)
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


def handoff(s: ConvState, out: Outcome, ctx: Context, text: str) -> None:
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


def set_name(d: Draft, name: Name) -> None:
    d.first_name, d.last_name, d.company_name = name.first, name.last, name.company


def set_phone(s: ConvState, out: Outcome, ctx: Context, phone: str) -> None:
    s.draft.phone = phone
    if not s.returning and (known := ctx.lookup(phone)):
        welcome(s, out, known)
    if s.handoff_pending:
        s.handoff_pending = False
        handoff(s, out, ctx, "call me")
