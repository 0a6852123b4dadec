"""Every reader answers any text without raising, and its answer has the promised shape."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.conversation.understand import (
    addresses,
    chatter,
    emails,
    extract,
    names,
    phones,
    referral,
    skip,
    yesno,
)
from bot.conversation.understand.referral import PRESETS
from tests.bot.conversation.understand.grading import NOW, TZ

_WORDY = st.lists(st.sampled_from(str.split(
    "hi yes no its it's this is kim lee Lee , . ! 👍 🙂 my name 42 Elm St apt # 4 tomorrow at 3 "
    "after 5 whenever skip sí gracias @ gmail dot com 555-123-4567 (blue house) de la and the "
    "sink leaking Inc LLC with Summit Realty same as before")), max_size=14).map(" ".join)
TEXTS = st.text(max_size=200) | _WORDY


@settings(max_examples=300, deadline=None)
@given(TEXTS)
@example("Y:0\xa0")  # found by hypothesis: a no-break space after the rest
def test_readers_never_raise_and_answer_in_shape(text: str) -> None:
    assert yesno.read_yes_no(text) in ("yes", "no", None)
    answer, rest = yesno.split_yes_no(text)
    assert answer in ("yes", "no", None) and rest in text.strip() + " "
    assert isinstance(skip.is_skip(text), bool)
    stripped = chatter.strip_chatter(text)
    assert stripped in text
    assert not chatter.is_acknowledgement(text) or chatter.is_chatter(text)
    name = names.parse_name(text)
    assert isinstance(name, names.Name) or name in ("empty", "chatter", "single", "invalid")
    if isinstance(name, names.Name):
        assert name.first or name.last or name.company
    found = referral.read_referral(text)
    assert found is None or (found[0] in PRESETS and found[1])
    assert isinstance(addresses.means_same_as_before(text), bool)
    assert extract.extract(text, "US", NOW, TZ) is not None


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_spans_point_into_the_text(text: str) -> None:
    for found in (names.find_name_span(text), phones.find_phone_span(text, "US"),
                  emails.find_email_span(text)):
        if found is not None:
            _, start, end = found
            assert 0 <= start < end <= len(text)
    email = emails.find_email(text)
    assert email is None or ("@" in email and email == email.lower())
    phone = phones.find_phone(text, "US")
    assert phone is None or (phone.startswith("+") and phone[1:].isdigit())


def test_long_and_hostile_inputs_are_answered() -> None:
    # How fast is measured by bench/understanding.py --speed, not asserted here.
    for text in ["x" * 5000, "hi " * 2000, "this is " * 600, "no " * 1500, "👍" * 3000,
                 "Apt 4, " * 500, "kim at gmail dot " * 200, "(" * 3000, "same " * 900]:
        assert names.parse_name(text) in ("invalid", "chatter", "single") or isinstance(
            names.parse_name(text), names.Name)
        assert yesno.read_yes_no(text) in ("yes", "no", None)
        assert extract.extract(text, "US", NOW, TZ) is not None
        assert isinstance(skip.is_skip(text), bool)
        found = referral.read_referral(text)
        assert found is None or found[0] in PRESETS
