"""One answer: corrections of any slot first, then the pending slot, then the other facts."""

from __future__ import annotations

import copy
import re
from datetime import datetime

from bot import display
from bot.conversation import lang
from bot.conversation.flow import SUMMARY, apply, ask, ask_next, handoff, turn_for
from bot.conversation.prompts import say
from bot.conversation.slots import FORM, SLOTS
from bot.conversation.slots.base import Fill, Reask, Result, Slot, Turn
from bot.conversation.slots.reading import (
    Facts,
    clean,
    extract,
    read_yes_no,
)
from bot.conversation.state import Context, ConvState, CreateRequest, Outcome
from bot.conversation.summary import describe_change

MAX_EXTRACT = 600
# A correction without a field word: the kinds of value that say themselves, most distinct first.
UNNAMED = ("email", "phone", "address", "when")
FRAGMENTS = re.compile(r"\s*(?:[,;\n]|\s-\s|\.\s)\s*")


def answer(s: ConvState, out: Outcome, text: str, ctx: Context, now: datetime) -> None:
    """Read one message at the pending step."""
    turn = turn_for(s, ctx, now, text)
    facts = extract(text, ctx.region, now, ctx.tz) if len(text) <= MAX_EXTRACT else Facts()
    if s.step == SUMMARY and read_yes_no(text) == "yes":
        _submit(s, out, ctx)
        return
    if _correction(s, out, turn, facts, now):
        return
    if s.step == SUMMARY:
        out.replies.append(say(s, "reask.summary"))
        return
    slot = SLOTS[s.step]
    result = slot.read(turn)
    if not isinstance(result, Fill):
        result = _in_fragments(slot, turn) or result
    others = _fill_others(s, out, turn, facts, exclude=slot.name)
    if isinstance(result, Fill):
        _take(s, out, ctx, slot, result)
        _continue(s, out, ctx, now)
    elif others:
        _continue(s, out, ctx, now)
    else:
        _reask(s, out, ctx, now, slot, turn, result)


def _take(s: ConvState, out: Outcome, ctx: Context, slot: Slot, fill: Fill) -> None:
    s.draft.attempts.pop(slot.name, None)
    if slot.name == "name" and s.texter == "anonymous":
        s.texter = "named"  # they just answered "What's your name?": no "Thanks, X!" needed
    apply(s, out, ctx, fill)


def _continue(s: ConvState, out: Outcome, ctx: Context, now: datetime) -> None:
    """Ask the next question; a handoff waiting for a phone goes out first."""
    if s.mode == "handoff" and s.draft.phone:
        after_request = s.resume == "done"
        s.mode, s.resume = "asking", ""
        handoff(s, out, ctx, s.handoff_words)
        if after_request:  # a call back after the request: no new intake
            s.mode, s.step = "done", "done"
            return
    ask_next(s, out, ctx, now)


def _reask(s: ConvState, out: Outcome, ctx: Context, now: datetime, slot: Slot, turn: Turn,
           result: Result) -> None:
    tries = s.draft.attempts.get(slot.name, 0) + 1
    s.draft.attempts[slot.name] = tries
    limit = slot.limit(ctx)
    kept = slot.give_up(turn) if slot.give_up is not None and limit and tries >= limit else None
    if kept is not None:
        _take(s, out, ctx, slot, kept)
        _continue(s, out, ctx, now)
        return
    reask = result if isinstance(result, Reask) else Reask(f"reask.{slot.name}")
    if reask.values:
        apply(s, out, ctx, Fill(reask.values))
    out.replies.append(say(s, reask.key))
    if reask.again:
        out.replies.append(slot.question(turn))


def _in_fragments(slot: Slot, turn: Turn) -> Fill | None:
    """"Bob Smith, 42 Elm St, leaky faucet" at the name question: the piece that answers."""
    pieces = [p for p in FRAGMENTS.split(turn.text) if p.strip()]
    if len(pieces) < 2:
        return None
    for piece in pieces:
        found = slot.read(turn.on(piece))
        if isinstance(found, Fill):
            return found
    return None


