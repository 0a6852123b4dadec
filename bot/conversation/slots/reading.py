"""The engine's one door to the reading functions (understand/, when, addresses, extract).

The understanding side of issue 8 owns how a text is read; the slots import readers only
from here, so that switching to a better reader is a change of this file alone. The two
small patterns below ("whenever", "same as before") stand in until their readers land.
"""

from __future__ import annotations

import re
import unicodedata

from bot.conversation.addresses import Address, parse_address
from bot.conversation.extract import Facts, extract
from bot.conversation.parsing import display_phone, is_handoff, parse_phone
from bot.conversation.understand.chatter import is_acknowledgement, is_chatter, strip_chatter
from bot.conversation.understand.emails import find_email, parse_email
from bot.conversation.understand.names import Name, find_name, parse_name
from bot.conversation.understand.phones import find_phone
from bot.conversation.understand.referral import read_referral
from bot.conversation.understand.skip import is_skip
from bot.conversation.understand.yesno import read_yes_no, split_yes_no
from bot.conversation.when import PreferredTime, WhenError, parse_when

__all__ = ["Address", "Facts", "Name", "PreferredTime", "WhenError", "display_phone",
           "extract", "find_email", "find_phone", "find_name", "is_handoff", "parse_address",
           "parse_email", "parse_phone", "parse_when", "clean", "read_yes_no", "split_yes_no",
           "is_skip", "is_acknowledgement", "is_chatter", "strip_chatter", "parse_name",
           "read_referral", "no_preference", "means_same_as_before"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]+")
NO_PREFERENCE = re.compile(
    r"^(?:whenever|whenever works|whenever is fine|whenever you can|any ?time|any ?time works|"
    r"anytime is fine|any day|any day works|no preference|doesn'?t matter|does not matter|"
    r"i'?m flexible|flexible|whatever works|whenever's good|cuando sea|cuando puedan|"
    r"a cualquier hora|cualquier d[ií]a|cualquier momento|me da igual|no importa la hora)$", re.I)
SAME = re.compile(r"\b(?:same(?: (?:place|spot|address|one|as before|as last time))?|"
                  r"as before|like last time|la misma|el mismo|igual que antes)\b", re.I)


def clean(text: str) -> str:
    """Lower-cased, emoji and outer punctuation removed, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return " ".join(_EMOJI.sub(" ", text).lower().split()).strip(" .!?,;:-~")


def no_preference(text: str) -> bool:
    """"whenever", "any time", "cuando sea": no time preferred."""
    return bool(NO_PREFERENCE.match(clean(text)))


def means_same_as_before(text: str) -> bool:
    """"same spot as before", "same address": reuse what is on file."""
    return bool(SAME.search(clean(text)))
