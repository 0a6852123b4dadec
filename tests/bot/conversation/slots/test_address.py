"""The address slot: parsed, the one on file reused, kept verbatim after failures."""

from __future__ import annotations

from bot.conversation.slots.address import SLOT
from bot.conversation.slots.base import Reask
from bot.conversation.state import Draft
from tests.bot.conversation.corpus.runner import ON_FILE
from tests.bot.conversation.slots.support import turn, values

MARIA = ON_FILE["+15552223333"]


def test_an_address_is_parsed_into_its_parts() -> None:
    got = values(SLOT.read(turn("77 Oak Ave Apt 2, Durham NC 27701")))
    assert got["address"]["line1"] == "77 OAK AVE" and got["address"]["line2"] == "APT 2"
    assert got["needs_attention"] is False


def test_a_returning_texter_reuses_the_address_on_file() -> None:
    t = turn("same spot as before", known=MARIA)
    assert "Same address, 12 ELM ST" in SLOT.question(t)
    assert values(SLOT.read(t))["address"]["line1"] == "12 ELM ST"


def test_editing_does_not_offer_the_address_on_file() -> None:
    t = turn("yes", known=MARIA, editing=True)
    assert "Same address" not in SLOT.question(t)
    assert isinstance(SLOT.read(t), Reask)


def test_after_the_last_attempt_the_words_are_kept_and_flagged() -> None:
    assert SLOT.limit(turn("", address_max_attempts=2).ctx) == 2
    assert SLOT.give_up is not None
    result = SLOT.give_up(turn("the blue house by the lake"))
    assert result.note == "address.kept"
    assert dict(result.values) == {"address": None, "address_text": "the blue house by the lake",
                                   "needs_attention": True}


def test_the_summary_shows_one_line() -> None:
    d = Draft(address={"line1": "42 ELM ST", "line2": None, "city": "SPRINGFIELD",
                       "state": "IL", "postal_code": "62704"})
    assert SLOT.shown(turn("", d)) == "42 ELM ST, SPRINGFIELD, IL 62704"
