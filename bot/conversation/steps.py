"""One handler per question: read the answer, re-ask with a reason, or move on."""

from __future__ import annotations

import copy
from datetime import datetime

from bot.conversation import prompts
from bot.conversation.addresses import parse_address
from bot.conversation.flow import ask, ask_next, on_file, set_name, set_phone
from bot.conversation.parsing import (
    SKIP,
    Name,
    display_phone,
    is_no,
    is_yes,
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
    Outcome,
    RecordConsent,
)
from bot.conversation.summary import when_to_dict
from bot.conversation.when import WhenError, parse_when
from consent.texts import consent_question


def _on_name(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    parsed = parse_name(text)
    if not isinstance(parsed, Name):
        out.replies.append(prompts.REASK[f"name_{parsed}"])
        return
    set_name(s.draft, parsed)
    ask_next(s, out, ctx)


def _on_phone(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    offered = ctx.caller_phone if not s.draft.phone else None
    if offered and is_yes(text):
        set_phone(s, out, ctx, offered)
    elif offered and is_no(text):
        out.replies.append(prompts.ASK["phone"])
        s.draft.phone = None
        return
    elif (phone := parse_phone(text, ctx.region)) is not None:
        set_phone(s, out, ctx, phone)
    else:
        out.replies.append(prompts.REASK["phone"])
        return
    ask_next(s, out, ctx)


def _on_address(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    d = s.draft
    known = on_file(s, ctx)
    if known and known.address and not s.editing and is_yes(text):
        d.address, d.address_text = dict(known.address), known.address_one_line
    elif (address := parse_address(text)) is not None:
        d.address = address.as_dict()
        d.address_text, d.needs_attention = text.strip(), False
    else:
        d.address_failures += 1
        if d.address_failures < ctx.address_max_attempts:
            out.replies.append(prompts.REASK["address"])
            return
        # Keep the texter rather than the format: store verbatim, flag for the office.
        d.address, d.address_text, d.needs_attention = None, text.strip(), True
        out.replies.append(prompts.ADDRESS_KEPT)
    ask_next(s, out, ctx)


def _on_service(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    if not any(c.isalpha() for c in text) and not ctx.media_count:
        out.replies.append(prompts.REASK["service"])
        return
    s.draft.service = text.strip()
    ask_next(s, out, ctx)


def _on_when(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    try:
        when = parse_when(text.strip(), now, ctx.tz)
    except WhenError as exc:
        out.replies.append(prompts.REASK.get(f"when_{exc.reason}", prompts.REASK["when_unparsed"]))
        return
    s.draft.when = when_to_dict(when)
    ask_next(s, out, ctx)


def _on_email(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    d = s.draft
    known = on_file(s, ctx)
    if known and known.email and not s.editing and is_yes(text):
        d.email, d.email_skipped = known.email, False
    elif words(text) in SKIP:
        d.email, d.email_skipped = None, True
    elif (email := parse_email(text)) is not None:
        d.email, d.email_skipped = email, False
    else:
        out.replies.append(prompts.REASK["email"])
        return
    ask_next(s, out, ctx)


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
    ask_next(s, out, ctx)


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
    ask(s, out, ctx, field)


HANDLERS = {
    "name": _on_name, "phone": _on_phone, "address": _on_address, "service": _on_service,
    "when": _on_when, "email": _on_email, "consent": _on_consent, "summary": _on_summary,
}
assert set(HANDLERS) == set(STEPS)
