"""The phone slot: the caller id offered, typed numbers, numbers inside words."""

from __future__ import annotations

from bot.conversation.slots.base import Reask
from bot.conversation.slots.phone import SLOT
from bot.conversation.state import Draft
from tests.bot.conversation.slots.support import turn, values


def test_the_caller_id_is_offered_and_a_yes_with_words_takes_it() -> None:
    t = turn("yes thats correct", caller_phone="+15551234567")
    assert "(555) 123-4567" in SLOT.question(t)
    assert values(SLOT.read(t)) == {"phone": "+15551234567"}


def test_a_no_asks_for_the_number_plainly() -> None:
    result = SLOT.read(turn("no", caller_phone="+15551234567"))
    assert isinstance(result, Reask) and result.key == "ask.phone"


def test_a_number_with_words_around_it_is_read() -> None:
    assert values(SLOT.read(turn("nah use +1 646 555 0123 instead"))) == {
        "phone": "+16465550123"}


def test_not_a_number_is_re_asked_with_an_example() -> None:
    result = SLOT.read(turn("my cell"))
    assert isinstance(result, Reask) and result.key == "reask.phone"


def test_a_correction_takes_only_a_number() -> None:
    assert SLOT.correct(turn("tomorrow")) is None
    assert values(SLOT.correct(turn("617-555-0199"))) == {"phone": "+16175550199"}


def test_the_summary_shows_the_national_format() -> None:
    assert SLOT.shown(turn("", Draft(phone="+15551234567"))) == "(555) 123-4567"
