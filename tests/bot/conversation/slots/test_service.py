"""The need: the texter's words, without greetings or the other facts."""

from __future__ import annotations

from bot.conversation.slots.base import Reask
from bot.conversation.slots.reading import extract
from bot.conversation.slots.service import SLOT
from tests.bot.conversation.corpus.runner import NOW
from tests.bot.conversation.slots.support import turn, values


def test_a_greeting_in_front_is_dropped() -> None:
    assert values(SLOT.read(turn("Hi my water heater is leaking"))) == {
        "service": "my water heater is leaking"}


def test_other_facts_said_with_the_need_stay_out_of_it() -> None:
    assert values(SLOT.read(turn("leaky faucet, tomorrow morning works")))["service"] == \
        "leaky faucet"


def test_asking_for_a_plumber_is_not_a_need() -> None:
    assert isinstance(SLOT.read(turn("I need a plumber")), Reask)
    facts = extract("Hi, I need a plumber", "US", NOW, "America/New_York")
    assert SLOT.from_facts(facts, turn("Hi, I need a plumber")) is None


def test_thanks_or_digits_are_re_asked() -> None:
    for text in ("thanks!", "123", "👍"):
        result = SLOT.read(turn(text))
        assert isinstance(result, Reask) and result.key == "reask.service"
