"""Phone numbers inside a message ("nah use +1 646 555 0123 instead"), as E.164.

phonenumbers' PhoneNumberMatcher finds them; leniency POSSIBLE because texters give numbers
that are well formed but not assigned (555 numbers in examples, new area codes).
"""

from __future__ import annotations

import phonenumbers

from bot.conversation.understand.text import MAX_CHARS


def find_phone_span(text: str, region: str) -> tuple[str, int, int] | None:
    """The first phone number in `text` as E.164, with its [start, end) span."""
    leniency = phonenumbers.Leniency.POSSIBLE
    try:
        for match in phonenumbers.PhoneNumberMatcher(text[:MAX_CHARS], region, leniency=leniency):
            reason = phonenumbers.is_possible_number_with_reason(match.number)
            if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
                continue  # "555 1234" is dialable only locally: not a number we can store
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            return e164, match.start, match.end
    except Exception:  # third-party code fed raw texts: a failure only means "none found"
        return None
    return None


def find_phone(text: str, region: str) -> str | None:
    """The first phone number in `text` as E.164 ("my cell is (555) 123-4567"), or None."""
    found = find_phone_span(text, region)
    return found[0] if found else None
