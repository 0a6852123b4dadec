"""When: a time, a window, as soon as possible, or no preference (kept as words)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.conversation.slots.base import Fill, Reask, Result, Slot, Turn
from bot.conversation.slots.reading import (
    Facts,
    PreferredTime,
    WhenError,
    means_no_preference,
    parse_when,
    strip_chatter,
)
from bot.conversation.state import Context, Draft

ASKS_HOURS = re.compile(r"\b(?:open|closed|hours|abiertos?|horario)\b[^.!]*\?", re.I)
PARTS_OF_DAY = re.compile(r"(?:good )?(?:morning|afternoon|evening|day|night)")


def stored(when: PreferredTime) -> dict[str, Any]:
    """JSON-ready preferred time."""
    stored_when: dict[str, Any] = {
        "start": when.start.isoformat() if when.start else None,
        "end": when.end.isoformat() if when.end else None, "asap": when.asap, "text": when.text}
    if when.no_preference:
        stored_when["any"] = True
    return stored_when


def _filled(d: Draft, ctx: Context) -> bool:
    return bool(d.when)


def _words_only(text: str) -> dict[str, Any]:
    return {"start": None, "end": None, "asap": False, "text": text.strip()}


def _read(turn: Turn) -> Result:
    text = turn.text.strip()
    if means_no_preference(text):
        return Fill({"when": {**_words_only(text), "any": True}})
    reason = "unparsed"
    for candidate in dict.fromkeys((text, strip_chatter(text))):
        try:
            return Fill({"when": stored(parse_when(candidate, turn.now, turn.ctx.tz))})
        except WhenError as exc:
            reason = exc.reason if exc.reason != "unparsed" else reason
    return Reask(f"reask.when.{reason}")


def _correct(turn: Turn) -> Result:
    found = _read(turn)
    return found if isinstance(found, Fill) else None


def _from_facts(facts: Facts, turn: Turn) -> Fill | None:
    if facts.when is None or ASKS_HOURS.search(turn.text) or _greeting(facts.when.text,
                                                                        turn.text):
        return None  # "are you open today?" asks; "Morning!" greets: neither is a visit time
    return Fill({"when": stored(facts.when)})


def _greeting(words: str, text: str) -> bool:
    said = words.strip(" !.,").lower().removeprefix("good ")
    opening = text.strip().lower().removeprefix("good ")
    return bool(PARTS_OF_DAY.fullmatch(said)) and opening.startswith(said)


def _give_up(turn: Turn) -> Fill:
    # Three tries: the office reads the texter's words rather than the texter being stuck.
    return Fill({"when": _words_only(turn.text)})


def describe(turn: Turn) -> str:
    """"Tue Dec 1, 3:00 PM", "Tue Dec 1, 8:00 AM-12:00 PM", "as soon as possible"."""
    when = turn.draft.when
    if not when:
        return ""
    if when.get("any"):
        return f"{turn.say('when.any')} ({when.get('text')})" if when.get("text") else \
            turn.say("when.any")
    if not when.get("start") and not when.get("asap"):
        return str(when.get("text") or "")  # unreadable after three tries: their words
    if when.get("asap") or not when.get("start"):
        return turn.say("when.asap")
    start = datetime.fromisoformat(when["start"])
    text = f"{start:%a %b} {start.day}, {_clock(start)}"
    if when.get("end"):
        end = datetime.fromisoformat(when["end"])
        text += "-" + (_clock(end) if end.date() == start.date()
                       else f"{end:%a %b} {end.day}, {_clock(end)}")
    return text


def _clock(moment: datetime) -> str:
    return f"{moment.hour % 12 or 12}:{moment:%M} {'AM' if moment.hour < 12 else 'PM'}"


SLOT = Slot(name="when", filled=_filled, question=lambda t: t.say("ask.when"), read=_read,
            shown=describe, from_facts=_from_facts, correct=_correct, give_up=_give_up,
            max_attempts=3)
