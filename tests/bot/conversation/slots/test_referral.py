"""The optional referral slot: off by default, a preset and the texter's words."""

from __future__ import annotations

from bot.conversation.slots.base import Reask
from bot.conversation.slots.referral import SLOT
from bot.conversation.state import Draft
from tests.bot.conversation.slots.support import turn, values


def test_off_unless_the_setting_turns_it_on() -> None:
    assert not SLOT.enabled(turn("").ctx)
    assert SLOT.enabled(turn("", flags={"ask_referral_source": True}).ctx)


def test_an_answer_maps_to_a_preset_and_keeps_the_words() -> None:
    assert values(SLOT.read(turn("my neighbor told me about you"))) == {
        "referral": "Referral", "referral_text": "my neighbor told me about you"}
    assert values(SLOT.read(turn("found you on google")))["referral"] == "Google"


def test_skip_and_unclear_answers() -> None:
    assert values(SLOT.read(turn("omitir"))) == {"referral": None, "referral_text": None}
    assert isinstance(SLOT.read(turn("ok")), Reask)


def test_a_texter_on_file_is_not_asked() -> None:
    assert SLOT.filled(Draft(phone="+15552223333"), turn("").ctx)
    assert not SLOT.filled(Draft(phone="+15551234567"), turn("").ctx)


def test_the_preset_becomes_the_source_only_over_a_channel_default() -> None:
    d = Draft(extra={"referral": "Yelp", "referral_text": "yelp"})
    assert SLOT.customer(d, {"source": "sms"}) == {"referral_text": "yelp", "source": "Yelp"}
    assert SLOT.customer(d, {"source": "fb_ad_9"}) == {"referral_text": "yelp"}
    assert SLOT.customer(Draft(), {"source": "sms"}) == {}
