"""What a slot declares, what it is given on a turn, and what it returns to the engine."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from bot.conversation import lang
from bot.conversation.slots.reading import Facts
from bot.conversation.state import Context, Draft, Effect, Known


@dataclass(frozen=True)
class Turn:
    """One inbound text as a slot sees it: read-only."""

    text: str
    draft: Draft
    ctx: Context
    now: datetime
    lang: str
    editing: bool = False  # asked again from the summary: offers on file are not repeated
    known: Known | None = None  # the records for a returning texter's phone

    def say(self, key: str, **values: object) -> str:
        """A catalogue text in the conversation's language."""
        return lang.say(self.lang, key, **values)

    def on(self, text: str) -> Turn:
        """The same turn with another piece of the message."""
        return replace(self, text=text)


@dataclass(frozen=True)
class Fill:
    """The slot read a value: draft fields to set, an optional note, effects to apply."""

    values: Mapping[str, Any]
    note: str | None = None  # catalogue key said after the value is taken
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class Reask:
    """Not a usable answer: say why (a catalogue key); `again` repeats the question too."""

    key: str
    again: bool = False
    values: Mapping[str, Any] = field(default_factory=dict)  # draft fields to keep meanwhile


Result = Fill | Reask | None  # None: this text is not about this slot at all


def _never(turn: Turn) -> Result:
    return None


def _no_facts(facts: Facts, turn: Turn) -> Fill | None:
    return None


def _always(ctx: Context) -> bool:
    return True


def _nothing(draft: Draft, lead: Mapping[str, Any]) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Slot:
    """One question of the form, declared in one module."""

    name: str
    filled: Callable[[Draft, Context], bool]
    question: Callable[[Turn], str]
    read: Callable[[Turn], Result]
    shown: Callable[[Turn], str | None]  # the summary value (None: not in the summary)
    from_facts: Callable[[Facts, Turn], Fill | None] = _no_facts
    correct: Callable[[Turn], Result] = _never  # a value given as a correction, unasked
    give_up: Callable[[Turn], Fill | None] | None = None  # after max_attempts failed answers
    max_attempts: int | Callable[[Context], int] = 0  # 0: re-ask for as long as it takes
    edit: Mapping[str, Any] = field(default_factory=dict)  # set when picked from the summary
    enabled: Callable[[Context], bool] = _always
    # Columns this slot keeps on the lead record, given the draft and the lead's values now.
    customer: Callable[[Draft, Mapping[str, Any]], dict[str, Any]] = _nothing

    def limit(self, ctx: Context) -> int:
        """How many failed answers before `give_up` (0: no limit)."""
        return self.max_attempts(ctx) if callable(self.max_attempts) else self.max_attempts