def _fill_others(s: ConvState, out: Outcome, turn: Turn, facts: Facts, exclude: str) -> bool:
    """Facts for other slots still empty are taken too (several facts in one message)."""
    took = False
    for name in FORM:
        slot = SLOTS[name]
        if name == exclude or not slot.enabled(turn.ctx) or slot.filled(s.draft, turn.ctx):
            continue
        if (fill := slot.from_facts(facts, turn)) is not None:
            apply(s, out, turn.ctx, fill)
            took = True
    return took


def _named(said: str, words: dict[str, str]) -> list[str]:
    """Slots whose field words occur in the message, in the order they occur."""
    spans = []
    for word, slot in sorted(words.items(), key=lambda kv: -len(kv[0])):
        if (m := re.search(rf"(?<!\w){re.escape(word)}(?!\w)", said)) and slot in SLOTS:
            spans.append((m.start(), slot))
            said = said[:m.start()] + " " * len(word) + said[m.end():]
    return list(dict.fromkeys(slot for _, slot in sorted(spans)))


def _body(text: str, phrases: list[str], glue: frozenset[str]) -> str:
    """The message without correction words, field words and glue around the value."""
    body = text
    for phrase in sorted(phrases, key=len, reverse=True):
        body = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", body, flags=re.I)
    tokens = body.replace(",", " , ").split()
    while tokens and (tokens[0].lower().strip(",.:!") in glue or tokens[0] in ",.:"):
        tokens.pop(0)
    while tokens and (tokens[-1].lower().strip(",.:!") in glue or tokens[-1] in ",.:"):
        tokens.pop()
    return " ".join(tokens).replace(" , ", ", ")


def _correction(s: ConvState, out: Outcome, turn: Turn, facts: Facts, now: datetime) -> bool:
    """A message that changes a slot already answered: apply it, say so, return."""
    said = clean(turn.text)
    found_markers = [m for m in lang.markers(s.lang)
                     if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", said)]
    at_summary = s.step == SUMMARY
    if not found_markers and not at_summary:
        return False
    words = lang.field_words(s.lang)
    named = _named(said, words)
    phrases = found_markers + [w for w, n in words.items() if n in named]
    body = turn.on(_body(turn.text, phrases, lang.glue(s.lang)))
    candidates = named or [n for n in UNNAMED if SLOTS[n].filled(s.draft, turn.ctx)]
    changed = []
    for name in candidates:
        if name == s.step or not SLOTS[name].enabled(turn.ctx):
            continue
        slot = SLOTS[name]
        fill = slot.correct(body) if body.text else None
        if not isinstance(fill, Fill) and name not in ("name", "service"):
            fill = slot.from_facts(facts, turn)
        if isinstance(fill, Fill):
            apply(s, out, turn.ctx, fill)
            changed.append(name)
            if not named:
                break
    if changed:
        out.replies.append(describe_change(turn_for(s, turn.ctx, now, ""), changed))
        ask(s, out, turn.ctx, now, s.step)
        return True
    target = next((n for n in named if n != s.step and SLOTS[n].enabled(turn.ctx)), None)
    if target is None or not (found_markers or at_summary) or target == "consent":
        return False
    _edit(s, out, turn.ctx, now, target)
    return True


def _edit(s: ConvState, out: Outcome, ctx: Context, now: datetime, name: str) -> None:
    """Ask one slot out of order; its answer returns to where the texter was."""
    if s.step and s.step not in s.history:
        s.history.append(s.step)
    s.mode = "editing"
    apply(s, out, ctx, Fill(SLOTS[name].edit))
    ask(s, out, ctx, now, name)


def _submit(s: ConvState, out: Outcome, ctx: Context) -> None:
    out.effects.append(CreateRequest(copy.deepcopy(s.draft)))
    name = s.draft.display_name
    who = say(s, "closing.who", name=name) if name else say(s, "closing.anonymous")
    out.replies.append(say(s, "closing", who=who, business=ctx.business.name,
                           phone=display.phone(s.draft.phone or "", ctx.region)))
    s.mode, s.step, s.ending = "done", "done", "submitted"
