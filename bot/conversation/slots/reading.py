"""The engine's one door to the reading functions (understand/, when, addresses, extract).

The understanding side of issue 8 owns how a text is read; the slots import readers only
from here, so that switching to a better reader is a change of this file alone.
"""

from __future__ import annotations

import re
import unicodedata

from bot.conversation.parsing import is_handoff, parse_phone
from bot.conversation.understand.addresses import (
    Address,
    find_address,
    means_same_as_before,
    parse_address,
)
from bot.conversation.understand.chatter import is_acknowledgement, is_chatter, strip_chatter
from bot.conversation.understand.emails import find_email, parse_email
from bot.conversation.understand.extract import Facts, extract
from bot.conversation.understand.names import Name, find_name, parse_name
from bot.conversation.understand.phones import find_phone
from bot.conversation.understand.referral import read_referral
from bot.conversation.understand.skip import is_skip
from bot.conversation.understand.when import (
    PreferredTime,
    WhenError,
    means_no_preference,
    parse_when,
)
from bot.conversation.understand.yesno import read_yes_no, split_yes_no

__all__ = ["Address", "Facts", "Name", "PreferredTime", "WhenError", "extract",
           "find_address", "find_email", "find_phone", "find_name", "is_handoff",
           "parse_address", "parse_email", "parse_phone", "parse_when", "clean",
           "read_yes_no", "split_yes_no", "is_skip", "is_acknowledgement", "is_chatter",
           "strip_chatter", "parse_name", "read_referral", "means_no_preference",
           "means_same_as_before"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]+")


def clean(text: str) -> str:
    """Lower-cased, emoji and outer punctuation removed, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return " ".join(_EMOJI.sub(" ", text).lower().split()).strip(" .!?,;:-~")

