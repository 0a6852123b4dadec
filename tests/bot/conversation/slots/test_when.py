"""The time slot: windows, asap, no preference, past times refused."""

from __future__ import annotations

from bot.conversation.slots.base import Reask
from bot.conversation.slots.reading import extract
from bot.conversation.slots.when import SLOT
from bot.conversation.state import Draft
from tests.bot.conversation.corpus.runner import NOW, when_key
from tests.bot.conversation.slots.support import turn, values


def test_a_window_is_stored_with_the_words() -> None:
    when = values(SLOT.read(turn("tomorrow morning")))["when"]
    assert when_key(when) == "2026-11-24 08:00-12:00" and when["text"] == "tomorrow morning"


def test_whenever_is_no_preference_kept_as_words() -> None:
    when = values(SLOT.read(turn("whenever works")))["when"]
    assert when["start"] is None and not when["asap"] and when["text"] == "whenever works"
    assert SLOT.shown(turn("", Draft(when=when))) == "any time (whenever works)"


def test_a_past_time_is_re_asked_as_past() -> None:
    result = SLOT.read(turn("yesterday at 3pm"))
    assert isinstance(result, Reask) and result.key == "reask.when.past"


def test_a_greeting_or_a_question_about_hours_is_not_a_visit_time() -> None:
    for text in ("Good morning!", "Morning!", "hello, are you open today?"):
        facts = extract(text, "US", NOW, "America/New_York")
        assert SLOT.from_facts(facts, turn(text)) is None, text


def test_spanish_summary_words() -> None:
    when = values(SLOT.read(turn("lo antes posible", lang="es")))["when"]
    assert SLOT.shown(turn("", Draft(when=when), lang="es")) == "lo antes posible"
